/**
 * Keeps messages readable when the file holds absurd values: a 25,000-character name is shown
 * by its start and its length, not echoed whole into every message that mentions it.
 */

/** Runs of non-space characters longer than this are shortened. */
export const CLIP_LENGTH = 120;

const LONG_RUN = new RegExp(`[^\\s"]{${CLIP_LENGTH + 1},}`, "g");

export function clipLongRuns(text: string): string {
  return text.replace(
    LONG_RUN,
    (run) => `${run.slice(0, 40)}…(${run.length.toLocaleString("en")} characters)`,
  );
}
