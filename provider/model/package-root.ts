import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * The folder holding package.json. Code runs from dist/ (and, installed, from node_modules), so
 * files shipped beside the code, like schemas/, are found by walking up rather than by a fixed
 * relative path.
 */
export function packageRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "schemas"))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`synovmm: cannot find the package folder (with schemas/) above ${from}`);
    dir = up;
  }
}

export function schemasDir(): string {
  return join(packageRoot(), "schemas");
}
