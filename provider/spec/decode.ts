/**
 * Spec bytes → text, refusing what is not a UTF-8 text file of a sane size before the YAML
 * parser sees it: a UTF-16 file or a binary read as UTF-8 would otherwise surface as a puzzling
 * "null byte" parse error, and a 20 MB file would cost seconds and hundreds of MB for nothing.
 */
import { LineIndex, type Position } from "./line-index";

/**
 * The largest spec file read (ours): a generated 7-host / 1,000-VM spec (bench/validate-large.ts)
 * is about 0.25 MB, so 8 MiB leaves thirty times that while keeping a validate run small.
 */
export const MAX_SPEC_BYTES = 8 * 1024 * 1024;

export type Decoded = { text: string } | { at: Position; message: string; fix: string };

const UTF8_FIX = "Save the file as UTF-8 text (for example `iconv -f UTF-16 -t UTF-8 in.yaml > out.yaml`).";

/** Where byte `offset` sits, counting lines and characters in the valid text before it. */
function positionOf(bytes: Buffer, offset: number): Position {
  const before = new TextDecoder("utf-8").decode(bytes.subarray(0, offset));
  return new LineIndex(before).position(before.length);
}

/** True when bytes[0, end) is UTF-8; with `partial`, a sequence cut at the end still counts. */
function validUtf8(bytes: Buffer, end: number, partial: boolean): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, end), { stream: partial });
    return true;
  } catch {
    return false;
  }
}

/** The offset where the first invalid UTF-8 sequence starts (binary search over prefixes). */
function firstInvalidUtf8(bytes: Buffer): number {
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (validUtf8(bytes, mid + 1, true)) low = mid + 1;
    else high = mid;
  }
  // `low` is the byte that broke the sequence; the sequence began at most 3 bytes earlier.
  let start = low;
  while (start > 0 && low - start < 3 && !validUtf8(bytes, start, false)) start--;
  return start;
}

export function decodeSpec(bytes: Buffer): Decoded {
  if (bytes.length > MAX_SPEC_BYTES) {
    return {
      at: { line: 1, col: 1 },
      message: `The file is larger than the most a spec file may be, ${MAX_SPEC_BYTES / 1024 / 1024} MiB (ours: thirty times a 1,000-VM spec).`,
      fix: "Check that this is the spec you meant; split a very large estate into one file per cluster.",
    };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {
      at: { line: 1, col: 1 },
      message: "The file starts with a UTF-16 byte-order mark; spec files are UTF-8 YAML.",
      fix: UTF8_FIX,
    };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    return {
      at: positionOf(bytes, nul),
      message:
        "The file holds a NUL byte here: it is binary or UTF-16 (without byte-order mark), not UTF-8 text.",
      fix: `Give the YAML spec file itself. ${UTF8_FIX}`,
    };
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return {
      at: positionOf(bytes, firstInvalidUtf8(bytes)),
      message: "The file holds bytes here that are not UTF-8 text.",
      fix: UTF8_FIX,
    };
  }
}
