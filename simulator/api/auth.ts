/**
 * SYNO.API.Auth (v1–7) and SYNO.API.Info — documented by Synology; paths and version ranges as real
 * DSM 7 lists them (evidence §1.2: both at entry.cgi; query.cgi and auth.cgi still answer).
 */
import { fail } from "../model/errors";
import { read, servedIn, type ApiDef } from "./types";

interface InfoEntry {
  path: string;
  minVersion: number;
  maxVersion: number;
  requestFormat?: "JSON";
}

function infoEntry(api: ApiDef): InfoEntry {
  const entry: InfoEntry = { path: api.path, minVersion: api.minVersion, maxVersion: api.maxVersion };
  if (api.requestFormat !== undefined) entry.requestFormat = api.requestFormat;
  return entry;
}

export interface Credentials {
  username: string;
  password: string;
}

export function authApi(creds: Credentials): ApiDef {
  return {
    name: "SYNO.API.Auth",
    path: "entry.cgi",
    minVersion: 1,
    maxVersion: 7,
    listedIn: "both",
    session: false,
    methods: {
      // Logging in changes no cluster state, so it works without quorum too.
      login: read(({ params, sessions, remote, setCookie, box }) => {
        const account = params.required("account");
        const passwd = params.required("passwd");
        const ok = account === creds.username && passwd === creds.password;
        const { sid, token } = sessions.login(
          account,
          ok,
          remote,
          params.str("enable_syno_token") === "yes",
          box.ip,
        );
        if ((params.str("format") ?? "cookie") === "cookie") setCookie(sid);
        return token === null
          ? { sid, is_portal_port: false }
          : { sid, is_portal_port: false, synotoken: token };
      }),
      logout: read(({ params, sessions, box }) => {
        sessions.logout(params.str("_sid"), box.ip);
        return {};
      }),
    },
  };
}

export function infoApi(list: () => ApiDef[]): ApiDef {
  return {
    name: "SYNO.API.Info",
    path: "entry.cgi",
    minVersion: 1,
    maxVersion: 1,
    requestFormat: "JSON",
    listedIn: "both",
    session: false,
    methods: {
      query: read(({ params, dsm }) => {
        const q = params.str("query") ?? "all";
        const wanted = q === "all" ? null : q.split(",").map((s) => s.trim());
        const out: Record<string, InfoEntry> = {};
        for (const api of list()) {
          if (!servedIn(api, dsm)) continue;
          const match =
            wanted === null ||
            wanted.some((w) => w === api.name || (w.endsWith(".") && api.name.startsWith(w)));
          if (match) out[api.name] = infoEntry(api);
        }
        if (wanted !== null && wanted.some((w) => w === ""))
          fail(120, "query", "query must be 'all' or a comma list of API names");
        return out;
      }),
    },
  };
}
