/**
 * The handler-level integration tests' world: a simulator with the 3-host cluster "lab" joined, and
 * the provider's stack config pointing at it, as a fresh provider process would see it.
 */
import { resetProcessState } from "../../../provider/api";
import { setConfigSource } from "../../../provider/live/connection";
import { newProviderProcess } from "../../../provider/live/process";
import { setLiveApiFactory } from "../../../provider/live/context";
import { startSimulator, type SimulatorHandle, type SimulatorOptions } from "../../../simulator";
import { CLUSTER } from "../api/sim";
import type { VirtualMachineInputs } from "../../../provider/resources/types";

export async function labClusterForHandlers(
  options: SimulatorOptions = {},
  extraConfig: Record<string, string> = {},
): Promise<SimulatorHandle> {
  resetProcessState();
  const sim = await startSimulator({ hosts: 3, taskDurationMs: 50, cluster: CLUSTER, ...options });
  pointConfigAt(sim, extraConfig);
  return sim;
}

/** What the next CLI command's provider would be: a new process, nothing read or cached yet. */
export function asNextProviderProcess(sim: SimulatorHandle, extraConfig: Record<string, string> = {}): void {
  newProviderProcess();
  pointConfigAt(sim, extraConfig);
}

function pointConfigAt(sim: SimulatorHandle, extraConfig: Record<string, string>): void {
  const config: Record<string, string> = {
    "synovmm:endpoints": JSON.stringify(sim.endpoints),
    "synovmm:username": sim.username,
    "synovmm:password": sim.password,
    ...extraConfig,
  };
  setConfigSource((k) => config[k]);
  setLiveApiFactory(undefined); // a fresh DSM-backed LiveApi, as in a new provider process
}

/** A small VM on the lab cluster's first storage and default network; tests override what they test. */
export function labVm(name: string, overrides: Partial<VirtualMachineInputs> = {}): VirtualMachineInputs {
  return {
    cluster: "lab",
    name,
    image: "ubuntu-22.04-cloud",
    cpu: 1,
    memory: "1GiB",
    storage: "syno-1:/volume1",
    disks: [{ size: "20GiB" }],
    nics: [{ network: "Default VM Network" }],
    power: "running",
    autorun: "last",
    allowRestart: false,
    ...overrides,
  };
}
