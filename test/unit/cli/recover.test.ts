// synovmm recover's pure half (issue 21, ADR 028): pending creates read from a real-shaped
// `pulumi stack export`, the verdict of each against one read of the NAS (a VM is the killed run's
// only by this stack's mark, an image by its owner mark at the managed level and on a real NAS only
// by the user's word, --adopt-image), the plan of commands, and the state edit
// that records a proven VM. Shapes are those of Pulumi v3.248.0 (test/e2e/recover.test.ts).
import { expect } from "chai";
import { provisionalName, withOwnerMark } from "../../../provider/handlers/ownership";
import { judge, judgeAll, type ClusterRead, type Known } from "../../../provider/cli/recover/findings";
import {
  pendingCreates,
  recordedIds,
  type PendingOperation,
  type StackExport,
} from "../../../provider/cli/recover/pending";
import { commandsOf, planOf, renderPlan } from "../../../provider/cli/recover/plan";
import { recordPendingCreates } from "../../../provider/cli/recover/state-edit";

const OWNER = "my-vmm/dev";
const PREFIX = "urn:pulumi:dev::my-vmm::";
const STACK_URN = `${PREFIX}pulumi:pulumi:Stack::my-vmm-dev`;
const PROVIDER = `${PREFIX}pulumi:providers:pulumi-nodejs::default`;
const VM = "pulumi-nodejs:dynamic/synovmm:VirtualMachine";
const IMAGE = "pulumi-nodejs:dynamic/synovmm:Image";
const HA_PAIR = "pulumi-nodejs:dynamic/synovmm:HAPair";

function pending(type: string, name: string, providerId = "p-1"): PendingOperation {
  return {
    type: "creating",
    resource: {
      urn: `${PREFIX}${type}::${name}`,
      custom: true,
      type,
      inputs: {
        __provider: "exports.handler = __f0; …",
        adopt: false,
        cluster: "lab",
        name,
        owner: OWNER,
        ...(type === VM ? { cpu: 1, memory: "512MiB", power: "stopped" } : { type: "disk" }),
      },
      parent: STACK_URN,
      provider: `${PROVIDER}::${providerId}`,
      dependencies: [`${PREFIX}${IMAGE}::gone`],
      propertyDependencies: { name: [], cluster: [`${PREFIX}${IMAGE}::gone`] },
    },
  };
}

/** The stack after the next `up`: vm-a recorded, the default provider now "p-2". */
function exported(ops = [pending(VM, "vm-a"), pending(VM, "vm-b"), pending(IMAGE, "debian")]): StackExport {
  return {
    version: 3,
    deployment: {
      manifest: { version: "v3.248.0" },
      secrets_providers: { type: "passphrase", state: { salt: "v1:x" } },
      resources: [
        { urn: STACK_URN, custom: false, type: "pulumi:pulumi:Stack" },
        { urn: PROVIDER, custom: true, id: "p-2", type: "pulumi:providers:pulumi-nodejs" },
        {
          urn: `${PREFIX}${VM}::vm-a`,
          custom: true,
          id: "guest-a",
          type: VM,
          parent: STACK_URN,
          provider: `${PROVIDER}::p-2`,
        },
      ],
      pending_operations: ops,
    },
  };
}

const nas = (
  guests: { id: string; name: string; description: string }[],
  images: { id: string; name: string }[] = [],
) => new Map<string, ClusterRead>([["lab", { guests, images }]]);

function known(state: StackExport, clusters: Map<string, ClusterRead>): Known {
  return {
    clusters,
    recordedGuests: recordedIds(state, "VirtualMachine"),
    recordedImages: recordedIds(state, "Image"),
  };
}

