/**
 * Wires one simulator: world (built or restored), DSM catalog, sessions, faults, listeners on
 * every box address plus the control listener, the state file, and `close()`.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { buildCatalog } from "./api/catalog";
import { handleControl } from "./control/http";
import { makeControl, type Runtime } from "./control/control";
import { Listener } from "./http/server";
import { makeCertificate, type Certificate } from "./http/tls";
import { buildWorld, type WorldOptions } from "./model/bootstrap";
import type { DsmFlavour } from "./api/types";
import type { BoxState } from "./model/state";
import type { World, WorldSettings } from "./model/world";
import type { SimCore } from "./service/core";
import { dispatch } from "./service/dispatch";
import { Faults } from "./service/faults";
import { RequestLog } from "./service/request-log";
import { Sessions } from "./service/sessions";
import { loadState, StateSaver } from "./state-file";
import type { ClusterOptions, SimulatorHandle, SimulatorOptions } from "./types";

const CONTROL_OCTET = 254;

function check(ok: boolean, message: string): void {
  if (!ok) throw new Error(`startSimulator: ${message}`);
}

/** `dsm: "real"`, or its old name `officialOnly: true`. */
export function dsmFlavour(opts: SimulatorOptions): DsmFlavour {
  if (opts.dsm !== undefined && opts.officialOnly === true && opts.dsm !== "real")
    throw new Error(
      `startSimulator: officialOnly is the old name of dsm: "real"; it contradicts dsm: "${opts.dsm}"`,
    );
  return opts.officialOnly === true ? "real" : (opts.dsm ?? "sim");
}

/** Real-DSM mode needs a cluster: a real NAS seen through Synology's APIs already has one. */
function defaultCluster(opts: SimulatorOptions, hosts: number): ClusterOptions | null {
  if (opts.cluster !== undefined) return opts.cluster;
  if (dsmFlavour(opts) !== "real") return null;
  return {
    name: "cluster",
    subnet: "10.10.0.0/24",
    reservedFrom: "10.10.0.10",
    reservedTo: "10.10.0.50",
    joined: hosts,
  };
}

export async function start(opts: SimulatorOptions): Promise<SimulatorHandle> {
  const hosts = opts.hosts ?? 3;
  check(
    Number.isInteger(hosts) && hosts >= 1 && hosts <= 16,
    `hosts must be an integer from 1 to 16, got ${hosts}`,
  );
  const bindBase = opts.bindBase ?? "127.0.10";
  check(
    /^127\.\d{1,3}\.\d{1,3}$/.test(bindBase),
    `bindBase '${bindBase}' must be three octets inside 127.0.0.0/8, e.g. 127.0.10`,
  );
  const port = opts.port ?? 0;
  check(Number.isInteger(port) && port >= 0 && port < 65536, `port ${port} must be 0–65535`);
  const worldOpts: WorldOptions = {
    hosts,
    seed: opts.seed ?? "synovmm",
    bindBase,
    boxes: opts.boxes ?? [],
    cluster: defaultCluster(opts, hosts),
  };
  const settings: WorldSettings = {
    taskDurationMs: opts.taskDurationMs ?? 300,
    failoverBootMs: opts.failoverBootMs ?? 200,
    // A client polling every 5 s must still find its finished task: keep it 30 s [ours].
    taskLingerMs: 30_000,
    pro: opts.pro ?? true,
    dsm: dsmFlavour(opts),
  };
  const username = opts.username ?? "admin";
  const password = opts.password ?? "synovmm-sim";
  const emit = opts.log ?? (() => undefined);

  const restored = opts.stateFile === undefined ? null : loadState(opts.stateFile, settings);
  const world: World = restored ?? buildWorld(worldOpts, settings);
  const boxIps = world.state.boxes.map((b) => b.ip);
  const controlIp = `${bindBase}.${CONTROL_OCTET}`;
  const cert: Certificate | null =
    opts.tls === true ? makeCertificate([...boxIps, controlIp, "127.0.0.1"]) : null;
  const scheme = cert === null ? "http" : "https";
  let boundPort = port;

  const core: SimCore = {
    world,
    catalog: buildCatalog({ username, password }),
    sessions: new Sessions((opts.sessionIdleSeconds ?? 900) * 1000, opts.loginMaxFailures ?? 5, () =>
      Date.now(),
    ),
    faults: new Faults(worldOpts.seed),
    log: new RequestLog(),
    dsm: settings.dsm,
    addressOf: (b: BoxState) => `${scheme}://${b.ip}:${boundPort}`,
    emit,
  };
  const saver = opts.stateFile === undefined ? null : new StateSaver(opts.stateFile);
  const watch = (w: World) => {
    w.onChange = () => saver?.schedule(w.state);
  };
  watch(world);

  const listeners = new Map<number, Listener>();
  const runtime: Runtime = {
    core,
    async setListening(index, on) {
      const l = listeners.get(index);
      if (l === undefined) return;
      if (on && !l.listening) await l.open(boundPort);
      if (!on) await l.close();
    },
    async rebuild() {
      core.world = buildWorld(worldOpts, settings);
      watch(core.world);
      saver?.schedule(core.world.state);
      for (const [index, l] of listeners)
        if (index !== CONTROL_OCTET && !l.listening) await l.open(boundPort);
    },
  };
  const control = makeControl(runtime);

  const handlerFor =
    (index: number) =>
    (req: IncomingMessage, res: ServerResponse, body: string): void => {
      void serve(core, control, index, req, res, body);
    };
  for (const b of world.state.boxes) listeners.set(b.index, new Listener(b.ip, handlerFor(b.index), cert));
  listeners.set(CONTROL_OCTET, new Listener(controlIp, handlerFor(CONTROL_OCTET), cert));

  boundPort = await openAll(listeners, world, port);

  return {
    endpoints: world.state.boxes.map((b) => core.addressOf(b)),
    username,
    password,
    caFile: cert?.caFile,
    controlUrl: `${scheme}://${controlIp}:${boundPort}/sim`,
    control,
    async close() {
      for (const l of listeners.values()) await l.close();
      saver?.flush(core.world.state);
    },
  };
}

