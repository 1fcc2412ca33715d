/**
 * The hostile-spec corpus: hand-written files under test/fixtures/hostile/, large files
 * generated at run time (never committed), and property-based mutations of valid generated specs
 * that each put one hostile value into one place. Shared by corpus.test.ts and
 * bench/hostile-corpus.ts so the test and the measurement judge the same inputs.
 */
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { dump } from "js-yaml";
import { packageRoot } from "../../../provider/model/package-root";
import { type Doc, validDoc } from "../spec/generate";

export const fixtureDir = join(packageRoot(), "test", "fixtures", "hostile");

/** The committed hand-written hostile files. */
export function handWrittenFiles(): string[] {
  return readdirSync(fixtureDir)
    .sort()
    .map((f) => join(fixtureDir, f));
}

const HEAD = "apiVersion: synovmm/v1\nkind: Cluster\nmetadata: { name: big }\n";

/** Files too large to commit, written into `dir`; returns their paths. */
export function writeGeneratedFiles(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const files: Record<string, string> = {
    // A crash once seen: a 52 KB file with two 25,000-character names ("did you mean" on them).
    "long-names.yaml":
      HEAD +
      "spec:\n  hosts:\n" +
      `    - { name: ${"a".repeat(25_000)}, address: 10.20.0.11, volumes: [] }\n` +
      `  virtualMachines:\n    - { name: v, image: i, cpu: 1, memory: 1GiB, storage: "${"b".repeat(25_000)}:/volume1", disks: [{ size: 1GiB }] }\n`,
    // A 20 MB file: many VMs, all alike (over the 8 MiB cap).
    "twenty-megabytes.yaml":
      HEAD +
      "spec:\n  hosts: [{ name: nas-a, address: 10.20.0.11, volumes: [{ path: /volume1, filesystem: btrfs }] }]\n  virtualMachines:\n" +
      "    - { name: vm, image: u, cpu: 1, memory: 1GiB, storage: nas-a:/volume1, disks: [{ size: 1GiB }] }\n".repeat(
        210_000,
      ),
    // One 2 MB line.
    "long-line.yaml": `${HEAD}spec: { hosts: [], description: "${"x".repeat(2_000_000)}" }\n`,
    // 100,000 keys in one mapping.
    "many-keys.yaml": `${HEAD}spec:\n${Array.from({ length: 100_000 }, (_, i) => `  k${i}: ${i}\n`).join("")}`,
    // 10,000 nested lists.
    "deep-nesting-10k.yaml": `${HEAD}spec: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n`,
    // A number with 100,000 digits.
    "huge-integer.yaml": `${HEAD}spec: { hosts: [], cpu: ${"9".repeat(100_000)} }\n`,
  };
  return Object.entries(files).map(([name, text]) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  });
}

type Vm = Record<string, unknown> & { disks: { size?: string }[]; nics: Record<string, unknown>[] };
type Host = Doc["spec"]["hosts"][number] & Record<string, unknown>;

export interface HostileMutation {
  name: string;
  /** The problem code or rule id that must report it. */
  expect: string;
  apply(doc: Doc, pick: number): void;
  /** For what only the text can say (an alias as a key): edits the dumped YAML. */
  edit?(yaml: string): string;
}

const at = <T>(items: T[], pick: number): T => items[pick % items.length];
const vm = (doc: Doc, pick: number): Vm => at(doc.spec.virtualMachines, pick) as Vm;
const host = (doc: Doc, pick: number): Host => at(doc.spec.hosts, pick) as Host;
const image = (doc: Doc, pick: number): Record<string, unknown> => at(doc.spec.images, pick);
const long = (n: number): string => "n".repeat(n);

