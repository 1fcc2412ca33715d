/**
 * Parses YAML while keeping where each value sits. js-yaml 5 exposes its event stream with
 * source offsets, so one pass over the events maps every spec path to an offset and finds every
 * duplicate key (js-yaml itself stops at the first), including a key written as an alias
 * (`*k : evil` after `&k name: prod`); the value is then built from the same events in JSON
 * mode, where a duplicate key keeps the last value instead of throwing.
 *
 * The same pass measures what aliases expand to: a "billion laughs" file is a few hundred bytes
 * whose aliases stand for billions of values, which the schema check would then walk one by one.
 */
import { constructFromEvents, getScalarValue, parseEvents, YAMLException } from "js-yaml";
import type { Event, ScalarEvent } from "js-yaml";
import { LineIndex, type Position } from "./line-index";
import { childPath, showPath } from "../model/path";
import type { Problem } from "./types";

const SCALAR = 4;
const SEQUENCE = 2;
const MAPPING = 3;
const ALIAS = 5;
const POP = 6;
const DOCUMENT = 1;

/**
 * How many values aliases may stand for in one file (ours). A spec that reuses a block of VM
 * settings through anchors stays far below it (1,000 VMs × a 20-value block = 20,000); an alias
 * bomb passes it within a few levels, before anything walks the expanded document.
 */
export const MAX_ALIAS_EXPANSION = 100_000;

/**
 * How many values (scalars, lists, mappings) one file may hold (ours): a 7-host / 1,000-VM spec
 * (bench/validate-large.ts) holds about 30,000, and a file at this cap still validates in well
 * under a second; a file of 100,000 junk keys would otherwise cost seconds and hundreds of MB.
 */
export const MAX_SPEC_VALUES = 150_000;

export interface NodeSpot {
  /** Where the value starts. */
  value: number;
  /** Where its key starts, for values inside a mapping. */
  key?: number;
  /** A list or mapping: shown at its key, since its value starts on a later line. */
  collection: boolean;
}

export interface ParsedYaml {
  value: unknown;
  spots: Map<string, NodeSpot>;
  lines: LineIndex;
  problems: Problem[];
  /** False when the text is not YAML or holds no single document. */
  ok: boolean;
}

function startOf(event: Event): number {
  switch (event.type) {
    case SCALAR: {
      const s = event as ScalarEvent;
      // anchorStart is after the '&'; point at the '&'.
      const marks = [s.anchorStart - 1, s.tagStart].filter((m) => m >= 0);
      // A quoted scalar's value starts after its quote; point at the quote.
      const value = s.style === 2 || s.style === 3 ? s.valueStart - 1 : s.valueStart;
      return Math.min(value, ...marks);
    }
    case SEQUENCE:
    case MAPPING:
      return Math.min(event.start, ...[event.anchorStart - 1, event.tagStart].filter((m) => m >= 0));
    case ALIAS:
      return event.anchorStart - 1;
    default:
      return 0;
  }
}

interface Anchored {
  /** How many values the anchored node stands for, its aliases expanded. */
  size: number;
  /** The scalar's text, when the anchored node is a scalar (it may then serve as a key). */
  scalar?: string;
}

class Walker {
  readonly spots = new Map<string, NodeSpot>();
  readonly duplicates: { path: string; parent: string; at: number; first: number; key: string }[] = [];
  /** Values the aliases walked so far stand for. */
  aliasExpansion = 0;
  /** Where the alias that took aliasExpansion past MAX_ALIAS_EXPANSION sits. */
  aliasBombAt: number | undefined;
  private readonly anchors = new Map<string, Anchored>();
  /** Values walked so far, aliases expanded; an anchored node's size is the difference. */
  private expanded = 0;

  constructor(
    private readonly events: Event[],
    private readonly source: string,
  ) {}

  /** Records the node at `i` under `path`; returns the index after it. */
  node(i: number, path: string, key?: number): number {
    const event = this.events[i];
    this.spots.set(path, {
      value: startOf(event),
      key,
      collection: event.type === SEQUENCE || event.type === MAPPING,
    });
    const before = this.expanded;
    let next = i + 1;
    if (event.type === ALIAS) {
      this.alias(event);
    } else {
      this.expanded += 1;
      if (event.type === SEQUENCE) {
        let j = i + 1;
        for (let k = 0; this.events[j].type !== POP; k++) j = this.node(j, childPath(path, k));
        next = j + 1;
      } else if (event.type === MAPPING) {
        next = this.mapping(i, path);
      }
    }
    this.remember(event, this.expanded - before);
    return next;
  }

  /** Keeps an anchored node's size and, for a scalar, its text (an alias of it may be a key). */
  private remember(event: Event, size: number): void {
    if (event.type === ALIAS || event.type === POP || event.type === DOCUMENT || event.anchorStart < 0)
      return;
    this.anchors.set(this.source.slice(event.anchorStart, event.anchorEnd), {
      size,
      scalar: event.type === SCALAR ? getScalarValue(this.source, event) : undefined,
    });
  }

  private alias(event: Event & { type: typeof ALIAS }): void {
    const size = this.anchors.get(this.source.slice(event.anchorStart, event.anchorEnd))?.size ?? 1;
    this.expanded += size;
    this.aliasExpansion += size;
    if (this.aliasExpansion > MAX_ALIAS_EXPANSION && this.aliasBombAt === undefined)
      this.aliasBombAt = startOf(event);
  }

  /** A key's text: a scalar's, or the scalar an alias points at; undefined for complex keys. */
  private keyText(event: Event): string | undefined {
    if (event.type === SCALAR) return getScalarValue(this.source, event);
    if (event.type === ALIAS)
      return this.anchors.get(this.source.slice(event.anchorStart, event.anchorEnd))?.scalar;
    return undefined;
  }

