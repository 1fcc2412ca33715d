/** Spec paths, written once so every rule names the same place the same way. */
export const paths = {
  hosts: "spec.hosts",
  host: (i: number) => `spec.hosts[${i}]`,
  vm: (i: number) => `spec.virtualMachines[${i}]`,
  image: (i: number) => `spec.images[${i}]`,
  network: (i: number) => `spec.networks[${i}]`,
  clusterNetwork: "spec.clusterNetwork",
  domain: "spec.domain",
} as const;

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