/** One hostile value in one place; each must be refused with the named id. */
export const hostileMutations: HostileMutation[] = [
  { name: "cpu 1e9", expect: "SCHEMA", apply: (d, p) => void (vm(d, p).cpu = 1_000_000_000) },
  { name: "cpu 1e308", expect: "SCHEMA", apply: (d, p) => void (vm(d, p).cpu = 1e308) },
  { name: "cpu Infinity", expect: "SCHEMA", apply: (d, p) => void (vm(d, p).cpu = Infinity) },
  { name: "cpu 0", expect: "SCHEMA", apply: (d, p) => void (vm(d, p).cpu = 0) },
  { name: "cpu -3", expect: "SCHEMA", apply: (d, p) => void (vm(d, p).cpu = -3) },
  { name: "cpu 2.5", expect: "SCHEMA", apply: (d, p) => void (vm(d, p).cpu = 2.5) },
  { name: "cpu quoted", expect: "SCHEMA", apply: (d, p) => void (vm(d, p).cpu = "2") },
  { name: "memory 99999999TiB", expect: "SCHEMA", apply: (d, p) => void (vm(d, p).memory = "99999999TiB") },
  { name: "memory 1e308", expect: "SCHEMA", apply: (d, p) => void (vm(d, p).memory = "1e308") },
  { name: "memory number", expect: "SCHEMA", apply: (d, p) => void (vm(d, p).memory = 1e308) },
  {
    name: "memory 400 digits",
    expect: "SCHEMA",
    apply: (d, p) => void (vm(d, p).memory = `${"9".repeat(400)}MiB`),
  },
  {
    name: "disk 99999999TiB",
    expect: "SCHEMA",
    apply: (d, p) => void (vm(d, p).disks[0].size = "99999999TiB"),
  },
  { name: "disk 0GiB", expect: "SCHEMA", apply: (d, p) => void (vm(d, p).disks[0].size = "0GiB") },
  {
    name: "disk null",
    expect: "SCHEMA",
    apply: (d, p) => void ((vm(d, p).disks[0] as Record<string, unknown>).size = null),
  },
  {
    name: "endpoint port 0",
    expect: "SCHEMA",
    apply: (d, p) => void (host(d, p).endpoint = "https://nas.lan:0"),
  },
  {
    name: "endpoint port 99999",
    expect: "SCHEMA",
    apply: (d, p) => void (host(d, p).endpoint = "https://nas.lan:99999"),
  },
  { name: "endpoint not a url", expect: "SCHEMA", apply: (d, p) => void (host(d, p).endpoint = "not a url") },
  {
    name: "endpoint long host",
    expect: "SCHEMA",
    apply: (d, p) => void (host(d, p).endpoint = `https://${long(10_000)}:5001`),
  },
  { name: "host name 10,000", expect: "SCHEMA", apply: (d, p) => void (host(d, p).name = long(10_000)) },
  { name: "host network address", expect: "R8", apply: (d, p) => void (host(d, p).address = "10.20.0.0") },
  {
    name: "host broadcast address",
    expect: "R8",
    apply: (d, p) => void (host(d, p).address = "10.20.0.255"),
  },
  { name: "host address 999", expect: "SCHEMA", apply: (d, p) => void (host(d, p).address = "10.20.0.999") },
  {
    name: "volume twice",
    expect: "UNIQUE",
    apply: (d, p) => void host(d, p).volumes.push({ ...host(d, p).volumes[0] }),
  },
  {
    name: "volume relative",
    expect: "SCHEMA",
    apply: (d, p) => void (host(d, p).volumes[0].path = "volume1"),
  },
  {
    name: "volume dotdot",
    expect: "SCHEMA",
    apply: (d, p) => void (host(d, p).volumes[0].path = "/volume1/../x"),
  },
  // What a real NAS can do: only Synology volumes (R9), only disk images as a VM's image (R12), and a blank
  // boot disk needs its size.
  { name: "volume root", expect: "SCHEMA", apply: (d, p) => void (host(d, p).volumes[0].path = "/") },
  {
    name: "volume 0",
    expect: "SCHEMA",
    apply: (d, p) => void (host(d, p).volumes[0].path = "/volume0"),
  },
  { name: "storage root", expect: "SCHEMA", apply: (d, p) => void (vm(d, p).storage = "nas-0:/") },
  { name: "vm image an iso", expect: "R12", apply: (d, p) => void (vm(d, p).image = "ubuntu-iso") },
  {
    name: "blank boot disk without size",
    expect: "SCHEMA",
    apply: (d, p) => {
      const v = vm(d, p);
      delete v.image;
      v.disks = [{}];
    },
  },
  { name: "image path blank", expect: "SCHEMA", apply: (d, p) => void (image(d, p).path = "  ") },
  { name: "image path empty", expect: "SCHEMA", apply: (d, p) => void (image(d, p).path = "") },
  {
    name: "image path relative",
    expect: "SCHEMA",
    apply: (d, p) => void (image(d, p).path = "images/u.iso"),
  },
  {
    name: "image path dotdot",
    expect: "SCHEMA",
    apply: (d, p) => void (image(d, p).path = "/images/../u.iso"),
  },
  {
    name: "mac multicast",
    expect: "SCHEMA",
    apply: (d, p) => void (vm(d, p).nics[0].mac = "01:00:5e:00:00:01"),
  },
  { name: "mac zero", expect: "SCHEMA", apply: (d, p) => void (vm(d, p).nics[0].mac = "00:00:00:00:00:00") },
  {
    name: "mac broadcast",
    expect: "SCHEMA",
    apply: (d, p) => void (vm(d, p).nics[0].mac = "ff:ff:ff:ff:ff:ff"),
  },
  { name: "unknown key, long", expect: "SCHEMA", apply: (d, p) => void (vm(d, p)[long(25_000)] = 1) },
  { name: "cluster name 10,000", expect: "SCHEMA", apply: (d) => void (d.metadata.name = long(10_000)) },
  {
    name: "description 100,000",
    expect: "SCHEMA",
    apply: (d, p) => void (vm(d, p).description = long(100_000)),
  },
  {
    name: "subnet /33",
    expect: "SCHEMA",
    apply: (d) =>
      void (d.spec.clusterNetwork = {
        subnet: "10.20.0.0/33",
        reservedRange: { from: "10.20.0.10", to: "10.20.0.40" },
      }),
  },
  { name: "spec null", expect: "SCHEMA", apply: (d) => void ((d as Record<string, unknown>).spec = null) },
  {
    name: "hosts a string",
    expect: "SCHEMA",
    apply: (d) => void ((d.spec as Record<string, unknown>).hosts = "nas-a"),
  },
  { name: "image unknown", expect: "REF", apply: (d, p) => void (vm(d, p).image = "no-such-image") },
  {
    name: "storage host unknown",
    expect: "REF",
    apply: (d, p) => void (vm(d, p).storage = "nas-zz:/volume1"),
  },
  {
    name: "alias duplicate key",
    expect: "DUPLICATE_KEY",
    apply: () => undefined,
    edit: (yaml) => yaml.replace("metadata:\n  name: gen\n", "metadata:\n  &k name: gen\n  *k : evil\n"),
  },
];

export interface HostileSpec {
  name: string;
  text: string;
  expect: string;
}

/** YAML text for a mutated spec; the alias-key mutation is made in the text itself. */
export function render(doc: Doc, mutation: HostileMutation, pick: number): HostileSpec {
  const copy = structuredClone(doc);
  mutation.apply(copy, pick);
  const yaml = dump(copy, { lineWidth: -1 });
  return {
    name: `${mutation.name} (pick ${pick})`,
    text: mutation.edit?.(yaml) ?? yaml,
    expect: mutation.expect,
  };
}

/** Specs with a VM to mutate, a hostile mutation and where to apply it. */
export const hostileSpec: fc.Arbitrary<HostileSpec> = fc
  .tuple(
    validDoc.filter((d) => d.spec.virtualMachines.length > 0),
    fc.constantFrom(...hostileMutations),
    fc.nat(),
  )
  .map(([doc, mutation, pick]) => render(doc, mutation, pick));

/** A fixed sample of the mutation corpus (the bench measures this one). */
export function sampleHostileSpecs(count: number, seed = 11): HostileSpec[] {
  return fc.sample(hostileSpec, { numRuns: count, seed });
}
