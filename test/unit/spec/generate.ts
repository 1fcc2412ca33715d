/**
 * fast-check arbitraries for valid cluster spec documents (the raw YAML shape), shared by the
 * property tests and the benchmark's idea of a realistic file.
 */
import fc from "fast-check";

export type Doc = {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: {
    clusterNetwork?: { subnet: string; reservedRange: { from: string; to: string } };
    domain?: string;
    hosts: {
      name: string;
      address: string;
      volumes: { path: string; filesystem: string }[];
      sha?: boolean;
    }[];
    networks: { name: string }[];
    images: { name: string; type: string; path: string; storage: string[] }[];
    virtualMachines: Record<string, unknown>[];
  };
};

const vmArb = (hosts: string[]) =>
  fc.record({
    cpu: fc.integer({ min: 1, max: 16 }),
    memoryGiB: fc.integer({ min: 1, max: 64 }),
    diskGiB: fc.integer({ min: 1, max: 2048 }),
    storageHost: fc.constantFrom(...hosts),
    // A disk image to clone (R12), or none: a blank boot disk, which then needs its size.
    image: fc.constantFrom("ubuntu", "debian", undefined),
    bootSized: fc.boolean(),
    place: fc.option(fc.constantFrom(...hosts), { nil: undefined }),
    ha:
      hosts.length >= 3
        ? fc.option(fc.shuffledSubarray(hosts, { minLength: 2, maxLength: 2 }), { nil: undefined })
        : fc.constant(undefined),
    power: fc.constantFrom("running", "stopped"),
  });

export const validDoc: fc.Arbitrary<Doc> = fc.integer({ min: 1, max: 7 }).chain((count) => {
  const hosts = Array.from({ length: count }, (_, i) => `nas-${i}`);
  return fc.array(vmArb(hosts), { maxLength: 12 }).map((vms): Doc => ({
    apiVersion: "synovmm/v1",
    kind: "Cluster",
    metadata: { name: "gen" },
    spec: {
      clusterNetwork: { subnet: "10.20.0.0/24", reservedRange: { from: "10.20.0.10", to: "10.20.0.40" } },
      domain: "corp.example.com",
      hosts: hosts.map((name, i) => ({
        name,
        address: `10.20.0.${11 + i}`,
        volumes: [{ path: "/volume1", filesystem: "btrfs" }],
      })),
      networks: [{ name: "vm-lan" }],
      images: [
        { name: "ubuntu", type: "disk", path: "/images/ubuntu.img", storage: ["nas-0:/volume1"] },
        // Install media: may be imported, never a VM's image (R12).
        { name: "ubuntu-iso", type: "iso", path: "/images/ubuntu.iso", storage: ["nas-0:/volume1"] },
        {
          name: "debian",
          type: "disk",
          path: "/images/debian.qcow2",
          storage: [`nas-${count - 1}:/volume1`],
        },
      ],
      virtualMachines: vms.map((v, i) => ({
        name: `vm-${i}`,
        ...(v.image === undefined ? {} : { image: v.image }),
        cpu: v.cpu,
        memory: `${v.memoryGiB}GiB`,
        storage: `${v.storageHost}:/volume1`,
        // Only the boot disk of a VM with an image may leave its size out (the image's own).
        disks: [v.image !== undefined && !v.bootSized ? {} : { size: `${v.diskGiB}GiB` }],
        nics: [{ network: "vm-lan" }],
        power: v.power,
        ...(v.ha
          ? { host: v.ha[0], highAvailability: { active: v.ha[0], passive: v.ha[1] } }
          : v.place
            ? { host: v.place }
            : {}),
      })),
    },
  }));
});
