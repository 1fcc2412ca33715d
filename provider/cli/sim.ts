/**
 * `synovmm sim`, with `--spec FILE`: a simulator of the spec's own shape, so any spec deploys on
 * it as written. One box per spec host, named as the spec names it (its DSM server name, the
 * name it joins under), with the host's volumes, declared capacity and SHA flag; the VM networks
 * the spec's VMs use exist from the start, as a person makes them in VMM → Network. The cluster
 * itself is left to the spec. The spec is read here because the simulator may not import the
 * provider's spec reader (docs/architecture.md, layer table); the simulator's CLI does the rest.
 */
import { loadSpec, parseSize, type LoadedSpec } from "../spec";
import * as report from "../spec/report";
import * as sim from "../../simulator/cli";

/** Where a spec host's volume is not sized, the simulator's default volume size (1 TiB). */
const VOLUME_MB = 1_048_576;

/** `--spec FILE` / `--spec=FILE` taken out of argv; the rest goes to the simulator's parser. */
export function takeSpec(argv: string[]): { spec?: string; rest: string[] } | string {
  const rest: string[] = [];
  let spec: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    let value: string | undefined;
    if (arg === "--spec") {
      value = argv[i + 1];
      i++;
      if (value === undefined || value.startsWith("--")) return "--spec needs a file";
    } else if (arg.startsWith("--spec=")) value = arg.slice("--spec=".length);
    else {
      rest.push(arg);
      continue;
    }
    if (value === "") return "--spec needs a file";
    if (spec !== undefined) return "--spec may be given once";
    spec = value;
  }
  return { spec, rest };
}

/** The simulator's shape for a spec without errors. */
export function shapeOf(loaded: LoadedSpec): sim.SimShape {
  const inputs = loaded.inputs;
  if (inputs === undefined) throw new Error(`${loaded.file}: the spec file could not be read`);
  return {
    boxes: inputs.hosts.map((h) => ({
      name: h.name,
      volumes: h.volumes.map((v) => ({
        path: v.path,
        filesystem: v.filesystem === "ext4" ? "ext4" : "btrfs",
        sizeMb: VOLUME_MB,
      })),
      sha: h.sha === true,
      ...(h.capacity === undefined
        ? {}
        : { cpuThreads: h.capacity.cpu, ramMb: parseSize(h.capacity.memory) }),
    })),
    networks: [...new Set(inputs.networks.map((n) => n.name))],
  };
}

export const command: sim.SimCommand = {
  summary: sim.command.summary,
  usage: sim.USAGE,
  async run(argv: string[]): Promise<number> {
    const taken = takeSpec(argv);
    if (typeof taken === "string") {
      console.error(`synovmm sim: ${taken}\nUsage: ${sim.USAGE}`);
      return 2;
    }
    if (taken.spec === undefined) return sim.runSimulator(taken.rest);
    const loaded = await loadSpec(taken.spec);
    const errors = [...loaded.problems, ...loaded.findings.filter((f) => f.severity === "error")];
    if (errors.length > 0) {
      console.error(report.formatText([loaded]));
      console.error(
        `synovmm sim: ${taken.spec} has errors (above); no simulator started. Fix them (synovmm validate ${taken.spec}) and run again.`,
      );
      return loaded.unusable ? 2 : 1;
    }
    return sim.runSimulator(taken.rest, shapeOf(loaded));
  },
};
