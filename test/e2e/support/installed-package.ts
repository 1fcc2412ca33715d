/**
 * The e2e tests use the package the way a user installs it (architecture decision 7): `npm pack`,
 * then `npm install` of the tarball into a project folder. The provider process started by the
 * engine loads its handlers by package name from there, so a missing file in `files`, a wrong
 * `main` or a handler that only works from the source tree fails here, not at a user's.
 */
import { execFileSync } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { PACKAGE_ROOT } from "./pulumi";

const CACHE_DIR = path.join(PACKAGE_ROOT, ".e2e");

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

let installed: string | undefined;

/** A folder whose node_modules holds the packed package and its dependencies; built once per tarball. */
export function installedProject(): string {
  if (installed !== undefined) return installed;
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const packed = JSON.parse(
    run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", CACHE_DIR], PACKAGE_ROOT),
  ) as {
    filename: string;
  }[];
  const tarball = path.join(CACHE_DIR, path.basename(packed[0].filename));
  const digest = crypto.createHash("sha256").update(fs.readFileSync(tarball)).digest("hex").slice(0, 16);
  const project = path.join(CACHE_DIR, `project-${digest}`);
  const marker = path.join(project, "node_modules", "pulumi-synology-vmm", "package.json");
  if (!fs.existsSync(marker)) {
    fs.rmSync(project, { recursive: true, force: true });
    fs.mkdirSync(project, { recursive: true });
    const kept = path.join(project, "pulumi-synology-vmm.tgz");
    fs.copyFileSync(tarball, kept);
    fs.writeFileSync(
      path.join(project, "package.json"),
      JSON.stringify(
        {
          name: "synovmm-e2e-project",
          private: true,
          dependencies: { "pulumi-synology-vmm": `file:${kept}` },
        },
        null,
        2,
      ),
    );
    run(
      "npm",
      ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", "--no-package-lock"],
      project,
    );
  }
  fs.rmSync(tarball, { force: true });
  installed = project;
  return project;
}

/** A fresh Pulumi work folder that sees the installed package through a node_modules link. */
export function workDirFor(sandboxDir: string, name: string): string {
  const dir = path.join(sandboxDir, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.symlinkSync(path.join(installedProject(), "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}
