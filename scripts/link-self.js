#!/usr/bin/env node
// Makes this package resolvable by its own name inside its own clone:
// node_modules/pulumi-synology-vmm -> the repository root.
//
// Why: the provider objects in Pulumi state load their handlers by package name
// ("pulumi-synology-vmm/dist/provider/handlers/entry", architecture decision 7), resolved from the
// Pulumi work folder. A user's project has the package installed; a clone of this repository does
// not, so programs run from inside it (npm run demo, with its work folder under .demo/) would fail
// to find the handlers. Run by `prepare` after `tsc`, and again by `npm run demo`.
//
// Idempotent. A no-op when this package is itself installed inside a node_modules folder (a
// dependency of another project: there, the name already resolves and the folder is not ours).
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const name = require(path.join(root, "package.json")).name;

function insideNodeModules(dir) {
  // `<x>/node_modules/<pkg>` or, for a scoped name, `<x>/node_modules/@scope/<pkg>`.
  const parent = path.dirname(dir);
  if (path.basename(parent) === "node_modules") return true;
  return path.basename(parent).startsWith("@") && path.basename(path.dirname(parent)) === "node_modules";
}

function main() {
  if (insideNodeModules(root)) return;
  const link = path.join(root, "node_modules", ...name.split("/"));
  let existing;
  try {
    existing = fs.lstatSync(link);
  } catch {
    existing = undefined;
  }
  if (existing !== undefined) {
    // Leave whatever is there alone unless it is our own link: a real folder could be an install
    // someone made on purpose, and replacing it would be a surprise.
    if (existing.isSymbolicLink()) {
      let target;
      try {
        target = fs.realpathSync(link);
      } catch {
        target = undefined; // dangling, e.g. the clone was copied without its target: re-create below
      }
      if (target === fs.realpathSync(root)) return;
      if (target === undefined) fs.unlinkSync(link);
    }
    if (fs.existsSync(link)) {
      console.warn(
        `link-self: ${path.relative(root, link)} exists and is not a link to this repository; left as is. ` +
          "Remove it and run `node scripts/link-self.js` to resolve the package from this clone.",
      );
      return;
    }
  }
  fs.mkdirSync(path.dirname(link), { recursive: true });
  // A relative target keeps the link valid when the clone is moved; "junction" makes it work on
  // Windows without administrator rights (ignored elsewhere).
  fs.symlinkSync(path.relative(path.dirname(link), root) || ".", link, "junction");
  console.log(`link-self: ${path.relative(root, link)} -> ${path.relative(path.dirname(link), root)}`);
}

try {
  main();
} catch (error) {
  // A message, never a stack: this runs inside `npm ci` and `npm run demo`.
  console.error(
    `link-self: could not link node_modules/${name} to this repository: ${error.message}. ` +
      "Fix: check that node_modules is writable, then run `node scripts/link-self.js`.",
  );
  process.exitCode = 1;
}
