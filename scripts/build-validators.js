#!/usr/bin/env node
// Writes dist/provider/model/validators.generated.js: the schemas of schemas/ compiled by ajv ahead
// of time, so no process pays for compiling them (provider/model/schemas-precompiled.ts).
// Run by `npm run build` and `prepare` after tsc.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const model = path.resolve(__dirname, "..", "dist", "provider", "model");
const { precompiledModuleSource, PRECOMPILED_MODULE } = require(path.join(model, "schemas-build.js"));
const target = path.join(model, PRECOMPILED_MODULE);
fs.writeFileSync(target, precompiledModuleSource());
console.log(`build-validators: wrote ${path.relative(process.cwd(), target)}`);