  private mapping(i: number, path: string): number {
    const seen = new Map<string, number>();
    let j = i + 1;
    while (this.events[j].type !== POP) {
      const keyEvent = this.events[j];
      const keyAt = startOf(keyEvent);
      const key = this.keyText(keyEvent);
      this.remember(keyEvent, 1);
      if (key === undefined) {
        // Complex keys are legal YAML but never valid here; the schema reports the odd key.
        j = this.skip(j);
        j = this.skip(j);
        continue;
      }
      const first = seen.get(key);
      const at = childPath(path, key);
      if (first !== undefined) this.duplicates.push({ path: at, parent: path, at: keyAt, first, key });
      else seen.set(key, keyAt);
      j = this.node(j + 1, at, keyAt);
    }
    return j + 1;
  }

  private skip(i: number): number {
    const type = this.events[i].type;
    if (type !== SEQUENCE && type !== MAPPING) return i + 1;
    let j = i + 1;
    while (this.events[j].type !== POP) j = this.skip(j);
    return j + 1;
  }
}

function problem(
  file: string,
  lines: LineIndex,
  at: number | Position,
  fields: Omit<Problem, "file" | "line" | "col">,
): Problem {
  const pos = typeof at === "number" ? lines.position(at) : at;
  return { file, ...pos, ...fields };
}

/** A file that cannot be read as one YAML document: one SYNTAX problem at `at`, nothing else. */
function unparsable(file: string, lines: LineIndex, at: number, message: string, fix: string): ParsedYaml {
  return {
    value: undefined,
    spots: new Map(),
    lines,
    ok: false,
    problems: [problem(file, lines, at, { code: "SYNTAX", path: "", message, fix })],
  };
}

export function parseYaml(text: string, file: string): ParsedYaml {
  const lines = new LineIndex(text);
  const spots = new Map<string, NodeSpot>();
  let events: Event[];
  try {
    events = parseEvents(text, { filename: file });
  } catch (error) {
    return { value: undefined, spots, lines, ok: false, problems: [syntaxProblem(error, file, lines)] };
  }
  const values = events.filter((e) => e.type !== POP && e.type !== DOCUMENT);
  if (values.length > MAX_SPEC_VALUES) {
    return unparsable(
      file,
      lines,
      startOf(values[MAX_SPEC_VALUES]),
      `The file holds more than ${MAX_SPEC_VALUES.toLocaleString("en")} values (this is where the limit is crossed); a cluster spec is far smaller, so this is not one.`,
      "Check that this is the spec you meant; a 1,000-VM cluster needs about 30,000 values.",
    );
  }
  const documents = events.filter((e) => e.type === DOCUMENT).length;
  const first = events.findIndex((e) => e.type !== DOCUMENT);
  if (documents === 0 || first < 0 || events[first].type === POP) {
    return unparsable(
      file,
      lines,
      0,
      "The file holds no YAML document.",
      "Write a cluster spec: apiVersion: synovmm/v1, kind: Cluster, metadata and spec (see examples/quickstart.yaml).",
    );
  }
  if (documents > 1) {
    const second = events.indexOf(events.filter((e) => e.type === DOCUMENT)[1]);
    const next = events.slice(second).find((e) => e.type !== DOCUMENT && e.type !== POP);
    return unparsable(
      file,
      lines,
      next ? startOf(next) : text.length,
      `The file holds ${documents} YAML documents; one file describes one cluster.`,
      "Move each cluster into its own file, or remove the extra '---' document.",
    );
  }
  const walker = new Walker(events, text);
  walker.node(first, "");
  if (walker.aliasBombAt !== undefined) {
    return unparsable(
      file,
      lines,
      walker.aliasBombAt,
      `The file's aliases (*name) stand for more than ${MAX_ALIAS_EXPANSION.toLocaleString("en")} values; from here on they repeat anchored blocks inside each other, the shape of an "alias bomb".`,
      "Write the values out, or reuse an anchor only for a small block (a spec never needs aliases inside aliases many levels deep).",
    );
  }
  let value: unknown;
  try {
    value = constructFromEvents(events, { source: text, filename: file, json: true })[0];
  } catch (error) {
    return { value: undefined, spots, lines, ok: false, problems: [syntaxProblem(error, file, lines)] };
  }
  const problems = walker.duplicates.map((d) =>
    problem(file, lines, d.at, {
      code: "DUPLICATE_KEY",
      path: d.path,
      message: `Key "${d.key}" appears twice in ${showPath(d.parent)} (first at line ${lines.position(d.first).line}); YAML does not allow duplicate keys, and the last one would silently win.`,
      fix: `Remove one of the two "${d.key}" entries.`,
    }),
  );
  return { value, spots: walker.spots, lines, ok: true, problems };
}

function syntaxProblem(error: unknown, file: string, lines: LineIndex): Problem {
  if (error instanceof YAMLException) {
    const mark = error.mark;
    const at = mark ? { line: mark.line + 1, col: mark.column + 1 } : { line: 1, col: 1 };
    return problem(file, lines, at, {
      code: "SYNTAX",
      path: "",
      message: `The file is not valid YAML: ${error.reason}.`,
      fix: "Fix the YAML at this position (check indentation, unclosed brackets or quotes, and ': ' after keys).",
    });
  }
  return problem(file, lines, 0, {
    code: "SYNTAX",
    path: "",
    message: `The file could not be parsed: ${error instanceof Error ? error.message : String(error)}.`,
    fix: "Check that the file is a UTF-8 YAML document.",
  });
}
