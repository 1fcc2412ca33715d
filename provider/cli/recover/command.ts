/**
 * `synovmm recover`: what a `pulumi up` killed mid-create left outside the stack, when the next
 * `up` no longer declares it (issue 21, ADR 028). Reads the stack's pending creates, finds what
 * each made on the NAS (read methods only), prints it and the commands that record it or drop the
 * note; `--apply` runs them. Exit 0 printed (or applied), 1 a read, a check or a command failed,
 * 2 usage or settings error.
 */
import { readArgv } from "../argv";
import type { Command } from "../main";

const USAGE = `synovmm recover [--stack NAME] [--cluster NAME] [--adopt-image NAME[,NAME...]] [--apply]

After a pulumi up was killed while it created VMs or images, Pulumi keeps a note of each create
("pending operations"). When the next up still declares the object, it takes it over; when the
spec changed first and no longer declares it, the object stays in VMM outside the stack. recover
reads the stack's pending creates (pulumi stack export), finds on the NAS what each one made (a VM
by this stack's mark, ADR 020; read methods only) and prints, per note, MADE (with its id), STALE
(in the stack already), NOTHING, or UNPROVEN (with what to do), then the commands that record what
was made and drop the other notes. After them, pulumi up deletes what is no longer declared.

Settings are the provider's, as for synovmm doctor: the stack's synovmm:* config, else and for
what it lacks, SYNOVMM_ENDPOINTS, SYNOVMM_USERNAME, SYNOVMM_PASSWORD, ...

Options:
  --stack NAME     the Pulumi stack (default: the current stack)
  --cluster NAME   read only this cluster of synovmm:clusters (notes of others stay UNPROVEN)
  --adopt-image NAMES
                   comma-separated image names you know the killed run made: on a real NAS images
                   carry no mark, so recover cannot prove it (UNPROVEN) and takes your word, as
                   adopt: true does in the spec; an image name held by two images stays UNPROVEN
  --apply          run the printed commands (only when no note is UNPROVEN)

Exit codes: 0 printed or applied, 1 a read or a pulumi command failed (or --apply with an
UNPROVEN note), 2 usage or settings error.`;

interface Options {
  stack?: string;
  cluster?: string;
  adoptImages: string[];
  apply: boolean;
}

const FLAGS = {
  stack: { type: "string" },
  cluster: { type: "string" },
  "adopt-image": { type: "string" },
  apply: { type: "boolean" },
} as const;

function parseArgs(argv: string[]): Options | string {
  const parsed = readArgv(argv, FLAGS, false, (arg) => `unknown argument "${arg}"`);
  if (typeof parsed === "string") return parsed;
  const { stack, cluster, apply, "adopt-image": adoptImage } = parsed.values;
  const adoptImages = typeof adoptImage === "string" ? adoptImage.split(",").map((n) => n.trim()) : [];
  if (adoptImages.some((n) => n === ""))
    return "--adopt-image takes image names separated by commas, none empty";
  return {
    apply: apply === true,
    adoptImages,
    ...(typeof stack === "string" ? { stack } : {}),
    ...(typeof cluster === "string" ? { cluster } : {}),
  };
}

export const command: Command = {
  summary: "find what a killed pulumi up created outside the stack, and record it (or drop the note)",
  usage: USAGE,
  async run(argv: string[]): Promise<number> {
    const say = (line: string) => process.stderr.write(`synovmm recover: ${line}\n`);
    const options = parseArgs(argv);
    if (typeof options === "string") {
      say(`${options}\nUsage: ${USAGE.split("\n")[0]}`);
      return 2;
    }
    const { recover } = require("./run") as typeof import("./run");
    return recover(options, say, (line) => process.stdout.write(`${line}\n`));
  },
};
