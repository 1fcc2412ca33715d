/** Shapes shared by the API catalog, the handlers and the service layer. */
import type { World } from "../model/world";
import type { BoxState } from "../model/state";
import type { Params } from "./params";
import type { Sessions } from "../service/sessions";

export interface CallContext {
  world: World;
  params: Params;
  /** The box the request reached. */
  box: BoxState;
  sessions: Sessions;
  /** Remote address of the caller (407 blocking is per address). */
  remote: string;
  officialOnly: boolean;
  /** Endpoint URL of a box (`box_address`). */
  addressOf: (box: BoxState) => string;
  /** Set by login with format=cookie. */
  setCookie: (value: string) => void;
}

export type Handler = (ctx: CallContext) => unknown;

export interface MethodDef {
  /** Changes the world: needs quorum (R2) and a compatible cluster (501). */
  mutating: boolean;
  run: Handler;
}

export interface ApiDef {
  name: string;
  path: "entry.cgi" | "query.cgi";
  minVersion: number;
  maxVersion: number;
  /** Our design: hidden (102) in official-only mode. */
  internal: boolean;
  session: boolean;
  methods: Record<string, MethodDef>;
}

export const read = (run: Handler): MethodDef => ({ mutating: false, run });
export const write = (run: Handler): MethodDef => ({ mutating: true, run });
