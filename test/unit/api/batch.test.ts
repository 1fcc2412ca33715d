// Batched reads through SYNO.Entry.Request (ADR 018), against the fake transport: which
// calls share one compound POST, and that each inner answer becomes exactly that call's own result.

import { expect } from "chai";
import { DsmError, LogLevel, resetProcessState } from "../../../provider/api";
import { MAX_BATCH } from "../../../provider/api/core/batch";
import { Caller } from "../../../provider/api/core/caller";
import type { CallSpec, Params } from "../../../provider/api/core/call-spec";
import { ShapeError } from "../../../provider/api/core/shape";
import type { ResolvedOptions } from "../../../provider/api/options";
import { COMPOUND, EP1, EP2, FakeDsm, reset } from "./fake-dsm";

const GUEST = "SYNO.Virtualization.API.Guest";
const NETWORK = "SYNO.Virtualization.API.Network";
const STORAGE = "SYNO.Virtualization.API.Storage";
const HOST = "SYNO.Virtualization.API.Host";

function setup(dsm: FakeDsm, extra: Partial<ResolvedOptions> = {}) {
  const logs: Array<[LogLevel, string]> = [];
  const caller = new Caller(
    {
      endpoints: [EP1],
      username: "admin",
      password: dsm.password,
      timeoutMs: 1000,
      maxInFlightPerEndpoint: 4,
      retry: { attempts: 3, baseDelayMs: 1 },
      sessionName: "t",
      endpointCooldownMs: 10,
      operationTimeoutMs: 1000,
      ...extra,
    },
    dsm.transport,
    (level, message) => logs.push([level, message]),
  );
  return { caller, logs };
}

/** A read whose parse insists on its own answer, so a swapped inner result would fail. */
function read(api: string, method: string, params?: Params): CallSpec<unknown> {
  return {
    api,
    method,
    params,
    safety: "read",
    subject: `the ${method} of ${api}`,
    parse: (data) => {
      const o = data as { from?: string };
      if (o.from !== `${api} ${method}`) throw new ShapeError(`got the answer of ${String(o.from)}`);
      return o;
    },
  };
}

/** A VMM whose reads answer with their own name (and the guest_id asked for). */
function vmm(compound = true): FakeDsm {
  const dsm = new FakeDsm();
  dsm.compound = compound;
  dsm.managed = false;
  for (const [api, method] of [
    [GUEST, "list"],
    [NETWORK, "list"],
    [STORAGE, "list"],
    [HOST, "list"],
  ])
    dsm.on(api, method, () => ({ data: { from: `${api} ${method}` } }));
  dsm.on(GUEST, "get", (f) => ({ data: { from: `${GUEST} get`, id: f.guest_id } }));
  dsm.on(GUEST, "delete", () => ({ data: { from: `${GUEST} delete` } }));
  return dsm;
}

const compounds = (dsm: FakeDsm) => dsm.calls(COMPOUND, "request");
/** HTTP requests other than discovery and login. */
const work = (dsm: FakeDsm) => dsm.requests.filter((r) => !r.form.api.startsWith("SYNO.API."));
const rejection = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

