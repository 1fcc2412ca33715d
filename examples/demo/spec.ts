/**
 * The demo's cluster spec, written for the simulator's endpoints (the same format as any spec in
 * examples/, see docs/spec-format.md). One function builds every variant the demo needs, so the
 * valid spec and the invalid ones differ only in what each step is about.
 */

export interface DemoHost {
  name: string;
  /** Simulator box number: box k listens on endpoints[k - 1]. */
  box: number;
}

export const HOSTS: readonly DemoHost[] = [
  { name: "nas-a", box: 1 },
  { name: "nas-b", box: 2 },
  { name: "nas-c", box: 3 },
];

/** The NAS that asks to join in step 4. */
export const JOINING_HOST: DemoHost = { name: "nas-d", box: 4 };

export interface SpecOptions {
  hosts: readonly DemoHost[];
  /** HA pair of db-1; its hosts must be among `hosts`. */
  ha: { active: string; passive: string };
}

export function demoSpecYaml(endpoints: readonly string[], options: SpecOptions): string {
  const storage = `${options.hosts[0].name}:/volume1`;
  const lines = [
    "# Written by examples/demo/run.ts for the simulator it started.",
    "apiVersion: synovmm/v1",
    "kind: Cluster",
    "metadata:",
    "  name: demo",
    "spec:",
    "  clusterNetwork:",
    "    subnet: 10.20.0.0/24",
    "    reservedRange: { from: 10.20.0.10, to: 10.20.0.40 }",
    "  domain: corp.example.com",
    "  hosts:",
    ...options.hosts.flatMap((h) => [
      `    - name: ${h.name}`,
      `      address: 10.20.0.${10 + h.box}`,
      `      endpoint: ${endpoints[h.box - 1]}`,
      "      volumes: [{ path: /volume1, filesystem: btrfs }]",
    ]),
    "  networks:",
    "    - name: Default VM Network",
    "  images:",
    "    - name: ubuntu-24.04",
    "      type: disk",
    "      path: /images/ubuntu-24.04.img",
    `      storage: [${storage}]`,
    "  virtualMachines:",
    ...vm("web-1", storage, ["      host: nas-a"]),
    ...vm("web-2", storage, ["      host: nas-b"]),
    ...vm("db-1", storage, [
      `      highAvailability: { active: ${options.ha.active}, passive: ${options.ha.passive} }`,
    ]),
    ...vm("batch-1", storage, [], "stopped"),
  ];
  return lines.join("\n") + "\n";
}

function vm(
  name: string,
  storage: string,
  extra: string[],
  power: "running" | "stopped" = "running",
): string[] {
  return [
    `    - name: ${name}`,
    "      image: ubuntu-24.04",
    "      cpu: 1",
    "      memory: 1GiB",
    `      storage: ${storage}`,
    "      disks: [{ size: 10GiB }]",
    "      nics: [{ network: Default VM Network }]",
    `      power: ${power}`,
    "      allowRestart: false",
    ...extra,
  ];
}
