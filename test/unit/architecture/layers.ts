/**
 * The layer table of docs/architecture.md ("Layers and what each may import") as data, and the
 * reader that finds every import of provider/** and simulator/** that runs back up a layer.
 * Pure: files in, violations out, so the test can also feed it made-up sources.
 */
import { posix } from "node:path";

/** A layer is named by the folder (or file) prefix that holds it; the longest prefix wins. */
export const LAYERS: Readonly<Record<string, readonly string[]>> = {
  // The client's guard reads the official API's evidence table (ADR 019).
  "provider/api/": ["provider/evidence/", "provider/units/"],
  // The evidence table's reader (ADR 019): a leaf over the data file, shared with the simulator.
  "provider/evidence/": ["evidence/"],
  // The one IPv4 module (ADR 016): a leaf that the rules, the model and the simulator share.
  "provider/net/": [],
  // The rules judge the model's vocabulary (inputs, sizes, storage references), nothing of their own.
  "provider/rules/": ["provider/net/", "provider/model/", "provider/units/"],
  "provider/model/": ["provider/net/", "provider/units/"],
  // Sizes in the spec's units: a leaf.
  "provider/units/": [],
  "provider/spec/": ["provider/model/", "provider/rules/", "provider/units/"],
  // The live-API port, its DSM adapter, the read cache, the connection and the handler context.
  "provider/live/": ["provider/model/", "provider/api/", "provider/rules/", "provider/units/"],
  "provider/handlers/": [
    "provider/model/",
    "provider/api/",
    "provider/rules/",
    "provider/live/",
    "provider/units/",
  ],
  "provider/resources/": ["provider/model/", "provider/handlers/"],
  "provider/program/": ["provider/spec/", "provider/resources/", "provider/model/", "provider/rules/"],
  // The CLI is an application on top, like the public API; the simulator's CLI it loads at call time.
  "provider/cli/": [
    "provider/spec/",
    "provider/model/",
    "provider/rules/",
    "provider/handlers/",
    "provider/live/",
    "provider/api/",
    "provider/units/",
    "provider/evidence/",
    "simulator/cli.ts",
  ],
  "provider/index.ts": ["provider/"],
  "simulator/": ["provider/net/", "provider/evidence/"],
};

/** The table as text, one layer a line: `provider/live/  ->  provider/model/, provider/api/, …`. */
export function layerTable(): string {
  const width = Math.max(...Object.keys(LAYERS).map((k) => k.length));
  return Object.entries(LAYERS)
    .map(([layer, may]) => `${layer.padEnd(width)}  ->  ${may.length === 0 ? "(a leaf)" : may.join(", ")}`)
    .join("\n");
}

/** Packages that only the Pulumi face may load: below resources/ everything is plain TypeScript. */
const PULUMI_LAYERS = ["provider/resources/", "provider/program/", "provider/index.ts"];

export interface Violation {
  /** `provider/handlers/quorum.ts -> provider/resources/types.ts` (or `-> @pulumi/pulumi`). */
  edge: string;
  line: number;
}

export function layerOf(file: string): string | undefined {
  return Object.keys(LAYERS)
    .filter((prefix) => file === prefix || file.startsWith(prefix))
    .sort((a, b) => b.length - a.length)[0];
}

/** Every module specifier of `source` (import/export … from, import(), require()), with its line. */
export function specifiers(source: string): { spec: string; line: number }[] {
  const found: { spec: string; line: number }[] = [];
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["']([^"']+)["']/gm;
  for (const match of source.matchAll(pattern)) {
    const line = source.slice(0, match.index).split("\n").length;
    found.push({ spec: match[1], line });
  }
  return found;
}

/** `../rules` from provider/spec/load.ts → provider/rules/index.ts (`.ts` files; folders by index.ts). */
export function resolve(from: string, spec: string, exists: (file: string) => boolean): string {
  const base = posix.normalize(posix.join(posix.dirname(from), spec));
  for (const candidate of [`${base}.ts`, `${base}/index.ts`, base]) if (exists(candidate)) return candidate;
  return base;
}

function allowed(fromLayer: string, target: string): boolean {
  if (target.startsWith(fromLayer) || target === fromLayer) return true;
  return LAYERS[fromLayer].some((prefix) => target === prefix || target.startsWith(prefix));
}

/** The imports of one file that its layer may not make. */
export function violations(file: string, source: string, exists: (file: string) => boolean): Violation[] {
  const layer = layerOf(file);
  if (layer === undefined) return [];
  const out: Violation[] = [];
  for (const { spec, line } of specifiers(source)) {
    if (spec.startsWith(".")) {
      const target = resolve(file, spec, exists);
      if (!allowed(layer, target)) out.push({ edge: `${file} -> ${target}`, line });
    } else if (spec.startsWith("@pulumi/") && !PULUMI_LAYERS.includes(layer)) {
      out.push({ edge: `${file} -> ${spec}`, line });
    }
  }
  return out;
}
