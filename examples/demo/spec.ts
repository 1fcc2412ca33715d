/**
 * The demo's cluster spec, written for the simulator's endpoints (the same format as any spec in
 * examples/, see docs/spec-format.md). One function builds every variant the demo needs, so the
 * valid spec and the invalid ones differ only in what each step is about.
 */

export interface HostSpec {
  name: string;
  box: number;
}

export interface VmSpec {
  name: string;
  host?: string;
  memory?: string;
  cpu?: number;
  power?: "running" | "stopped";
  allowRestart?: boolean;
  ha?: { active: string; passive: string };
}

export interface ClusterSpec {
  name?: string;
  hosts: HostSpec[];
  images?: boolean;
  vms?: VmSpec[];
}

/**
 * A spec file in the format of docs/spec-format.md whose hosts are the simulator's boxes (box k
 * answers at endpoints[k - 1]); a box past the end gets a made-up endpoint. Used by the demo and
 * by the e2e scenarios, so both drive the provider with the same kind of file.
 */
export function simulatorSpecYaml(endpoints: readonly string[], spec: ClusterSpec, header?: string): string {
  const lines = [
    ...(header === undefined ? [] : [header]),
    "apiVersion: synovmm/v1",
    "kind: Cluster",
    "metadata:",
    `  name: ${spec.name ?? "lab"}`,
    "spec:",
    "  clusterNetwork:",
    "    subnet: 10.20.0.0/24",
    "    reservedRange: { from: 10.20.0.10, to: 10.20.0.40 }",
    "  domain: corp.example.com",
    "  hosts:",
    ...spec.hosts.flatMap((h) => [
      `    - name: ${h.name}`,
      `      address: 10.20.0.${10 + h.box}`,
      `      endpoint: ${endpoints[h.box - 1] ?? `https://${h.name}.lan:5001`}`,
      "      volumes: [{ path: /volume1, filesystem: btrfs }]",
    ]),
    "  networks:",
    "    - name: Default VM Network",
  ];
  if (spec.images !== false) {
    // A disk (cloud) image: the only type VMM clones into a VM's boot disk (R12).
    lines.push(
      "  images:",
      "    - name: ubuntu-24.04",
      "      type: disk",
      "      path: /images/ubuntu-24.04.img",
      `      storage: [${spec.hosts[0].name}:/volume1]`,
    );
  }
  if (spec.vms && spec.vms.length > 0) {
    lines.push("  virtualMachines:");
    for (const vm of spec.vms) {
      lines.push(
        `    - name: ${vm.name}`,
        "      image: ubuntu-24.04",
        `      cpu: ${vm.cpu ?? 1}`,
        `      memory: ${vm.memory ?? "1GiB"}`,
        `      storage: ${spec.hosts[0].name}:/volume1`,
        // The boot disk at the image's own size: a real NAS cannot grow a clone (ADR 021).
        "      disks: [{}]",
        "      nics: [{ network: Default VM Network }]",
        `      power: ${vm.power ?? "running"}`,
        `      allowRestart: ${vm.allowRestart ?? false}`,
      );
      if (vm.host) lines.push(`      host: ${vm.host}`);
      if (vm.ha) lines.push(`      highAvailability: { active: ${vm.ha.active}, passive: ${vm.ha.passive} }`);
    }
  }
  return lines.join("\n") + "\n";
}

/** The demo's three cluster members. */
export const HOSTS: readonly HostSpec[] = [
  { name: "nas-a", box: 1 },
  { name: "nas-b", box: 2 },
  { name: "nas-c", box: 3 },
];

/** The NAS that asks to join in step 4. */
export const JOINING_HOST: HostSpec = { name: "nas-d", box: 4 };

export interface SpecOptions {
  hosts: readonly HostSpec[];
  /** HA pair of db-1; its hosts must be among `hosts`. */
  ha: { active: string; passive: string };
}

export function demoSpecYaml(endpoints: readonly string[], options: SpecOptions): string {
  return simulatorSpecYaml(
    endpoints,
    {
      name: "demo",
      hosts: [...options.hosts],
      vms: [
        { name: "web-1", host: "nas-a" },
        { name: "web-2", host: "nas-b" },
        { name: "db-1", ha: options.ha },
        { name: "batch-1", power: "stopped" },
      ],
    },
    "# Written by examples/demo/run.ts for the simulator it started.",
  );
}
