// Starts the simulator in-process on port 0 and builds clients against it, with every log line kept.

import { ClientOptions, LogLevel, VmmClient, createClient, resetProcessState } from "../../../provider/api";
import { SimulatorHandle, SimulatorOptions, startSimulator } from "../../../simulator";

export const CLUSTER = {
  name: "lab",
  subnet: "10.10.0.0/24",
  reservedFrom: "10.10.0.10",
  reservedTo: "10.10.0.50",
  joined: 3,
};

export interface Harness {
  readonly sim: SimulatorHandle;
  readonly logs: Array<[LogLevel, string]>;
  readonly clients: VmmClient[];
  client(extra?: Partial<ClientOptions>): VmmClient;
  close(): Promise<void>;
}

export async function harness(options: SimulatorOptions = {}): Promise<Harness> {
  resetProcessState();
  const sim = await startSimulator({ hosts: 3, taskDurationMs: 100, cluster: CLUSTER, ...options });
  const logs: Array<[LogLevel, string]> = [];
  const clients: VmmClient[] = [];
  return {
    sim,
    logs,
    clients,
    client(extra = {}) {
      const c = createClient({
        endpoints: sim.endpoints,
        username: sim.username,
        password: sim.password,
        timeoutMs: 5_000,
        retry: { attempts: 4, baseDelayMs: 20 },
        logger: (level, message) => logs.push([level, message]),
        ...extra,
      });
      clients.push(c);
      return c;
    },
    async close() {
      await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
      await sim.close();
      resetProcessState();
    },
  };
}

export async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected a rejection");
}

export async function newGuest(client: VmmClient, name: string) {
  const storages = await client.storages.list();
  const storage = storages.find((s) => s.status === "online") ?? storages[0];
  return client.guests.create({
    name,
    storageId: storage.id,
    disks: [{ sizeMiB: 10240 }],
    nics: [{ networkName: "Default VM Network" }],
  });
}
