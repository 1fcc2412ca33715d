/**
 * The Image reconciler on the real DSM client against the simulator over HTTP (ADR 027): at the
 * managed level the create marks the image with its stack, so an image a killed run left (as the
 * soak's seeds 1067, 1154, 1192 and 1195 left img-b) is taken over by the next `up` without
 * `adopt`; another stack's or an unmarked one still needs it. At the official level (`--dsm real`)
 * nothing private is sent.
 */
import { expect } from "chai";
import { createClient, type VmmClient } from "../../../provider/api";
import { setConfigSource } from "../../../provider/live/connection";
import { liveApiFor, setHandlerLog } from "../../../provider/live/context";
import { CapturedLog } from "../../../provider/live/log";
import { imageHandler as image } from "../../../provider/handlers/image";
import type { ImageInputs } from "../../../provider/resources/types";
import type { SimulatorHandle } from "../../../simulator";
import { asNextProviderProcess, labClusterForHandlers } from "./lab";

const OWNER = "lab/test";
const PRIVATE = /^SYNO\.SynoVmmSim\./;

function labImage(name: string, overrides: Partial<ImageInputs> = {}): ImageInputs {
  return {
    cluster: "lab",
    name,
    type: "disk",
    path: `/images/${name}.img`,
    storage: ["syno-1:/volume1"],
    owner: OWNER,
    ...overrides,
  };
}

/** What a `pulumi up` killed while the create was in flight leaves: the create sent, nothing recorded. */
async function createdByKilledRun(sim: SimulatorHandle, name: string, owner: string): Promise<string> {
  const client: VmmClient = createClient({
    endpoints: sim.endpoints,
    username: sim.username,
    password: sim.password,
    logger: () => undefined,
  });
  try {
    const storageId = (await client.storages.list()).find((s) => s.name === "syno-1 - VM Storage 1")?.id;
    if (storageId === undefined) throw new Error("storage syno-1 - VM Storage 1 not listed");
    // The private create straight away, as the killed provider sent it; its task is never waited for.
    await client.ownedImages
      .create(
        { name, type: "disk", dsFilePath: `/images/${name}.img`, storageIds: [storageId], owner },
        { timeoutMs: 1 },
      )
      .catch(() => undefined);
  } finally {
    await client.close();
  }
  const made = sim.control.snapshot().images.find((i) => i.name === name);
  if (made === undefined) throw new Error(`the killed run's create of ${name} made nothing`);
  return made.imageId;
}

const refusal = (p: Promise<unknown>): Promise<string | undefined> =>
  p.then(
    () => undefined,
    (e: Error) => e.message,
  );

describe("Image reconciler against the simulator (managed level): owner mark (ADR 027)", function () {
  this.timeout(30_000);
  let sim: SimulatorHandle;

  beforeEach(async () => {
    sim = await labClusterForHandlers({ taskDurationMs: 1_500 });
  });
  afterEach(async () => {
    setConfigSource(() => undefined);
    await sim.close();
  });

  it("creates the image through the private create, marked with the stack", async () => {
    const r = await image.create(labImage("img-a"));
    const made = sim.control.snapshot().images.find((i) => i.imageId === r.id);
    expect([made?.owner, made?.ready]).to.deep.equal([OWNER, true]);
    expect(r.outs.imageId).to.equal(r.id);
    const creates = sim.control.requestLog().filter((e) => e.method === "create");
    expect(creates.map((e) => e.api)).to.deep.equal(["SYNO.SynoVmmSim.Guest.Image"]);
  });

  it("takes over its own image a killed run left still creating, without adopt: waits for it, records it", async () => {
    const id = await createdByKilledRun(sim, "img-b", OWNER);
    expect(sim.control.snapshot().images.find((i) => i.imageId === id)?.ready).to.equal(false);
    asNextProviderProcess(sim); // the recovery `pulumi up`
    const r = await image.create(labImage("img-b"));
    expect(r.id).to.equal(id);
    expect(r.outs.imageId).to.equal(id);
    const world = sim.control.snapshot();
    expect(world.images.filter((i) => i.name === "img-b").map((i) => [i.imageId, i.ready])).to.deep.equal([
      [id, true],
    ]);
    const read = await image.read(r.id, r.outs);
    expect(read.inputs?.owner).to.equal(OWNER);
  });

  it("still refuses another stack's image and an unmarked one without adopt", async () => {
    await createdByKilledRun(sim, "img-b", "lab/other");
    asNextProviderProcess(sim);
    expect(await refusal(image.create(labImage("img-b")))).to.match(
      /an image named "img-b" already exists\. Fix: set adopt: true/,
    );
    // ubuntu-22.04-cloud is in every lab cluster, made by the official create: no mark.
    expect(await refusal(image.create(labImage("ubuntu-22.04-cloud")))).to.match(
      /an image named "ubuntu-22.04-cloud" already exists\. Fix: set adopt: true/,
    );
    expect(await refusal(image.create(labImage("img-b", { owner: undefined })))).to.match(/adopt: true/);
  });

  it("a stack recorded before the mark shows no change (owner is not diffed)", async () => {
    const r = await image.create(labImage("img-c"));
    const { owner: _o, ...older } = r.outs;
    expect(await image.diff(r.id, older, labImage("img-c"))).to.deep.equal({ changes: false });
  });
});

