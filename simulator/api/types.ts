/** Shapes shared by the API catalog, the handlers and the service layer. */
import type { World } from "../model/world";
import type { BoxState } from "../model/state";
import type { Params } from "./params";
import type { Sessions } from "../service/sessions";

/** "sim": our world with the private SYNO.SynoVmmSim.* APIs; "real": what a real VMM NAS lists and answers. */
export type DsmFlavour = "sim" | "real";

export interface CallContext {
  world: World;
  params: Params;
  /** The box the request reached. */
  box: BoxState;
  sessions: Sessions;
  /** Remote address of the caller (407 blocking is per address). */
  remote: string;
  /** "real": the catalogue and answers of a real VMM NAS (API.md §6). */
  dsm: DsmFlavour;
  /** Endpoint URL of a box (`box_address`). */
  addressOf: (box: BoxState) => string;
  /** Set by login with format=cookie. */
  setCookie: (value: string) => void;
  /**
   * Runs one inner call of a SYNO.Entry.Request compound through the whole dispatcher (checks,
   * session, faults, guards, request log) and gives back its `{success, data | error}` body.
   */
  inner: (params: Record<string, string>) => Promise<unknown>;
}

/** Thrown by a compound whose inner call hit a `drop` fault: the whole connection is dropped. [ours] */
export class ConnectionDropped extends Error {
  override readonly name = "ConnectionDropped";
}

/** What a method answers as `data`; only the compound (SYNO.Entry.Request) needs to wait. */
export type Handler = (ctx: CallContext) => unknown;

export interface MethodDef {
  /** Changes the world: needs quorum (R2) and a compatible cluster (501). */
  mutating: boolean;
  run: Handler;
}

export interface ApiDef {
  name: string;
  /** Where SYNO.API.Info says it lives (otp.cgi is listed, never served). */
  path: "entry.cgi" | "otp.cgi";
  minVersion: number;
  maxVersion: number;
  /** Which flavour lists and serves it; in the other one it is absent (102). */
  listedIn: DsmFlavour | "both";
  /** As SYNO.API.Info reports it; real DSM 7 says "JSON" for every entry.cgi API but Auth. */
  requestFormat?: "JSON";
  session: boolean;
  methods: Record<string, MethodDef>;
}

export function servedIn(def: ApiDef, dsm: DsmFlavour): boolean {
  return def.listedIn === "both" || def.listedIn === dsm;
}

export const read = (run: Handler): MethodDef => ({ mutating: false, run });
export const write = (run: Handler): MethodDef => ({ mutating: true, run });

/** An official `SYNO.Virtualization.API.*` entry: entry.cgi, v1, JSON, session, in both flavours (ref §2.1). */
export const officialApi = (name: string, methods: Record<string, MethodDef>): ApiDef => ({
  name,
  path: "entry.cgi",
  requestFormat: "JSON",
  minVersion: 1,
  maxVersion: 1,
  listedIn: "both",
  session: true,
  methods,
});

/** One of our private `SYNO.SynoVmmSim.*` APIs: listed only by the "sim" flavour, never by a real NAS. [ours] */
export const simulatorApi = (name: string, methods: Record<string, MethodDef>): ApiDef => ({
  name,
  path: "entry.cgi",
  minVersion: 1,
  maxVersion: 1,
  listedIn: "sim",
  session: true,
  methods,
});
