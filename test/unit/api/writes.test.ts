import { expect } from "chai";
import { DsmError, createClient, resetProcessState } from "../../../provider/api";
import { Caller } from "../../../provider/api/core/caller";
import { EP1, EP2, FakeDsm, fakeClient as client, OFFICIAL, guestJson, reset } from "./fake-dsm";

const GUEST = "SYNO.Virtualization.API.Guest";
const TASK = "SYNO.Virtualization.API.Task.Info";

/** A fake VMM that really creates guests, so duplicates would be visible. */
function vmm() {
  const dsm = new FakeDsm();
  const guests: Array<ReturnType<typeof guestJson>> = [];
  dsm.on(GUEST, "list", () => ({ data: { guests } }));
  dsm.on(GUEST, "get", (f) => {
    const g = guests.find((x) => x.guest_id === f.guest_id);
    return g ? { data: g } : { code: 401 };
  });
  dsm.on(GUEST, "create", (f) => {
    if (guests.some((g) => g.guest_name === f.guest_name)) return { code: 403 };
    guests.push(guestJson(`g${guests.length + 1}`, f.guest_name));
    return { data: { task_id: `@administrators/virtualization_api_guest_create${guests.length}` } };
  });
  dsm.on(TASK, "get", (f) => ({
    data: {
      finish: true,
      task_info: { guest_id: `g${f.task_id.slice(-1)}`, progress: 100, status: "finish" },
    },
  }));
  dsm.on(TASK, "clear", () => ({ data: {} }));
  return { dsm, guests };
}

const INPUT = {
  name: "web-1",
  storageId: "st1",
  disks: [{ sizeMiB: 10240 }],
  nics: [{ networkName: "Default VM Network" }],
};

describe("api: writes that may have reached the server", () => {
  beforeEach(() => resetProcessState());

  it("creates a guest: task, then read-back; sends JSON vdisks and auto_clean_task=false", async () => {
    const { dsm } = vmm();
    const g = await client(dsm).guests.create(INPUT);
    expect(g).to.deep.include({ id: "g1", name: "web-1", memoryMiB: 2048 });
    const form = dsm.calls(GUEST, "create")[0].form;
    expect(JSON.parse(form.vdisks)).to.deep.equal([{ create_type: 0, vdisk_size: 10240 }]);
    expect(form.auto_clean_task).to.equal("false");
    expect(dsm.calls(TASK, "clear")).to.have.length(1);
  });

  it("answer lost after the create landed: re-checks by name and does not send again", async () => {
    const { dsm, guests } = vmm();
    const real = dsm.handlers.get(`${GUEST} create`)!;
    dsm.on(GUEST, "create", async (f, r) => {
      await real(f, r);
      return reset(); // applied, but the answer never arrives
    });
    const g = await client(dsm).guests.create(INPUT);
    expect(g.id).to.equal("g1");
    expect(guests).to.have.length(1);
    expect(dsm.calls(GUEST, "create")).to.have.length(1);
  });

  it("answer lost before the create landed: re-checks, then sends once more", async () => {
    const { dsm, guests } = vmm();
    const real = dsm.handlers.get(`${GUEST} create`)!;
    let n = 0;
    dsm.on(GUEST, "create", (f, r) => (++n === 1 ? reset() : real(f, r)));
    await client(dsm).guests.create(INPUT);
    expect(guests).to.have.length(1);
    expect(dsm.calls(GUEST, "create")).to.have.length(2);
  });

  it("a late first create shows up as 403 on the re-send: adopted, not duplicated", async () => {
    const { dsm, guests } = vmm();
    const real = dsm.handlers.get(`${GUEST} create`)!;
    let n = 0;
    dsm.on(GUEST, "create", async (f, r) => {
      if (++n === 1) {
        setTimeout(() => void real(f, r), 0); // lands after the re-check
        return reset();
      }
      await new Promise((res) => setTimeout(res, 5));
      return real(f, r);
    });
    dsm.on(GUEST, "list", async () => ({ data: { guests: n === 1 ? [] : guests } }));
    const g = await client(dsm).guests.create(INPUT);
    expect(g.name).to.equal("web-1");
    expect(guests).to.have.length(1);
  });

  it("a genuine name conflict is reported with the name and a fix", async () => {
    const { dsm, guests } = vmm();
    guests.push(guestJson("g9", "web-1"));
    const err = (await client(dsm)
      .guests.create(INPUT)
      .catch((e: unknown) => e)) as DsmError;
    expect(err.message).to.match(/403 name conflict — a guest named "web-1" already exists\. Fix: /);
  });

  it("a write without a re-check is not re-sent after a lost answer (outcome unknown)", async () => {
    const dsm = new FakeDsm().on("X.API", "poke", () => reset());
    const caller = new Caller(
      {
        endpoints: [EP1],
        username: "admin",
        password: dsm.password,
        timeoutMs: 1000,
        maxInFlightPerEndpoint: 2,
        retry: { attempts: 3, baseDelayMs: 1 },
        sessionName: "t",
        endpointCooldownMs: 10,
        operationTimeoutMs: 1000,
      },
      dsm.transport,
      () => undefined,
    );
    OFFICIAL.push("X.API");
    try {
      const err = (await caller
        .call({ api: "X.API", method: "poke", safety: "write", parse: () => 1, subject: "thing t" })
        .catch((e: unknown) => e)) as DsmError;
      expect(err.category).to.equal("outcome-unknown");
      expect(err.message).to.match(/may or may not have been applied to thing t/);
      expect(dsm.calls("X.API")).to.have.length(1);
    } finally {
      OFFICIAL.pop();
    }
  });

  it("power on after a lost answer: status shows it ran, no 904 surfaces", async () => {
    const { dsm, guests } = vmm();
    guests.push(guestJson("g1", "web-1"));
    dsm.on("SYNO.Virtualization.API.Guest.Action", "poweron", () => {
      guests[0].status = "running";
      return reset();
    });
    await client(dsm).guestActions.powerOn("g1", { hostId: "h1" });
    expect(dsm.calls("SYNO.Virtualization.API.Guest.Action", "poweron")).to.have.length(1);
    expect(dsm.calls("SYNO.Virtualization.API.Guest.Action", "poweron")[0].form.host_id).to.equal("h1");
  });
});

