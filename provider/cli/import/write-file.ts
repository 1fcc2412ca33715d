/**
 * Where the imported spec goes: checked before anything is read (a folder that does not exist, a
 * file that exists without --force are usage errors), then written whole or not at all: a temp
 * file in the same folder, renamed over the target, so an interrupted import never leaves a
 * half-written spec behind.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** Why `file` cannot be the output, or undefined when it can. */
export function outputProblem(file: string, force: boolean): string | undefined {
  const dir = path.dirname(path.resolve(file));
  let folder: fs.Stats;
  try {
    folder = fs.statSync(dir);
  } catch {
    return `--out ${file}: the folder ${dir} does not exist. Fix: create it first (mkdir -p ${dir}), or name a file in an existing folder`;
  }
  if (!folder.isDirectory()) return `--out ${file}: ${dir} is not a folder. Fix: name a file in a folder`;
  const existing = fs.statSync(file, { throwIfNoEntry: false });
  if (existing?.isDirectory())
    return `--out ${file} is a folder. Fix: name a file, e.g. ${path.join(file, "cluster.yaml")}`;
  if (existing !== undefined && !force)
    return `--out ${file} already exists and import does not overwrite it. Fix: pass --force to replace it, or name another file`;
  return undefined;
}

/** Writes `text` to `file` atomically (temp file in the same folder, then rename). */
export function writeAtomically(file: string, text: string): void {
  const target = path.resolve(file);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(temp, text, { flag: "wx", mode: 0o644 });
    fs.renameSync(temp, target);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
}
