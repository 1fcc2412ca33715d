/** Spec paths as people read them: `spec.hosts[3].address`, built from keys and indexes. */

export type Segment = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

export function childPath(parent: string, segment: Segment): string {
  if (typeof segment === "number") return `${parent}[${segment}]`;
  if (!IDENTIFIER.test(segment)) return `${parent}[${JSON.stringify(segment)}]`;
  return parent === "" ? segment : `${parent}.${segment}`;
}

export function formatPath(segments: readonly Segment[]): string {
  return segments.reduce<string>((path, s) => childPath(path, s), "");
}

/** ajv's instancePath (`/spec/hosts/3/address`) to a spec path. */
export function fromJsonPointer(pointer: string): string {
  if (pointer === "") return "";
  const segments = pointer
    .slice(1)
    .split("/")
    .map((raw) => raw.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s): Segment => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
  return formatPath(segments);
}

/** The enclosing path: `spec.hosts[3].address` → `spec.hosts[3]` → `spec.hosts` → `spec` → "". */
export function parentPath(path: string): string {
  const cut = Math.max(path.lastIndexOf("."), path.lastIndexOf("["));
  return cut <= 0 ? "" : path.slice(0, cut);
}

/** True when `path` is `ancestor` or lies under it. */
export function isWithin(path: string, ancestor: string): boolean {
  if (ancestor === "") return true;
  return path === ancestor || path.startsWith(`${ancestor}.`) || path.startsWith(`${ancestor}[`);
}

/** How a path reads in a sentence; the root has no path. */
export function showPath(path: string): string {
  return path === "" ? "the document" : path;
}