describe("api: tasks", () => {
  beforeEach(() => resetProcessState());

  it("polls with progress until finished", async () => {
    const dsm = new FakeDsm();
    let p = 0;
    dsm.on(TASK, "get", () => {
      p += 25;
      return {
        data: {
          finish: p >= 100,
          task_info: { progress: Math.min(p, 100), status: p >= 100 ? "finish" : "running", image_id: "i1" },
        },
      };
    });
    dsm.on(TASK, "clear", () => ({ data: {} }));
    const seen: number[] = [];
    const t = await client(dsm).tasks.wait("t1", { initialIntervalMs: 1, onProgress: (x) => seen.push(x) });
    expect(t).to.deep.include({ finished: true, imageId: "i1", progress: 100 });
    expect(seen).to.deep.equal([25, 50, 75, 100]);
  });

  it("a failed task becomes an error with its DSM code", async () => {
    const dsm = new FakeDsm().on(TASK, "get", () => ({
      data: { finish: true, task_info: { progress: 40, status: "error", error: { code: 906 } } },
    }));
    const err = (await client(dsm)
      .tasks.wait("t1", { subject: 'a guest named "web-1"' })
      .catch((e: unknown) => e)) as DsmError;
    expect(err.category).to.equal("task");
    expect(err.code).to.equal(906);
    expect(err.message)
      .to.match(/image was not found/)
      .and.match(/the task for a guest named "web-1" \(t1\) failed at 40%/);
  });

  it("a vanished task (1000) becomes a clear error", async () => {
    const dsm = new FakeDsm().on(TASK, "get", () => ({ code: 1000 }));
    const err = (await client(dsm)
      .tasks.wait("t1")
      .catch((e: unknown) => e)) as DsmError;
    expect(err.category).to.equal("task");
    expect(err.message).to.match(/vanished/);
  });

  it("a slow task past its deadline becomes a timeout error", async () => {
    const dsm = new FakeDsm().on(TASK, "get", () => ({
      data: { finish: false, task_info: { progress: 10, status: "running" } },
    }));
    const started = Date.now();
    const err = (await client(dsm)
      .tasks.wait("t1", { timeoutMs: 60, initialIntervalMs: 5 })
      .catch((e: unknown) => e)) as DsmError;
    expect(err.category).to.equal("timeout");
    expect(err.message).to.match(/was at 10% after 60 ms; it keeps running/);
    expect(Date.now() - started).to.be.lessThan(500);
  });
});

