/* global process, console */
// Reads what `pulumi refresh --preview-only --diff` printed for one cluster and names every
// resource whose real state differs from Pulumi's, with the fields that differ. (Its --json form
// would be easier to read, but in preview-only mode the CLI 3.248 puts the old state in both
// oldState and newState, so the text is the only place the drift shows.) Prints a GitHub error
// annotation per drifted resource (plain lines outside Actions), adds a section to the job
// summary, and exits 1 when anything drifted or the refresh itself failed.
//
// Usage: node scripts/drift-report.mjs STACK OUTPUT_FILE EXIT_CODE

import * as fs from "node:fs";

const [stack, outputFile, exitCode] = process.argv.slice(2);
const inActions = process.env.GITHUB_ACTIONS === "true";
const escape = (s) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const summary = (text) => {
  if (process.env.GITHUB_STEP_SUMMARY) fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, `${text}\n`);
};
const error = (title, message) => {
  if (inActions) console.log(`::error title=${title}::${escape(message)}`);
  else console.error(`error: ${title}: ${message}`);
};

const OPS = { update: "changed", delete: "no longer exists", replace: "must be replaced" };
// "    ~ pulumi-nodejs:dynamic/synovmm:VirtualMachine: (update)"
const HEADER = /^\s*[-+~]+ (\S+): \((\w+)\)$/;
// "        [urn=urn:pulumi:lab::synovmm-clusters::pulumi-nodejs:dynamic/synovmm:VirtualMachine::lab.web-1]"
const URN = /^(\s*)\[urn=.*::([^:\]]+)\]$/;
// "      + description : \"edited by hand\"" (a top-level field: two columns left of the urn)
const FIELD = /^(\s*)[-+~] ([A-Za-z_]\w*)\s*:/;

const output = fs.existsSync(outputFile) ? fs.readFileSync(outputFile, "utf8") : "";
const drifted = [];
let current;
for (const line of output.split("\n")) {
  const header = HEADER.exec(line);
  if (header) {
    current = OPS[header[2]]
      ? { kind: header[1].split(":").pop(), what: OPS[header[2]], fields: [] }
      : undefined;
    continue;
  }
  if (current === undefined) continue;
  const urn = URN.exec(line);
  if (urn && current.name === undefined) {
    current.name = urn[2];
    current.indent = urn[1].length - 2;
    drifted.push(current);
    continue;
  }
  const field = FIELD.exec(line);
  if (field && current.name !== undefined && field[1].length === current.indent)
    current.fields.push(field[2]);
}

if (drifted.length > 0) {
  for (const d of drifted) {
    if (d.fields.length > 0) d.what += `: ${d.fields.join(", ")}`;
  }
  for (const d of drifted) {
    error(
      `drift in cluster ${stack}`,
      `${d.name} (${d.kind}) ${d.what}, outside this repository. Fix: run the deploy (scripts/up.sh) to put ` +
        `it back as declared, or change clusters/${stack}.yaml to keep the change.`,
    );
  }
  summary(
    [
      `### Cluster \`${stack}\`: DRIFT`,
      "",
      "| resource | kind | drift |",
      "|---|---|---|",
      ...drifted.map((d) => `| ${d.name} | ${d.kind} | ${d.what} |`),
      "",
    ].join("\n"),
  );
  process.exit(1);
}
if (exitCode !== "0") {
  error(
    `drift check of cluster ${stack} failed`,
    "pulumi refresh failed; its output is above and in the job summary.",
  );
  summary(`### Cluster \`${stack}\`: drift check FAILED\n\n\`\`\`\n${output.trim()}\n\`\`\`\n`);
  process.exit(1);
}
console.log(`cluster ${stack}: no drift`);
summary(`### Cluster \`${stack}\`: no drift\n\nEvery resource matches its state.\n`);
