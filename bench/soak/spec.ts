/**
 * A soak run's declared state as a spec file (docs/spec-format.md), for the simulator's cluster:
 * the hosts it lists at their cluster addresses and endpoints. The cluster and its starting hosts
 * exist before the run and are taken over (`fromSpec(…, { adopt: true })` in the project); a spare
 * box the spec lists joins. Every image and VM says `adopt: false`, so the stack may only take over
 * what it created itself (ADR 020).
 */
import type { Declared, PlannedVm } from "./plan";

export interface LiveCluster {
  name: string;
  subnet: string;
  reservedFrom: string;
  reservedTo: string;
  /** Every box of the simulator, as a spec lists it when it is a member. */
  boxes: { name: string; address: string; endpoint: string }[];
  /** The members of the starting cluster: images live on their volumes, which never leave. */
  startHosts: number;
}

export const NETWORK = "Default VM Network";

export function imagePath(image: string): string {
  return `/images/${image}.img`;
}

function vmLines(vm: PlannedVm, cluster: LiveCluster): string[] {
  const boot = vm.image === undefined ? "{ size: 8GiB }" : "{}";
  const disks = vm.dataDiskGiB === undefined ? [boot] : [boot, `{ size: ${vm.dataDiskGiB}GiB }`];
  return [
    `    - name: ${vm.name}`,
    ...(vm.image === undefined ? [] : [`      image: ${vm.image}`]),
    `      cpu: ${vm.cpu}`,
    `      memory: ${vm.memoryMiB}MiB`,
    `      storage: ${cluster.boxes[vm.host].name}:/volume1`,
    ...(vm.runsOn === undefined ? [] : [`      host: ${cluster.boxes[vm.runsOn].name}`]),
    ...(vm.ha === undefined
      ? []
      : [
          `      highAvailability: { active: ${cluster.boxes[vm.ha.active].name}, ` +
            `passive: ${cluster.boxes[vm.ha.passive].name} }`,
        ]),
    `      disks: [${disks.join(", ")}]`,
    `      nics: [{ network: ${NETWORK} }]`,
    `      power: ${vm.power}`,
    "      allowRestart: true",
    ...(vm.description === undefined ? [] : [`      description: ${JSON.stringify(vm.description)}`]),
    "      adopt: false",
  ];
}

export function specYaml(declared: Declared, cluster: LiveCluster): string {
  const everyVolume = cluster.boxes
    .slice(0, cluster.startHosts)
    .map((h) => `${h.name}:/volume1`)
    .join(", ");
  const lines = [
    "# Written by the soak (bench/soak) for the simulator it started.",
    "apiVersion: synovmm/v1",
    "kind: Cluster",
    "metadata:",
    `  name: ${cluster.name}`,
    "spec:",
    "  clusterNetwork:",
    `    subnet: ${cluster.subnet}`,
    `    reservedRange: { from: ${cluster.reservedFrom}, to: ${cluster.reservedTo} }`,
    "  hosts:",
    ...declared.hosts
      .map((i) => cluster.boxes[i])
      .flatMap((h) => [
        `    - name: ${h.name}`,
        `      address: ${h.address}`,
        `      endpoint: ${h.endpoint}`,
        "      volumes: [{ path: /volume1, filesystem: btrfs }]",
      ]),
    "  networks:",
    `    - name: ${NETWORK}`,
  ];
  if (declared.images.length > 0) {
    lines.push("  images:");
    for (const image of declared.images)
      lines.push(
        `    - name: ${image}`,
        "      type: disk",
        `      path: ${imagePath(image)}`,
        `      storage: [${everyVolume}]`,
        "      adopt: false",
      );
  }
  if (declared.vms.length > 0) {
    lines.push("  virtualMachines:");
    for (const vm of declared.vms) lines.push(...vmLines(vm, cluster));
  }
  return `${lines.join("\n")}\n`;
}