describe("api: work spread over the member endpoints (ADR 017)", () => {
  beforeEach(() => resetProcessState());

  /** A VMM whose task records live on the host that started the task, as DSM's task manager keeps them. */
  function perHostTasks() {
    const { dsm, guests } = vmm();
    const startedOn = new Map<string, string>();
    dsm.on(GUEST, "create", (f, req) => {
      guests.push(guestJson(`g${guests.length + 1}`, f.guest_name));
      const taskId = `@administrators/virtualization_api_guest_create${guests.length}`;
      startedOn.set(taskId, new URL(req.url).origin);
      return { data: { task_id: taskId } };
    });
    const elsewhere = (f: Readonly<Record<string, string>>, url: string) =>
      startedOn.get(f.task_id) !== new URL(url).origin;
    dsm.on(TASK, "get", (f, req) =>
      elsewhere(f, req.url)
        ? { code: 1000 }
        : { data: { finish: true, task_info: { guest_id: `g${f.task_id.slice(-1)}`, progress: 100 } } },
    );
    dsm.on(TASK, "clear", (f, req) => (elsewhere(f, req.url) ? { code: 1000 } : { data: {} }));
    return { dsm, startedOn };
  }

  function twoEndpoints(dsm: FakeDsm) {
    return createClient({
      endpoints: [EP1, EP2],
      username: "admin",
      password: dsm.password,
      transport: dsm.transport,
      retry: { attempts: 3, baseDelayMs: 1 },
      logger: () => undefined,
    });
  }

  it("creates go where the least work is: four at once on two endpoints, two each", async () => {
    const { dsm } = perHostTasks();
    dsm.delayMs = 5;
    const c = twoEndpoints(dsm);
    await Promise.all(["a", "b", "c", "d"].map((name) => c.guests.create({ ...INPUT, name })));
    const origins = dsm.calls(GUEST, "create").map((r) => new URL(r.url).origin);
    expect(origins.filter((o) => o === EP1)).to.have.length(2);
    expect(origins.filter((o) => o === EP2)).to.have.length(2);
  });

  it("asks about a task only the endpoint that started it, and reads stay on one endpoint when idle", async () => {
    const { dsm, startedOn } = perHostTasks();
    dsm.delayMs = 5;
    const c = twoEndpoints(dsm);
    const made = await Promise.all(["a", "b"].map((name) => c.guests.create({ ...INPUT, name })));
    expect(made.map((g) => g.name)).to.deep.equal(["a", "b"]);
    for (const r of [...dsm.calls(TASK, "get"), ...dsm.calls(TASK, "clear")])
      expect(new URL(r.url).origin, r.form.task_id).to.equal(startedOn.get(r.form.task_id));
    dsm.requests.length = 0;
    await c.guests.list();
    await c.guests.list();
    expect(new Set(dsm.requests.map((r) => new URL(r.url).origin)).size).to.equal(1);
  });

  it("a write still fails over when the least busy endpoint is down", async () => {
    const { dsm } = perHostTasks();
    dsm.down.add(EP1);
    const g = await twoEndpoints(dsm).guests.create(INPUT);
    expect(g.name).to.equal("web-1");
    expect(dsm.calls(GUEST, "create").map((r) => new URL(r.url).origin)).to.deep.equal([EP2]);
  });
});
