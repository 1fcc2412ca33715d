/**
 * Test helpers: a tiny DSM caller over real HTTP(S) (node's http/https, no provider code), and a
 * simulator starter. Kept apart from provider/api on purpose: these tests check the simulator.
 */
import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { expect } from "chai";
import { startSimulator, type SimulatorHandle, type SimulatorOptions } from "../../../simulator";

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface DsmReply {
  success: boolean;
  data?: Record<string, unknown>;
  error?: { code: number; errors?: { name: string; reason: string; rule?: string } };
}

export function raw(
  url: string,
  opts: { method?: string; body?: string; headers?: Record<string, string>; ca?: string } = {},
): Promise<Reply> {
  const u = new URL(url);
  const send = u.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      u,
      {
        method: opts.method ?? "GET",
        headers: opts.headers,
        agent: false,
        ...(opts.ca === undefined ? {} : { ca: opts.ca }),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on("error", reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

export type ParamValue = string | number | boolean | unknown[] | Record<string, unknown>;

function encode(params: Record<string, ParamValue | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    q.set(k, typeof v === "object" ? JSON.stringify(v) : String(v));
  }
  return q.toString();
}

/** Calls a DSM API; POST form by default (secrets stay out of URLs), GET with `get: true`. */
export async function call(
  endpoint: string,
  params: Record<string, ParamValue | undefined>,
  opts: { get?: boolean; cgi?: string; ca?: string; headers?: Record<string, string> } = {},
): Promise<DsmReply> {
  const url = `${endpoint}/webapi/${opts.cgi ?? "entry.cgi"}`;
  const body = encode(params);
  const reply = opts.get
    ? await raw(`${url}?${body}`, { ca: opts.ca, headers: opts.headers })
    : await raw(url, {
        method: "POST",
        body,
        ca: opts.ca,
        headers: { "content-type": "application/x-www-form-urlencoded", ...opts.headers },
      });
  expect(reply.status, reply.text).to.equal(200);
  return JSON.parse(reply.text) as DsmReply;
}

export async function login(
  endpoint: string,
  sim: { username: string; password: string },
  ca?: string,
): Promise<string> {
  const r = await call(
    endpoint,
    {
      api: "SYNO.API.Auth",
      version: 6,
      method: "login",
      account: sim.username,
      passwd: sim.password,
      format: "sid",
    },
    { ca },
  );
  expect(r.success, JSON.stringify(r)).to.equal(true);
  return r.data?.sid as string;
}

export function expectOk(r: DsmReply): Record<string, unknown> {
  expect(r.success, JSON.stringify(r.error)).to.equal(true);
  return r.data ?? {};
}

export function expectCode(r: DsmReply, code: number, rule?: string): void {
  expect(r.success, JSON.stringify(r)).to.equal(false);
  expect(r.error?.code, JSON.stringify(r.error)).to.equal(code);
  if (rule !== undefined) expect(r.error?.errors?.rule, JSON.stringify(r.error)).to.equal(rule);
}

export const LAB = {
  name: "lab",
  subnet: "10.10.0.0/24",
  reservedFrom: "10.10.0.10",
  reservedTo: "10.10.0.50",
};

/** A started simulator plus a logged-in caller bound to one box. */
export interface Harness {
  sim: SimulatorHandle;
  sid: string;
  /** Calls box `box` (1-based; default 1) with the session. */
  api(
    api: string,
    method: string,
    params?: Record<string, ParamValue | undefined>,
    box?: number,
  ): Promise<DsmReply>;
  /** Snapshot as JSON text, with task progress dropped: for "state did not change" proofs. */
  state(): string;
}

export async function harness(options: SimulatorOptions): Promise<Harness> {
  const sim = await startSimulator(options);
  const ca = sim.caFile === undefined ? undefined : readFileSync(sim.caFile, "utf8");
  const sid = await login(sim.endpoints[0], sim, ca);
  return {
    sim,
    sid,
    api: (api, method, params = {}, box = 1) =>
      call(sim.endpoints[box - 1], { api, version: 1, method, _sid: sid, ...params }, { ca }),
    state: () => {
      const s = sim.control.snapshot();
      return JSON.stringify({ ...s, tasks: s.tasks.map((t) => ({ ...t, progress: 0 })) });
    },
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls a task until finish:true (fails the test after `limitMs`). */
export async function waitTask(h: Harness, taskId: string, limitMs = 5000): Promise<Record<string, unknown>> {
  const until = Date.now() + limitMs;
  for (;;) {
    const r = expectOk(await h.api("SYNO.Virtualization.API.Task.Info", "get", { task_id: taskId }));
    if (r.finish === true) return r.task_info as Record<string, unknown>;
    if (Date.now() > until) throw new Error(`task ${taskId} did not finish within ${limitMs} ms`);
    await sleep(20);
  }
}

export const GUEST = "SYNO.Virtualization.API.Guest";
export const ACTION = "SYNO.Virtualization.API.Guest.Action";
export const IMAGE = "SYNO.Virtualization.API.Guest.Image";
export const TASK = "SYNO.Virtualization.API.Task.Info";
export const CLUSTER = "SYNO.SynoVmmSim.Cluster";
export const HOST = "SYNO.SynoVmmSim.Host";
export const HA = "SYNO.SynoVmmSim.HA";
export const MOVE = "SYNO.SynoVmmSim.Guest.Move";
export const DISK = "SYNO.SynoVmmSim.Guest.Disk";

/** Creates a guest through the DSM API and waits for its task; returns its id. */
export async function makeGuest(
  h: Harness,
  name: string,
  extra: Record<string, ParamValue> = {},
  storage = "syno-1 - VM Storage 1",
): Promise<string> {
  const r = expectOk(
    await h.api(GUEST, "create", {
      guest_name: name,
      storage_name: storage,
      vdisks: [{ create_type: 0, vdisk_size: 10240 }],
      vnics: [{ network_name: "Default VM Network" }],
      auto_clean_task: false,
      ...extra,
    }),
  );
  const info = await waitTask(h, r.task_id as string);
  return info.guest_id as string;
}

/** Where a guest runs, from the private placement read: the official guest object has no host fields. */
export async function placementOf(
  h: Harness,
  id: string,
): Promise<{ host_id: string | null; host_name: string | null }> {
  const all = expectOk(await h.api(HOST, "placement")).placements as {
    guest_id: string;
    host_id: string | null;
    host_name: string | null;
  }[];
  const p = all.find((x) => x.guest_id === id);
  if (p === undefined) throw new Error(`guest ${id} not in SYNO.SynoVmmSim.Host placement`);
  return { host_id: p.host_id, host_name: p.host_name };
}

export function hostId(h: Harness, box: number): string {
  return h.sim.control.snapshot().hosts[box - 1].hostId;
}

export function guestOf(h: Harness, id: string) {
  const g = h.sim.control.snapshot().guests.find((x) => x.guestId === id);
  if (g === undefined) throw new Error(`guest ${id} not in snapshot`);
  return g;
}