describe("synovmm recover: pending creates to a plan", () => {
  it("reads each pending create's kind, name, owner, cluster and whether its URN is recorded", () => {
    const ops = pendingCreates(exported());
    expect(ops.map((o) => [o.kind, o.name, o.owner, o.cluster, o.recordedId])).to.deep.equal([
      ["VirtualMachine", "vm-a", OWNER, "lab", "guest-a"],
      ["VirtualMachine", "vm-b", OWNER, "lab", undefined],
      ["Image", "debian", OWNER, "lab", undefined],
    ]);
  });

  it("proves a VM by this stack's trace only: provisional name or mark, never the name alone", () => {
    const state = exported([pending(VM, "vm-b")]);
    const [op] = pendingCreates(state);
    const byProvisional = judge(
      op,
      known(state, nas([{ id: "g-b", name: provisionalName("vm-b", OWNER)!, description: "" }])),
    );
    expect(byProvisional).to.include({ kind: "made", id: "g-b" });
    const byMark = judge(
      op,
      known(state, nas([{ id: "g-b", name: "vm-b", description: withOwnerMark("web", OWNER) }])),
    );
    expect(byMark).to.include({ kind: "made", id: "g-b" });
    // A guest of that name made by hand, or by another stack: not the killed run's.
    expect(judge(op, known(state, nas([{ id: "g-x", name: "vm-b", description: "by hand" }])))).to.include({
      kind: "nothing",
    });
    expect(
      judge(
        op,
        known(state, nas([{ id: "g-y", name: "vm-b", description: withOwnerMark("", "other/prod") }])),
      ),
    ).to.include({ kind: "nothing" });
    // Two guests with this stack's mark for one name: which one the note means is not provable.
    const two = nas([
      { id: "g-1", name: provisionalName("vm-b", OWNER)!, description: "" },
      { id: "g-2", name: "vm-b", description: withOwnerMark("", OWNER) },
    ]);
    expect(judge(op, known(state, two)).kind).to.equal("unproven");
  });

  it("calls a note stale when its URN or its guest is in the stack, and an image never proven", () => {
    const state = exported();
    const [a, b, image] = pendingCreates(state);
    const read = nas(
      [
        { id: "guest-a", name: "vm-a", description: "" },
        { id: "g-b", name: provisionalName("vm-b", OWNER)!, description: "" },
      ],
      [{ id: "img-1", name: "debian" }],
    );
    expect(judge(a, known(state, read))).to.include({ kind: "recorded", id: "guest-a" });
    // vm-b's guest held by another resource of the stack (a renamed URN): never imported twice.
    const held: StackExport = {
      deployment: {
        ...state.deployment,
        resources: [
          ...(state.deployment?.resources ?? []),
          { urn: `${PREFIX}${VM}::other`, type: VM, id: "g-b" },
        ],
      },
    };
    expect(judge(b, known(held, read)).kind).to.equal("recorded");
    const imageVerdict = judge(image, known(state, read));
    expect(imageVerdict.kind).to.equal("unproven");
    expect(imageVerdict.what).to.contain("may be the killed run's or someone else's");
    expect(judge(image, known(state, nas([])))).to.include({ kind: "nothing" });
    const unread = judge(b, {
      ...known(state, read),
      clusters: new Map([["lab", { error: "login refused" }]]),
    });
    expect(unread.kind).to.equal("unproven");
  });

  it("judges an HAPair note by its guest: HA on a guest of the stack that no HAPair holds is MADE", () => {
    // The soak's seed 3162: a kill while HA was being turned on for vm-04 left this note, and
    // recover called it UNPROVEN ("checks VirtualMachine and Image creates only").
    const haNote: PendingOperation = {
      type: "creating",
      resource: {
        urn: `${PREFIX}${HA_PAIR}::vm-a-ha`,
        custom: true,
        type: HA_PAIR,
        inputs: { __provider: "…", cluster: "lab", vm: "vm-a", active: "syno-1", passive: "syno-2" },
        parent: STACK_URN,
        provider: `${PROVIDER}::p-2`,
      },
    };
    const state = exported([haNote]);
    const [op] = pendingCreates(state);
    expect(op).to.include({ kind: "HAPair", vm: "vm-a" });
    const managed = (
      haPairs: { guestId: string }[],
      guests = [{ id: "guest-a", name: "vm-a", description: "" }],
    ) =>
      known(
        state,
        new Map<string, ClusterRead>([["lab", { guests, images: [], imageMarks: true, haPairs }]]),
      );
    expect(judge(op, managed([{ guestId: "guest-a" }]))).to.include({ kind: "made", id: "guest-a" });
    expect(judge(op, managed([]))).to.include({ kind: "nothing" });
    // A guest of that name the stack does not hold: HA on it is not this stack's doing.
    expect(
      judge(op, managed([{ guestId: "g-x" }], [{ id: "g-x", name: "vm-a", description: "by hand" }])),
    ).to.include({ kind: "nothing" });
    // Held by another HAPair of the stack: stale.
    const held = {
      ...managed([{ guestId: "guest-a" }]),
      recordedHaPairs: new Map([["guest-a", "urn:…:other-ha"]]),
    };
    expect(judge(op, held)).to.include({ kind: "recorded", id: "guest-a" });
    // The official API cannot turn HA on: the create wrote nothing.
    expect(judge(op, known(state, nas([{ id: "guest-a", name: "vm-a", description: "" }])))).to.include({
      kind: "nothing",
    });
    // The guest itself unrecorded but proven MADE by a VirtualMachine note of the same recover.
    const both = exported([
      pending(VM, "vm-b"),
      { ...haNote, resource: { ...haNote.resource, inputs: { ...haNote.resource.inputs, vm: "vm-b" } } },
    ]);
    const guestB = { id: "g-b", name: "vm-b", description: withOwnerMark("", OWNER) };
    const read = new Map<string, ClusterRead>([
      ["lab", { guests: [guestB], images: [], imageMarks: true, haPairs: [{ guestId: "g-b" }] }],
    ]);
    const verdicts = judgeAll(pendingCreates(both), known(both, read)).map((f) => [
      f.op.kind,
      f.verdict.kind,
    ]);
    expect(verdicts).to.deep.equal([
      ["VirtualMachine", "made"],
      ["HAPair", "made"],
    ]);
  });

  it("proves an image at the managed level by this stack's owner mark only (ADR 027)", () => {
    const state = exported([pending(IMAGE, "debian")]);
    const [op] = pendingCreates(state);
    const marked = (images: { id: string; name: string; owner?: string }[]) =>
      known(state, new Map<string, ClusterRead>([["lab", { guests: [], images, imageMarks: true }]]));
    expect(judge(op, marked([{ id: "img-1", name: "debian", owner: OWNER }]))).to.include({
      kind: "made",
      id: "img-1",
    });
    // Made by hand (no mark) or by another stack: the killed run made nothing of that name.
    expect(judge(op, marked([{ id: "img-2", name: "debian" }]))).to.include({ kind: "nothing" });
    expect(judge(op, marked([{ id: "img-3", name: "debian", owner: "other/prod" }]))).to.include({
      kind: "nothing",
    });
    // Ours among others: ours is the one; two of ours: not provable which.
    expect(
      judge(
        op,
        marked([
          { id: "img-2", name: "debian" },
          { id: "img-4", name: "debian", owner: OWNER },
        ]),
      ),
    ).to.include({ kind: "made", id: "img-4" });
    const two = judge(
      op,
      marked([
        { id: "img-4", name: "debian", owner: OWNER },
        { id: "img-5", name: "debian", owner: OWNER },
      ]),
    );
    expect(two.kind).to.equal("unproven");
  });

  it("on a real NAS records an image only on the user's word (--adopt-image), and only one of that name", () => {
    const state = exported([pending(IMAGE, "debian")]);
    const [op] = pendingCreates(state);
    const read = (images: { id: string; name: string }[]) =>
      new Map<string, ClusterRead>([["lab", { guests: [], images }]]);
    const adopting = (images: { id: string; name: string }[], names: string[]): Known => ({
      ...known(state, read(images)),
      adoptImages: new Set(names),
    });
    const unmarked = judge(op, known(state, read([{ id: "img-1", name: "debian" }])));
    expect(unmarked.kind).to.equal("unproven");
    expect(unmarked.kind === "unproven" && unmarked.fix).to.contain(
      "synovmm recover --apply --adopt-image debian",
    );
    expect(judge(op, adopting([{ id: "img-1", name: "debian" }], ["debian"]))).to.include({
      kind: "made",
      id: "img-1",
    });
    // Another name adopted changes nothing; two images of the name stay unproven.
    expect(judge(op, adopting([{ id: "img-1", name: "debian" }], ["ubuntu"])).kind).to.equal("unproven");
    const two = judge(
      op,
      adopting(
        [
          { id: "img-1", name: "debian" },
          { id: "img-2", name: "debian" },
        ],
        ["debian"],
      ),
    );
    expect(two.kind).to.equal("unproven");
    expect(two.what).to.contain("2 images have that name");
    // The printed --apply carries the flag, so it gives the same verdicts.
    const plan = planOf([
      { op, verdict: judge(op, adopting([{ id: "img-1", name: "debian" }], ["debian"])) },
    ]);
    expect(renderPlan(plan, undefined, false, ["debian"]).join("\n")).to.contain(
      "run: synovmm recover --adopt-image debian --apply",
    );
  });

  it("plans: record the made VM, drop stale and empty notes; --apply refuses while one is unproven", () => {
    const state = exported();
    const read = nas([{ id: "g-b", name: provisionalName("vm-b", OWNER)!, description: "" }]);
    const plan = planOf(pendingCreates(state).map((op) => ({ op, verdict: judge(op, known(state, read)) })));
    expect(plan.record).to.deep.equal([{ urn: `${PREFIX}${VM}::vm-b`, id: "g-b" }]);
    expect([...plan.resolved]).to.deep.equal([`${PREFIX}${VM}::vm-a`, `${PREFIX}${IMAGE}::debian`]);
    expect(plan.unproven).to.deep.equal([]);
    expect(commandsOf(plan, "dev").map((c) => c.join(" "))).to.deep.equal([
      "pulumi stack export --stack dev --file STATE.json",
      "pulumi stack import --stack dev --file STATE.json",
      `pulumi refresh --stack dev --target ${PREFIX}${VM}::vm-b --yes --skip-preview`,
    ]);
    const text = renderPlan(plan, "dev", false).join("\n");
    expect(text).to.contain("synovmm recover --stack dev --apply").and.to.contain("id g-b");

    const clearOnly = planOf(
      pendingCreates(exported([pending(VM, "vm-c")])).map((op) => ({
        op,
        verdict: judge(op, known(state, read)),
      })),
    );
    expect(commandsOf(clearOnly, undefined).map((c) => c.join(" "))).to.deep.equal([
      "pulumi refresh --clear-pending-creates --yes --skip-preview",
    ]);

    const withImage = nas([], [{ id: "img-1", name: "debian" }]);
    const blocked = planOf(
      pendingCreates(state).map((op) => ({ op, verdict: judge(op, known(state, withImage)) })),
    );
    expect(blocked.unproven.map((f) => f.op.name)).to.deep.equal(["debian"]);
    expect(renderPlan(blocked, "dev", false).join("\n")).to.contain("changes nothing until each is resolved");
  });

  it("records a proven VM in the state: its id, outputs with the provider, references the stack still has", () => {
    const state = exported();
    const urnB = `${PREFIX}${VM}::vm-b`;
    const edited = recordPendingCreates(state, [{ urn: urnB, id: "g-b" }], new Set([`${PREFIX}${VM}::vm-a`]));
    const resources = edited.deployment?.resources ?? [];
    const vmB = resources[resources.length - 1];
    expect(vmB).to.include({
      urn: urnB,
      id: "g-b",
      type: VM,
      parent: STACK_URN,
      provider: `${PROVIDER}::p-2`,
    });
    expect(vmB.outputs).to.include({ name: "vm-b", owner: OWNER, __provider: "exports.handler = __f0; …" });
    expect(vmB.dependencies).to.deep.equal([]);
    expect(vmB.propertyDependencies).to.deep.equal({ name: [], cluster: [] });
    // The image's note is left as it was; vm-a's and vm-b's are gone.
    expect((edited.deployment?.pending_operations ?? []).map((o) => o.resource.urn)).to.deep.equal([
      `${PREFIX}${IMAGE}::debian`,
    ]);
    expect(edited.deployment).to.include.keys("manifest", "secrets_providers");
    expect(() => recordPendingCreates(state, [{ urn: `${PREFIX}${VM}::vm-a`, id: "x" }], new Set())).to.throw(
      /already/,
    );
  });

  it("refuses to record when the stack lost the provider the create used (its settings are in no note)", () => {
    // The next up removed the default provider: the spec declares nothing it serves any more.
    const state: StackExport = {
      deployment: {
        resources: [{ urn: STACK_URN, custom: false, type: "pulumi:pulumi:Stack" }],
        pending_operations: [pending(IMAGE, "debian")],
      },
    };
    expect(() =>
      recordPendingCreates(state, [{ urn: `${PREFIX}${IMAGE}::debian`, id: "img-1" }], new Set()),
    ).to.throw(/no longer has the provider its create used .*Fix: declare debian again for one pulumi up/);
  });
});