/** Binds every listener on one port; with port 0 the first bind picks it, retried if taken. */
async function openAll(listeners: Map<number, Listener>, world: World, port: number): Promise<number> {
  const down = new Set(world.state.boxes.filter((b) => b.status === "unreachable").map((b) => b.index));
  for (let attempt = 0; ; attempt++) {
    let chosen = port;
    try {
      for (const [index, l] of listeners) {
        if (down.has(index)) continue;
        chosen = await l.open(chosen);
      }
      return chosen;
    } catch (e) {
      for (const l of listeners.values()) await l.close();
      const code = (e as NodeJS.ErrnoException).code;
      if (port !== 0 || attempt >= 10 || code !== "EADDRINUSE") {
        throw new Error(
          `synovmm sim: cannot listen on port ${chosen}: ${(e as Error).message}` +
            (code === "EADDRINUSE" ? " — another program uses it; pick another --port or 0" : ""),
          { cause: e },
        );
      }
    }
  }
}

async function serve(
  core: SimCore,
  control: ReturnType<typeof makeControl>,
  index: number,
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://sim");
  if (url.pathname === "/sim" || url.pathname.startsWith("/sim/")) {
    return handleControl(control, req.method ?? "GET", url.pathname, body, res);
  }
  // The web UI also posts to /webapi/entry.cgi/<API name>; the segment is cosmetic (evidence §3, Path [3]).
  const m = /^\/webapi\/(?:(query|auth)\.cgi|(entry)\.cgi(?:\/[A-Za-z0-9._]+)?)$/.exec(url.pathname);
  const box = core.world.state.boxes.find((b) => b.index === index);
  if (m === null || box === undefined) {
    res.writeHead(404, { "content-type": "text/plain" });
    res.end(
      "not found: DSM answers under /webapi/{query,auth,entry}.cgi (and entry.cgi/<API name>), the control API under /sim/\n",
    );
    return;
  }
  const params: Record<string, string> = Object.fromEntries(url.searchParams);
  if (req.method === "POST" && body !== "")
    Object.assign(params, Object.fromEntries(new URLSearchParams(body)));
  const cookieSid = /(?:^|;\s*)id=([^;]+)/.exec(req.headers.cookie ?? "")?.[1];
  const token = req.headers["x-syno-token"];
  const result = await dispatch(core, {
    cgi: `${m[1] ?? m[2]}.cgi`,
    path: url.pathname,
    httpMethod: req.method === "POST" ? "POST" : "GET",
    params,
    cookieSid,
    headerToken: typeof token === "string" ? token : undefined,
    remote: req.socket.remoteAddress ?? "unknown",
    box,
  });
  if (result.drop) {
    req.socket.destroy();
    return;
  }
  const text = JSON.stringify(result.body);
  const headers: Record<string, string | number> = {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  };
  if (result.setCookie !== null) headers["set-cookie"] = `id=${result.setCookie}; path=/; HttpOnly`;
  res.writeHead(200, headers);
  res.end(text);
}