describe("Image reconciler against the simulator (dsm real): nothing private is sent", function () {
  this.timeout(30_000);
  let sim: SimulatorHandle;

  before(async () => {
    setHandlerLog(new CapturedLog()); // the official-only notice is not this test's subject
    sim = await labClusterForHandlers({ dsm: "real", taskDurationMs: 50 });
  });
  after(async () => {
    setHandlerLog(undefined);
    setConfigSource(() => undefined);
    await sim.close();
  });

  it("creates with the official create only, with no owner; an existing image still needs adopt", async () => {
    sim.control.clearLog();
    const r = await image.create(labImage("img-r"));
    const made = sim.control.snapshot().images.find((i) => i.imageId === r.id);
    expect(made?.owner).to.equal(null);
    const log = sim.control.requestLog();
    expect(log.filter((e) => PRIVATE.test(e.api)).map((e) => `${e.api}.${e.method}`)).to.deep.equal([]);
    const creates = log.filter((e) => e.method === "create");
    expect(creates.map((e) => [e.api, Object.keys(e.params).includes("owner")])).to.deep.equal([
      ["SYNO.Virtualization.API.Guest.Image", false],
    ]);
    asNextProviderProcess(sim); // a recovery up finds it unrecorded: no mark on a real NAS
    setHandlerLog(new CapturedLog());
    expect(await refusal(image.create(labImage("img-r")))).to.match(
      /an image named "img-r" already exists\. Fix: set adopt: true/,
    );
  });

  it("records the image when the NAS stops answering after the create: the list is asked again until it answers", async () => {
    // The soak's seed 4036 (--dsm real, one host): the host went down while the create task ran,
    // so the polls and the one list that would have found the new image's id all failed; the image
    // was left unrecorded, and the next up refused it ("already exists. Fix: set adopt: true").
    asNextProviderProcess(sim);
    await liveApiFor("lab").images(); // the create's own check reads this; the faults hit what follows
    // Every attempt on every endpoint: 4 attempts × 3 hosts, for the polls and for the first list.
    sim.control.addFault({
      api: "SYNO.Virtualization.API.Task.Info",
      method: "get",
      drop: true,
      maxCount: 12,
    });
    sim.control.addFault({
      api: "SYNO.Virtualization.API.Guest.Image",
      method: "list",
      drop: true,
      maxCount: 12,
    });
    const failed = (await image.create(labImage("img-down")).then(
      () => undefined,
      (e: unknown) => e,
    )) as (Error & { id?: string }) | undefined;
    const made = sim.control.snapshot().images.filter((i) => i.name === "img-down");
    expect(made).to.have.length(1);
    expect(failed?.message).to.match(/created \(id .*\) but not finished.*Run 'pulumi up' again/);
    expect(failed?.id).to.equal(made[0].imageId);
  });
});
