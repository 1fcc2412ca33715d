/** SYNO.API.Auth (v3–7) and SYNO.API.Info — documented by Synology. */
import { fail } from "../model/errors";
import { read, type ApiDef } from "./types";

export interface Credentials {
  username: string;
  password: string;
}

export function authApi(creds: Credentials): ApiDef {
  return {
    name: "SYNO.API.Auth",
    path: "entry.cgi",
    minVersion: 3,
    maxVersion: 7,
    internal: false,
    session: false,
    methods: {
      // Logging in changes no cluster state, so it works without quorum too.
      login: read(({ params, sessions, remote, setCookie }) => {
        const account = params.required("account");
        const passwd = params.required("passwd");
        const ok = account === creds.username && passwd === creds.password;
        const { sid, token } = sessions.login(account, ok, remote, params.str("enable_syno_token") === "yes");
        if ((params.str("format") ?? "cookie") === "cookie") setCookie(sid);
        return token === null
          ? { sid, is_portal_port: false }
          : { sid, is_portal_port: false, synotoken: token };
      }),
      logout: read(({ params, sessions }) => {
        sessions.logout(params.str("_sid"));
        return {};
      }),
    },
  };
}

export function infoApi(list: () => ApiDef[]): ApiDef {
  return {
    name: "SYNO.API.Info",
    path: "query.cgi",
    minVersion: 1,
    maxVersion: 1,
    internal: false,
    session: false,
    methods: {
      query: read(({ params, officialOnly }) => {
        const q = params.str("query") ?? "all";
        const wanted = q === "all" ? null : q.split(",").map((s) => s.trim());
        const out: Record<string, { path: string; minVersion: number; maxVersion: number }> = {};
        for (const api of list()) {
          if (api.internal && officialOnly) continue;
          const match =
            wanted === null ||
            wanted.some((w) => w === api.name || (w.endsWith(".") && api.name.startsWith(w)));
          if (match)
            out[api.name] = { path: api.path, minVersion: api.minVersion, maxVersion: api.maxVersion };
        }
        if (wanted !== null && wanted.some((w) => w === ""))
          fail(120, "query", "query must be 'all' or a comma list of API names");
        return out;
      }),
    },
  };
}
