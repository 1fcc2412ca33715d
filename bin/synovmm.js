#!/usr/bin/env node
// The synovmm command. Plain JavaScript on purpose: it must run right after `npm ci`, which
// compiles the TypeScript sources into dist/ through the package's `prepare` script.
"use strict";
const { main } = require("../dist/provider/cli/main.js");
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    // Only the message, never a stack; subcommands already prefix theirs ("synovmm sim: ...").
    const message = String(err && err.message ? err.message : err);
    console.error(message.startsWith("synovmm") ? message : `synovmm: ${message}`);
    process.exitCode = 2;
  },
);
