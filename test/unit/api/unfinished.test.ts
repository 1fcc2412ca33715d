/**
 * Transient failures are retried where that is safe, and a create whose object exists
 * although the call failed later says so with the object's id (so the provider records it).
 */
import { expect } from "chai";
import { DsmError, createClient, resetProcessState } from "../../../provider/api";
import { sessionFor } from "../../../provider/api/core/session";
import { createdIdOf } from "../../../provider/api/core/unfinished";
import { EP1, FakeDsm, fakeClient as client, guestJson } from "./fake-dsm";

const GUEST = "SYNO.Virtualization.API.Guest";
const IMAGE = "SYNO.Virtualization.API.Guest.Image";
const TASK = "SYNO.Virtualization.API.Task.Info";
const AUTH = "SYNO.API.Auth";

/** A VMM whose create task never reports: every Task.Info get answers `code` (or runs forever). */
function vmmWithStuckTask(taskAnswer: () => { code: number } | { data: unknown }) {
  const dsm = new FakeDsm();
  const guests: Array<ReturnType<typeof guestJson>> = [];
  dsm.on(GUEST, "list", () => ({ data: { guests } }));
  dsm.on(GUEST, "create", (f) => {
    guests.push(guestJson("g1", f.guest_name, "creating"));
    return { data: { task_id: "@administrators/virtualization_api_guest_create1" } };
  });
  dsm.on(TASK, "get", taskAnswer);
  return { dsm, guests };
}

const INPUT = { name: "web-1", storageId: "st1", disks: [{ sizeMiB: 10240 }], nics: [] };

describe("api: transient failures", () => {
  beforeEach(() => resetProcessState());

  it("retries a read answered 100 (unknown error) and returns its answer", async () => {
    let calls = 0;
    const dsm = new FakeDsm().on(GUEST, "list", () =>
      ++calls === 1 ? { code: 100 } : { data: { guests: [] } },
    );
    expect(await client(dsm).guests.list()).to.deep.equal([]);
    expect(dsm.calls(GUEST, "list")).to.have.length(2);
  });

  it("never re-sends a write answered 100: its outcome is unknown", async () => {
    const dsm = new FakeDsm().on(GUEST, "delete", () => ({ code: 100 }));
    const err = (await client(dsm)
      .guests.delete("g1")
      .catch((e: unknown) => e)) as DsmError;
    expect(err.code).to.equal(100);
    expect(dsm.calls(GUEST, "delete")).to.have.length(1);
  });

  it("retries a login answered 100 with back-off, then sends the call once (not a refusal)", async () => {
    let logins = 0;
    const dsm = new FakeDsm().on(GUEST, "list", () => ({ data: { guests: [] } }));
    dsm.on(AUTH, "login", () => {
      if (++logins === 1) return { code: 100 };
      dsm.validSids.add("sid-after-retry");
      return { data: { sid: "sid-after-retry" } };
    });
    expect(await client(dsm).guests.list()).to.deep.equal([]);
    expect(dsm.calls(AUTH, "login")).to.have.length(2);
    expect(dsm.calls(GUEST, "list")).to.have.length(1);
  });

  it("a refused password (400) is not retried, and is forgotten after REFUSAL_MEMORY_MS", async () => {
    const dsm = new FakeDsm().on(GUEST, "list", () => ({ data: { guests: [] } }));
    dsm.password = "the right one";
    const wrong = createClient({
      endpoints: [EP1],
      username: "admin",
      password: "a wrong one",
      transport: dsm.transport,
      retry: { attempts: 3, baseDelayMs: 1 },
      logger: () => undefined,
    });
    expect(((await wrong.guests.list().catch((e: unknown) => e)) as DsmError).code).to.equal(400);
    await wrong.guests.list().catch(() => undefined);
    expect(dsm.calls(AUTH, "login")).to.have.length(1);
    // Time passes: the remembered refusal expires and the next call asks DSM again.
    sessionFor(EP1, "admin", "a wrong one").refusedUntil = Date.now() - 1;
    await wrong.guests.list().catch(() => undefined);
    expect(dsm.calls(AUTH, "login")).to.have.length(2);
  });
});

describe("api: a failed create names the object it left behind", () => {
  beforeEach(() => resetProcessState());

  it("Task.Info failing on every poll: the error carries the new guest's id", async () => {
    const { dsm } = vmmWithStuckTask(() => ({ code: 100 }));
    const err = (await client(dsm)
      .guests.create(INPUT)
      .catch((e: unknown) => e)) as DsmError;
    expect(err).to.be.instanceOf(DsmError);
    expect(err.code).to.equal(100);
    expect(createdIdOf(err)).to.equal("g1");
    expect(dsm.calls(TASK, "get")).to.have.length(3); // a read: retried, then given up
  });

  it("the task deadline (operationTimeoutMs): a timeout error with the id and what to run", async () => {
    const running = { data: { finish: false, task_info: { progress: 10, status: "running" } } };
    const { dsm } = vmmWithStuckTask(() => running);
    const err = (await client(dsm, 50)
      .guests.create(INPUT)
      .catch((e: unknown) => e)) as DsmError;
    expect(err.category).to.equal("timeout");
    expect(createdIdOf(err)).to.equal("g1");
    expect(err.message).to.contain("synovmm:operationTimeout").and.contain("pulumi up");
  });

  it("a create refused outright (403) carries no id: the object there is not ours", async () => {
    const dsm = new FakeDsm().on(GUEST, "create", () => ({ code: 403 }));
    dsm.on(GUEST, "list", () => ({ data: { guests: [guestJson("other", "web-1")] } }));
    const err = await client(dsm)
      .guests.create(INPUT)
      .catch((e: unknown) => e);
    expect(createdIdOf(err)).to.equal(undefined);
  });

  it("Guest.Image create answered 1400 (online storages only): the error carries the image's id", async () => {
    const dsm = new FakeDsm().on(IMAGE, "create", () => ({ code: 1400 }));
    dsm.on(IMAGE, "list", () => ({
      data: { images: [{ image_id: "i9", image_name: "ubuntu", type: "disk", storages: [] }] },
    }));
    const err = (await client(dsm)
      .images.create({ name: "ubuntu", type: "disk", dsFilePath: "/share/u.img", storageIds: ["a", "b"] })
      .catch((e: unknown) => e)) as DsmError;
    expect(err.code).to.equal(1400);
    expect(createdIdOf(err)).to.equal("i9");
  });
});