describe("api: batched reads (SYNO.Entry.Request)", () => {
  beforeEach(() => resetProcessState());

  it("sends concurrent reads to one endpoint as one compound POST, each answer to its own call", async () => {
    const dsm = vmm();
    const { caller, logs } = setup(dsm);
    const answers = await Promise.all([
      caller.call(read(GUEST, "list")),
      caller.call(read(NETWORK, "list")),
      caller.call(read(STORAGE, "list")),
      caller.call(read(GUEST, "get", { guest_id: "g1", additional: ["vdisks"] })),
    ]);
    expect(answers.map((a) => (a as { from: string }).from)).to.deep.equal([
      `${GUEST} list`,
      `${NETWORK} list`,
      `${STORAGE} list`,
      `${GUEST} get`,
    ]);
    expect((answers[3] as { id: string }).id).to.equal("g1");
    expect(work(dsm)).to.have.length(1);
    const [post] = compounds(dsm);
    expect(post.url).to.equal(`${EP1}/webapi/entry.cgi`);
    expect(post.form).to.include({ version: "1", mode: '"sequential"', stop_when_error: "false" });
    expect(post.form._sid).to.equal("sid-1-abcdefgh");
    // Inner parameters are JSON values (a list stays a list); the session rides on the compound only.
    expect(JSON.parse(post.form.compound)).to.deep.equal([
      { api: GUEST, method: "list", version: 1 },
      { api: NETWORK, method: "list", version: 1 },
      { api: STORAGE, method: "list", version: 1 },
      { api: GUEST, method: "get", version: 1, guest_id: "g1", additional: ["vdisks"] },
    ]);
    expect(logs).to.deep.include(["debug", `4 reads in one ${COMPOUND} to 127.0.10.1:5001`]);
    expect(logs.map(([, m]) => m).join("\n")).not.to.contain("sid-1");
  });

  it("sends a read that is alone in its window plainly", async () => {
    const dsm = vmm();
    const { caller } = setup(dsm);
    await caller.call(read(GUEST, "list"));
    expect(compounds(dsm)).to.have.length(0);
    expect(dsm.calls(GUEST, "list")).to.have.length(1);
  });

  it("never puts a write (or a write-like call) in a compound", async () => {
    const dsm = vmm();
    const { caller } = setup(dsm);
    const del: CallSpec<unknown> = { ...read(GUEST, "delete"), safety: "idempotent" };
    await Promise.all([
      caller.call(read(GUEST, "list")),
      caller.call(read(NETWORK, "list")),
      caller.call(del),
    ]);
    expect(compounds(dsm)).to.have.length(1);
    expect(JSON.parse(compounds(dsm)[0].form.compound)).to.have.length(2);
    expect(dsm.calls(GUEST, "delete")).to.have.length(1);
    expect(dsm.innerCalls.filter((f) => f.method === "delete")).to.deep.equal([]);
  });

  it("sends reads plainly to an endpoint whose SYNO.API.Info does not list SYNO.Entry.Request", async () => {
    const dsm = vmm(false);
    const { caller } = setup(dsm);
    await Promise.all([caller.call(read(GUEST, "list")), caller.call(read(NETWORK, "list"))]);
    expect(compounds(dsm)).to.have.length(0);
    expect(work(dsm).map((r) => r.form.api)).to.have.members([GUEST, NETWORK]);
  });

  it(`caps a compound at ${MAX_BATCH} reads`, async () => {
    const dsm = vmm();
    const { caller } = setup(dsm);
    const ids = Array.from({ length: MAX_BATCH + 2 }, (_, i) => `g${i}`);
    const got = await Promise.all(ids.map((id) => caller.call(read(GUEST, "get", { guest_id: id }))));
    expect(got.map((g) => (g as { id: string }).id)).to.deep.equal(ids);
    expect(compounds(dsm).map((r) => (JSON.parse(r.form.compound) as unknown[]).length)).to.deep.equal([
      MAX_BATCH,
      2,
    ]);
  });

  it("turns an inner error into that call's own DsmError, worded as a plain call's; the others succeed", async () => {
    const failing = (dsm: FakeDsm) => dsm.on(NETWORK, "list", () => ({ code: 105 }));
    const dsm = failing(vmm());
    const { caller } = setup(dsm);
    const [guests, networks] = await Promise.all([
      caller.call(read(GUEST, "list")),
      rejection(caller.call(read(NETWORK, "list"))),
    ]);
    expect((guests as { from: string }).from).to.equal(`${GUEST} list`);
    expect(networks).to.be.instanceOf(DsmError);
    const err = networks as DsmError;
    expect(err).to.include({ api: NETWORK, method: "list", code: 105, category: "dsm" });
    expect(compounds(dsm)).to.have.length(1);
    // The same failure of the same call sent alone reads the same.
    resetProcessState();
    const alone = failing(vmm(false));
    const plain = (await rejection(setup(alone).caller.call(read(NETWORK, "list")))) as DsmError;
    expect(err.message).to.equal(plain.message);
    expect(err.request).to.deep.equal(plain.request);
  });

  it("hands an inner answer to the call's own parse: a shape error is that call's protocol error", async () => {
    const dsm = vmm();
    dsm.on(NETWORK, "list", () => ({ data: { from: "someone else" } }));
    const { caller } = setup(dsm);
    const [guests, networks] = await Promise.all([
      caller.call(read(GUEST, "list")),
      rejection(caller.call(read(NETWORK, "list"))),
    ]);
    expect((guests as { from: string }).from).to.equal(`${GUEST} list`);
    expect(networks).to.be.instanceOf(DsmError).and.include({ category: "protocol", api: NETWORK });
  });

  it("logs in again once when an inner call answers 119, and repeats only that call", async () => {
    const dsm = vmm();
    let expired = true;
    dsm.on(NETWORK, "list", () => {
      if (!expired) return { data: { from: `${NETWORK} list` } };
      expired = false;
      return { code: 119 };
    });
    const { caller } = setup(dsm);
    await Promise.all([caller.call(read(GUEST, "list")), caller.call(read(NETWORK, "list"))]);
    expect(dsm.calls("SYNO.API.Auth", "login")).to.have.length(2);
    expect(dsm.innerCalls.filter((f) => f.api === GUEST)).to.have.length(1);
    expect(dsm.calls(NETWORK, "list").map((r) => r.form._sid)).to.deep.equal(["sid-2-abcdefgh"]);
  });

  it("logs in once again when the compound's own session has ended, then the reads go together again", async () => {
    const dsm = vmm();
    const { caller } = setup(dsm);
    await Promise.all([caller.call(read(GUEST, "list")), caller.call(read(NETWORK, "list"))]);
    dsm.validSids.clear(); // the session expired on the NAS
    await Promise.all([caller.call(read(GUEST, "list")), caller.call(read(NETWORK, "list"))]);
    expect(dsm.calls("SYNO.API.Auth", "login")).to.have.length(2);
    expect(compounds(dsm).map((r) => r.form._sid)).to.deep.equal([
      "sid-1-abcdefgh",
      "sid-1-abcdefgh",
      "sid-2-abcdefgh",
    ]);
  });

  it("retries each read of a compound whose POST got no answer, as it would a plain read", async () => {
    const dsm = vmm();
    let failures = 1;
    dsm.failCompound = () => (failures-- > 0 ? reset() : undefined);
    const { caller, logs } = setup(dsm);
    const got = await Promise.all([caller.call(read(GUEST, "list")), caller.call(read(NETWORK, "list"))]);
    expect(got.map((a) => (a as { from: string }).from)).to.deep.equal([`${GUEST} list`, `${NETWORK} list`]);
    expect(logs.filter(([l, m]) => l === "warn" && /ECONNRESET.*attempt 1 of 3/.test(m))).to.have.length(2);
  });

  it("fails each read of a compound that got no answer the way the plain read fails", async () => {
    const dsm = vmm();
    dsm.failCompound = () => reset();
    const { caller } = setup(dsm, { retry: { attempts: 1, baseDelayMs: 1 } });
    const errs = (await Promise.all([
      rejection(caller.call(read(GUEST, "list"))),
      rejection(caller.call(read(GUEST, "get", { guest_id: "g-1", additional: true }))),
    ])) as DsmError[];
    expect(errs.map((e) => [e.category, e.api, e.method, e.networkReason, e.requestSent])).to.deep.equal([
      ["network", GUEST, "list", "reset", true],
      ["network", GUEST, "get", "reset", true],
    ]);
    expect(errs[1].request).to.include({ api: GUEST, method: "get", url: `${EP1}/webapi/entry.cgi` });
    expect(errs[1].request.params).to.include({ guest_id: "g-1", additional: "true", _sid: "[REDACTED]" });
    expect(errs[0].message)
      .to.match(/ECONNRESET/)
      .and.not.contain("sid-1");
  });

  it("fails the reads of an unanswered compound over to the next endpoint", async () => {
    const dsm = vmm();
    dsm.failCompound = (origin) => (origin === EP1 ? reset() : undefined);
    const { caller } = setup(dsm, { endpoints: [EP1, EP2], retry: { attempts: 1, baseDelayMs: 1 } });
    const got = await Promise.all([caller.call(read(GUEST, "list")), caller.call(read(NETWORK, "list"))]);
    expect(got.map((a) => (a as { from: string }).from)).to.deep.equal([`${GUEST} list`, `${NETWORK} list`]);
    const origins = work(dsm).map((r) => new URL(r.url).origin);
    expect(origins[0]).to.equal(EP1);
    expect(origins.slice(1).every((o) => o === EP2)).to.equal(true);
  });

  it("sends the reads plainly, now and later, when DSM does not take the compound (103)", async () => {
    const dsm = vmm();
    dsm.on(COMPOUND, "request", () => ({ code: 103 }));
    const { caller, logs } = setup(dsm);
    for (let i = 0; i < 2; i++)
      await Promise.all([caller.call(read(GUEST, "list")), caller.call(read(NETWORK, "list"))]);
    expect(compounds(dsm)).to.have.length(1);
    expect(dsm.calls(GUEST, "list")).to.have.length(2);
    expect(
      logs.some(([l, m]) => l === "info" && /did not take SYNO.Entry.Request \(code 103\)/.test(m)),
    ).to.equal(true);
  });

  it("sends the reads plainly when the compound's answer has a shape it does not know", async () => {
    const dsm = vmm();
    dsm.on(COMPOUND, "request", () => ({ data: { has_fail: false, result: [{ success: true, data: {} }] } }));
    const { caller } = setup(dsm);
    const got = await Promise.all([caller.call(read(GUEST, "list")), caller.call(read(NETWORK, "list"))]);
    expect(got).to.have.length(2);
    expect(dsm.calls(GUEST, "list")).to.have.length(1);
  });
});
