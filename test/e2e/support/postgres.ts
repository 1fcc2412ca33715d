/**
 * A throwaway PostgreSQL server for the team-state-backend test: Debian's `initdb`/`pg_ctl` run
 * in a temp dir, the server listens on 127.0.0.1 on a free port (unix socket inside the temp dir),
 * with one database and a password login. Nothing is installed here: `.ci/run` installs
 * PostgreSQL; when it is missing the test fails saying how to install it (never skips).
 */
import { execFileSync } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";

export interface Postgres {
  /** `postgres://user:password@127.0.0.1:port/db?sslmode=disable`, the form `pulumi login` takes. */
  url: string;
  /** Runs one SQL statement with psql; returns its rows, one a line, columns separated by `|`. */
  query(sql: string): string;
  stop(): void;
}

const INSTALL_HINT =
  "Fix: install Debian's PostgreSQL (apt-get update && apt-get install -y postgresql; its " +
  "programs live in /usr/lib/postgresql/<version>/bin), or run 'bash .ci/run', which does it.";

/** The folder holding initdb, pg_ctl and psql: PATH first, then Debian's versioned folders. */
export function postgresBinDir(): string {
  const candidates = (process.env.PATH ?? "").split(path.delimiter).filter((d) => d !== "");
  const debian = "/usr/lib/postgresql";
  if (fs.existsSync(debian)) {
    const versions = fs.readdirSync(debian).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => path.join(debian, v, "bin")));
  }
  const found = candidates.find((d) =>
    ["initdb", "pg_ctl", "psql"].every((p) => fs.existsSync(path.join(d, p))),
  );
  if (found === undefined) {
    throw new Error(
      `The PostgreSQL backend e2e test needs initdb, pg_ctl and psql, which are missing. ${INSTALL_HINT}`,
    );
  }
  return fs.realpathSync(found);
}

/**
 * PostgreSQL refuses to run as root. As root, the server runs as the `postgres` user the Debian
 * package creates (through runuser); as anyone else, as that user.
 */
function runAs(): string[] {
  if (process.getuid?.() !== 0) return [];
  try {
    execFileSync("id", ["-u", "postgres"], { stdio: "ignore" });
  } catch {
    throw new Error(
      `PostgreSQL cannot run as root and there is no 'postgres' user to run it as. ${INSTALL_HINT}`,
    );
  }
  return ["runuser", "-u", "postgres", "--"];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startPostgres(): Promise<Postgres> {
  const bin = postgresBinDir();
  const prefix = runAs();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "synovmm-pg-"));
  const data = path.join(dir, "data");
  const socketDir = path.join(dir, "socket");
  fs.mkdirSync(socketDir);
  const user = "synovmm";
  const password = crypto.randomBytes(12).toString("hex");
  const pwfile = path.join(dir, "pwfile");
  fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (prefix.length > 0) execFileSync("chown", ["-R", "postgres:", dir]);

  const run = (program: string, args: string[], env: NodeJS.ProcessEnv = {}): string => {
    const [cmd, ...rest] = [...prefix, path.join(bin, program), ...args];
    try {
      return execFileSync(cmd, rest, {
        cwd: dir,
        encoding: "utf8",
        env: { ...process.env, ...env },
        stdio: ["ignore", "pipe", "pipe"],
      });
    } catch (e) {
      const err = e as { stderr?: string; stdout?: string };
      throw new Error(`${program} ${args.join(" ")} failed: ${err.stderr ?? ""}${err.stdout ?? ""}`, {
        cause: e,
      });
    }
  };

  run("initdb", ["-D", data, "-U", user, "--pwfile", pwfile, "--auth", "scram-sha-256", "--no-sync"]);
  const port = await freePort();
  const serverOptions = `-c listen_addresses=127.0.0.1 -p ${port} -k ${socketDir} -c fsync=off`;
  const logFile = path.join(dir, "server.log");
  try {
    run("pg_ctl", ["-D", data, "-l", logFile, "-w", "-t", "60", "-o", serverOptions, "start"]);
  } catch (e) {
    const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8") : "";
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`${(e as Error).message}\nserver log:\n${log}`, { cause: e });
  }

  const database = "pulumi";
  const login = { PGPASSWORD: password, PGHOST: "127.0.0.1", PGPORT: String(port), PGUSER: user };
  const stop = (): void => {
    try {
      run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    run("psql", ["-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c", `CREATE DATABASE ${database}`], login);
  } catch (e) {
    stop();
    throw e;
  }
  return {
    url: `postgres://${user}:${password}@127.0.0.1:${port}/${database}?sslmode=disable`,
    query: (sql) => run("psql", ["-d", database, "-At", "-v", "ON_ERROR_STOP=1", "-c", sql], login),
    stop,
  };
}
