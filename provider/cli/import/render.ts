/**
 * The imported spec as YAML text, written by hand rather than by a YAML library so that every
 * value can carry its comment on its own line (what was not readable, what to check, what editing
 * it does) and a guest another stack owns can be written commented out. Scalars that are not
 * plainly safe are written as JSON strings, which YAML reads as the same text.
 */
import type { ImportedHost, ImportedImage, ImportedSpec, ImportedVm } from "./spec-model";

/** Plain scalars that YAML reads back as the same string (no quoting needed). */
const PLAIN = /^[A-Za-z0-9/][A-Za-z0-9 ._:/@+-]*$/;
/**
 * Words a YAML 1.1 or 1.2 reader takes as something other than a string: booleans, null, numbers
 * (YAML 1.1's base-60 `1:30` too), infinity and not-a-number. An IPv4 address is none of these.
 */
const RESERVED =
  /^(true|false|yes|no|y|n|on|off|null|~|[-+]?(0x[0-9a-f]+|0o[0-7]+|[0-9][0-9_]*(:[0-9]+)*(\.[0-9]*)?(e[-+]?[0-9]+)?|\.[0-9]+)|[-+]?\.(inf|nan))$/i;

export function scalar(value: string | number | boolean): string {
  if (typeof value !== "string") return String(value);
  const plain =
    PLAIN.test(value) &&
    !RESERVED.test(value) &&
    !value.includes(": ") &&
    !value.endsWith(":") &&
    !value.endsWith(" ");
  return plain ? value : JSON.stringify(value);
}

/** One list of lines with a running indent; comments go after the value or on a line of their own. */
class Lines {
  readonly out: string[] = [];

  add(indent: number, text: string, note?: string): void {
    this.out.push(`${" ".repeat(indent)}${text}${note === undefined ? "" : ` # ${note}`}`);
  }

  comment(indent: number, note: string): void {
    this.out.push(`${" ".repeat(indent)}# ${note}`);
  }
}

function flow(entries: [string, string | number | boolean | undefined][]): string {
  const parts = entries.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${scalar(v as string)}`);
  return `{ ${parts.join(", ")} }`;
}

function host(y: Lines, h: ImportedHost): void {
  y.add(4, `- name: ${scalar(h.name)}`);
  y.add(6, "adopt: true");
  if (h.address !== undefined) y.add(6, `address: ${scalar(h.address)}`);
  else if (h.addressNote !== undefined) y.comment(6, h.addressNote);
  if (h.endpoint !== undefined) y.add(6, `endpoint: ${scalar(h.endpoint)}`);
  y.add(6, "volumes:");
  for (const v of h.volumes) {
    y.add(
      8,
      `- ${flow([
        ["path", v.path],
        ["filesystem", v.filesystem],
      ])}`,
      v.filesystem === undefined ? h.filesystemNote : undefined,
    );
  }
  if (h.sha === true) y.add(6, "sha: true");
}

function image(y: Lines, i: ImportedImage): void {
  y.add(4, `- name: ${scalar(i.name)}`);
  y.add(6, "adopt: true");
  y.add(6, `type: ${i.type}`);
  y.comment(6, i.pathNote);
  y.add(6, `storage: [${i.storage.map(scalar).join(", ")}]`);
}

function vmLines(v: ImportedVm): Lines {
  const y = new Lines();
  y.add(4, `- name: ${scalar(v.name)}`);
  y.add(6, "adopt: true");
  if (v.description !== undefined) y.add(6, `description: ${scalar(v.description)}`);
  y.comment(6, v.imageNote);
  y.add(6, `cpu: ${v.cpu}`);
  y.add(6, `memory: ${v.memory}`);
  y.add(6, `storage: ${scalar(v.storage)}`);
  y.add(6, `disks: [${v.disks.map((size) => `{ size: ${size} }`).join(", ")}]`, v.disksNote);
  const nics = v.nics.map((n) =>
    flow([
      ["network", n.network],
      ["mac", n.mac],
    ]),
  );
  y.add(6, `nics: [${nics.join(", ")}]`, v.nicsNote);
  if (v.host !== undefined) y.add(6, `host: ${scalar(v.host)}`);
  else if (v.hostNote !== undefined) y.comment(6, v.hostNote);
  y.add(6, `power: ${v.power}`, v.powerNote);
  y.add(6, `autorun: ${v.autorun}`);
  if (v.highAvailability !== undefined) {
    y.add(
      6,
      `highAvailability: ${flow([
        ["active", v.highAvailability.active],
        ["passive", v.highAvailability.passive],
      ])}`,
    );
  }
  return y;
}

export interface Provenance {
  /** Where it was read: the endpoint that answered first. */
  endpoint: string;
  username: string;
  at: Date;
  level: string;
  reason: string;
}

export function renderSpec(spec: ImportedSpec, from: Provenance): string {
  const y = new Lines();
  y.comment(
    0,
    `Imported by synovmm import from ${from.endpoint} (user ${from.username}) on ${from.at.toISOString()},`,
  );
  y.comment(0, `at capability level ${from.level}: ${from.reason}.`);
  y.comment(
    0,
    "Every object is marked adopt: true: a plain fromSpec(file) takes each over and sends nothing.",
  );
  y.comment(0, "A comment names each value no read gave: check it; filling it in is recorded, never sent.");
  y.add(0, "apiVersion: synovmm/v1");
  y.add(0, "kind: Cluster");
  y.add(0, "metadata:");
  y.add(2, `name: ${scalar(spec.name)}`, spec.nameNote);
  y.add(0, "spec:");
  y.add(2, "adopt: true");
  if (spec.clusterNetwork !== undefined) {
    const { subnet, reservedRange } = spec.clusterNetwork;
    y.add(2, "clusterNetwork:");
    y.add(4, `subnet: ${subnet}`);
    y.add(
      4,
      `reservedRange: ${flow([
        ["from", reservedRange.from],
        ["to", reservedRange.to],
      ])}`,
    );
  } else if (spec.networkNote !== undefined) y.comment(2, spec.networkNote);
  if (spec.domain !== undefined) y.add(2, `domain: ${scalar(spec.domain)}`);
  else if (spec.domainNote !== undefined) y.comment(2, spec.domainNote);
  y.add(2, "hosts:");
  for (const h of spec.hosts) host(y, h);
  y.add(2, spec.networks.length === 0 ? "networks: []" : "networks:");
  for (const n of spec.networks) y.add(4, `- name: ${scalar(n)}`);
  y.add(2, spec.images.length === 0 ? "images: []" : "images:");
  for (const i of spec.images) image(y, i);
  const declared = spec.virtualMachines.filter((v) => v.commentedOut === undefined);
  y.add(2, declared.length === 0 ? "virtualMachines: []" : "virtualMachines:");
  for (const v of spec.virtualMachines) {
    const lines = vmLines(v).out;
    if (v.commentedOut === undefined) {
      y.out.push(...lines);
      continue;
    }
    y.comment(4, `Not taken over: ${v.commentedOut}.`);
    for (const line of lines) y.out.push(`    # ${line.slice(4)}`);
  }
  if (spec.haNote !== undefined) y.comment(2, spec.haNote);
  return `${y.out.join("\n")}\n`;
}
