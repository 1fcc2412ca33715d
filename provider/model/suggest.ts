/**
 * "Did you mean" suggestions for misspelt keys and names. A plain edit distance is enough: the
 * candidate lists are short (a schema's keys, a cluster's host names) and so are real names. A
 * hostile file can hold names of any length, though, so the work is bounded: words longer than
 * SUGGEST_MAX_LENGTH get no suggestion, and each comparison keeps two rows, never a matrix.
 */

/**
 * Names in the spec are at most 63 characters (schemas/common.schema.json); a word far longer is
 * not a typo of one, and comparing it would cost length² time for nothing.
 */
export const SUGGEST_MAX_LENGTH = 128;

/**
 * Edit distance counting a swap of two neighbouring letters as one edit ("brtfs" → "btrfs").
 * Three rolling rows (the swap looks two rows back): O(|a|·|b|) time, O(|b|) memory.
 */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let before = new Array<number>(y.length + 1).fill(0);
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  let current = new Array<number>(y.length + 1).fill(0);
  for (let i = 1; i <= x.length; i++) {
    current[0] = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1])
        current[j] = Math.min(current[j], before[j - 2] + 1);
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[y.length];
}

/** The closest candidate within a distance that still looks like a typo, if any. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  if (word.length > SUGGEST_MAX_LENGTH) return undefined;
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    // The distance is at least the difference in length: skip what cannot be close enough,
    // which also skips every overlong candidate in linear time.
    if (Math.abs(candidate.length - word.length) > limit) continue;
    const distance = editDistance(word, candidate);
    if (distance < bestDistance && distance <= limit) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** ` Did you mean "x"?` or an empty string, ready to append to a sentence. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closest(word, candidates);
  return match === undefined ? "" : ` Did you mean "${match}"?`;
}
