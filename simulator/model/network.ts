/** Virtual networks guests plug their vNICs into; one may be limited to some hosts (error 909). */
import type { NetworkState } from "./state";
import type { World } from "./world";
import { fail } from "./errors";

export const DEFAULT_NETWORK = "Default VM Network";

export function createNetwork(world: World, name: string, hostIds: string[] | null): NetworkState {
  if (world.findNetwork(name) !== undefined)
    fail(403, "network_name", `a network named '${name}' exists already; pick another name`);
  const net: NetworkState = { id: world.rng.uuid(), name, hostIds };
  world.state.networks.push(net);
  world.touched();
  return net;
}

export function networkOnHost(net: NetworkState, hostId: string): boolean {
  return net.hostIds === null || net.hostIds.includes(hostId);
}
