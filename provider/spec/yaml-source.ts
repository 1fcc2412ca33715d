/**
 * Parses YAML while keeping where each value sits. js-yaml 5 exposes its event stream with
 * source offsets, so one pass over the events maps every spec path to an offset and finds every
 * duplicate key (js-yaml itself stops at the first); the value is then built from the same
 * events in JSON mode, where a duplicate key keeps the last value instead of throwing.
 */
import { constructFromEvents, getScalarValue, parseEvents, YAMLException } from "js-yaml";
import type { Event, ScalarEvent } from "js-yaml";
import { LineIndex, type Position } from "./line-index";
import { childPath, showPath } from "./path";
import type { Problem } from "./types";

const SCALAR = 4;
const SEQUENCE = 2;
const MAPPING = 3;
const ALIAS = 5;
const POP = 6;
const DOCUMENT = 1;

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
      const marks = [s.anchorStart, s.tagStart].filter((m) => m >= 0);
      // A quoted scalar's value starts after its quote; point at the quote.
      const value = s.style === 2 || s.style === 3 ? s.valueStart - 1 : s.valueStart;
      return Math.min(value, ...marks);
    }
    case SEQUENCE:
    case MAPPING:
      return Math.min(event.start, ...[event.anchorStart, event.tagStart].filter((m) => m >= 0));
    case ALIAS:
      return event.anchorStart - 1;
    default:
      return 0;
  }
}

class Walker {
  readonly spots = new Map<string, NodeSpot>();
  readonly duplicates: { path: string; parent: string; at: number; first: number; key: string }[] = [];

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
    if (event.type === SEQUENCE) {
      let j = i + 1;
      for (let k = 0; this.events[j].type !== POP; k++) j = this.node(j, childPath(path, k));
      return j + 1;
    }
    if (event.type === MAPPING) return this.mapping(i, path);
    return i + 1;
  }

  private mapping(i: number, path: string): number {
    const seen = new Map<string, number>();
    let j = i + 1;
    while (this.events[j].type !== POP) {
      const keyEvent = this.events[j];
      const keyAt = startOf(keyEvent);
      if (keyEvent.type !== SCALAR) {
        // Complex keys are legal YAML but never valid here; the schema reports the odd key.
        j = this.skip(j);
        j = this.skip(j);
        continue;
      }
      const key = getScalarValue(this.source, keyEvent);
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

export function parseYaml(text: string, file: string): ParsedYaml {
  const lines = new LineIndex(text);
  const spots = new Map<string, NodeSpot>();
  let events: Event[];
  try {
    events = parseEvents(text, { filename: file });
  } catch (error) {
    return { value: undefined, spots, lines, ok: false, problems: [syntaxProblem(error, file, lines)] };
  }
  const documents = events.filter((e) => e.type === DOCUMENT).length;
  const first = events.findIndex((e) => e.type !== DOCUMENT);
  if (documents === 0 || first < 0 || events[first].type === POP) {
    return {
      value: undefined,
      spots,
      lines,
      ok: false,
      problems: [
        problem(file, lines, 0, {
          code: "SYNTAX",
          path: "",
          message: "The file holds no YAML document.",
          fix: "Write a cluster spec: apiVersion: synovmm/v1, kind: Cluster, metadata and spec (see examples/quickstart.yaml).",
        }),
      ],
    };
  }
  if (documents > 1) {
    const second = events.indexOf(events.filter((e) => e.type === DOCUMENT)[1]);
    const next = events.slice(second).find((e) => e.type !== DOCUMENT && e.type !== POP);
    return {
      value: undefined,
      spots,
      lines,
      ok: false,
      problems: [
        problem(file, lines, next ? startOf(next) : text.length, {
          code: "SYNTAX",
          path: "",
          message: `The file holds ${documents} YAML documents; one file describes one cluster.`,
          fix: "Move each cluster into its own file, or remove the extra '---' document.",
        }),
      ],
    };
  }
  const walker = new Walker(events, text);
  walker.node(first, "");
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
