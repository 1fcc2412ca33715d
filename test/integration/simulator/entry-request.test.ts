// SYNO.Entry.Request over HTTP (simulator/API.md §2.3), in both flavours: each inner call answers as
// the same call sent alone would, and is logged as its own entry marked `via`.
import { expect } from "chai";
import { GUEST, LAB, expectCode, expectOk, harness, raw, type DsmReply, type Harness } from "./helpers";

const COMPOUND = "SYNO.Entry.Request";
const NETWORK = "SYNO.Virtualization.API.Network";
const STORAGE = "SYNO.Virtualization.API.Storage";

interface Inner {
  success: boolean;
  data?: unknown;
  error?: { code: number };
  api: string;
  method: string;
  version: number;
}

for (const dsm of ["sim", "real"] as const) {
  describe(`simulator: SYNO.Entry.Request (dsm ${dsm})`, () => {
    let h: Harness;
    const compound = (calls: unknown[], extra: Record<string, string> = {}) =>
      h.api(COMPOUND, "request", { compound: calls, ...extra });
    const results = (r: DsmReply) => expectOk(r).result as Inner[];

    before(async () => {
      h = await harness({ hosts: 2, dsm, cluster: { ...LAB, joined: 2 } });
    });
    after(() => h.sim.close());
    beforeEach(() => {
      h.sim.control.clearFaults();
      h.sim.control.clearLog();
    });

    it("is listed at entry.cgi, versions 1–2, JSON", async () => {
      const data = expectOk(await h.api("SYNO.API.Info", "query", { query: COMPOUND }, 1)) as Record<
        string,
        unknown
      >;
      expect(data[COMPOUND]).to.deep.equal({
        path: "entry.cgi",
        minVersion: 1,
        maxVersion: 2,
        requestFormat: "JSON",
      });
    });

    it("answers each inner read as the same read sent alone, in order, with has_fail false", async () => {
      const calls = [
        { api: GUEST, method: "list", version: 1 },
        { api: NETWORK, method: "list", version: 1 },
        { api: STORAGE, method: "list", version: 1 },
      ];
      const plain = await Promise.all(calls.map((c) => h.api(c.api, c.method)));
      for (const version of [1, 2]) {
        const r = await call(h, version, calls);
        expect(expectOk(r).has_fail).to.equal(false);
        expect(results(r)).to.deep.equal(calls.map((c, i) => ({ ...c, success: true, data: plain[i].data })));
      }
    });

    it("fails one inner call on its own (same code as alone); the others succeed; has_fail true", async () => {
      const alone = await h.api(GUEST, "get", { guest_name: "no-such" });
      const r = await compound([
        { api: NETWORK, method: "list", version: 1 },
        { api: GUEST, method: "get", version: 1, guest_name: "no-such" },
        { api: "SYNO.No.Such", method: "list", version: 1 },
        { api: NETWORK, method: "list", version: 9 },
        { api: STORAGE, method: "list", version: 1 },
      ]);
      expect(r.success).to.equal(true);
      expect(expectOk(r).has_fail).to.equal(true);
      const inner = results(r);
      expect(inner.map((x) => x.success)).to.deep.equal([true, false, false, false, true]);
      expect(inner[1].error).to.deep.equal(alone.error);
      expect(inner.slice(2, 4).map((x) => x.error?.code)).to.deep.equal([102, 104]);
    });

    it("stop_when_error leaves the calls after the first failure out", async () => {
      const r = await compound(
        [
          { api: GUEST, method: "get", version: 1, guest_name: "no-such" },
          { api: NETWORK, method: "list", version: 1 },
        ],
        { stop_when_error: "true", mode: '"sequential"' },
      );
      expect(results(r)).to.have.length(1);
    });

    it("applies fault rules to inner calls as to plain ones", async () => {
      h.sim.control.addFault({ api: NETWORK, method: "list", code: 117, maxCount: 1 });
      const calls = [
        { api: NETWORK, method: "list", version: 1 },
        { api: STORAGE, method: "list", version: 1 },
      ];
      expect(results(await compound(calls)).map((x) => x.error?.code)).to.deep.equal([117, undefined]);
      expect(results(await compound(calls)).map((x) => x.success)).to.deep.equal([true, true]);
    });

    it("drops the whole connection when an inner call hits a drop fault", async () => {
      h.sim.control.addFault({ api: STORAGE, method: "list", drop: true, maxCount: 1 });
      const body = new URLSearchParams({
        api: COMPOUND,
        version: "1",
        method: "request",
        _sid: h.sid,
        compound: JSON.stringify([{ api: STORAGE, method: "list", version: 1 }]),
      }).toString();
      const sent = raw(`${h.sim.endpoints[0]}/webapi/entry.cgi`, {
        method: "POST",
        body,
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      const err = await sent.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).to.be.instanceOf(Error);
    });

    it("checks the compound's session before any inner call runs (119), and refuses a bad compound (114, 120)", async () => {
      const r = await h.api(COMPOUND, "request", {
        _sid: "not-a-session",
        compound: [{ api: NETWORK, method: "list", version: 1 }],
      });
      expectCode(r, 119);
      expect(h.sim.control.requestLog().filter((e) => e.api === NETWORK)).to.deep.equal([]);
      expectCode(await h.api(COMPOUND, "request", {}), 114);
      expectCode(await h.api(COMPOUND, "request", { compound: "{not json" }), 120);
      expectCode(await compound([{ api: NETWORK, method: "list", version: 1 }], { mode: "fast" }), 120);
      expectCode(await compound(["list"]), 120);
    });

    it("logs the compound once and each inner call as its own entry, marked via", async () => {
      await compound([
        { api: NETWORK, method: "list", version: 1 },
        { api: STORAGE, method: "list", version: 1 },
      ]);
      const log = h.sim.control.requestLog();
      expect(log.map((e) => [e.api, e.method, e.via])).to.deep.equal([
        [NETWORK, "list", COMPOUND],
        [STORAGE, "list", COMPOUND],
        [COMPOUND, "request", undefined],
      ]);
      expect(new Set(log.map((e) => e.session)).size).to.equal(1);
      expect(log.every((e) => !JSON.stringify(e.params).includes(h.sid))).to.equal(true);
    });
  });
}

function call(h: Harness, version: number, calls: unknown[]): Promise<DsmReply> {
  return h.api(COMPOUND, "request", { compound: calls, version });
}
