/**
 * Limits enforced by `pulumi preview` against the live cluster, before anything is sent
 * (scenarios 5, 6, 7, 10). Each asserts the simulator saw no mutating call.
 */
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import type { LocalWorkspace } from "@pulumi/pulumi/automation";
import { HAPair } from "../../provider/resources";
import { Scenario } from "./support/cluster";

function mutatingCalls(s: Scenario): string[] {
  return s.sim.control
    .requestLog()
    .filter((e) => e.mutated)
    .map((e) => `${e.api}.${e.method}`);
}

const host = (n: number) => ({ name: `nas-${String.fromCharCode(96 + n)}`, box: n });

describe("e2e: limits enforced in preview against the live cluster", function () {
  this.timeout(300_000);

  it("5. R1: an 8th host (counting one the stack does not manage) fails the preview; nothing is sent", async () => {
    const s = await Scenario.start("r1", { hosts: 8 });
    try {
      s.writeSpec({ hosts: [1, 2, 3, 4, 5, 6].map(host), images: false });
      await s.up();
      s.sim.control.joinHost({ box: 7, hostName: "rogue", clusterIp: "10.20.0.30" });
      expect(s.sim.control.snapshot().hosts.filter((h) => h.joined)).to.have.length(7);

      s.writeSpec({ hosts: [1, 2, 3, 4, 5, 6, 8].map(host), images: false });
      s.sim.control.clearLog();
      const failure = await s.previewFailure();
      expect(failure).to.include("R1");
      expect(failure).to.include("8 hosts (7 in the spec + 1 live host it does not list: rogue)");
      expect(mutatingCalls(s)).to.deep.equal([]);
      expect(s.sim.control.snapshot().hosts.filter((h) => h.joined)).to.have.length(7);
    } finally {
      await s.close();
    }
  });

  it("6. R5: HA in a 2-host cluster fails the preview, from the spec and from the live cluster", async () => {
    const s = await Scenario.start("r5", { hosts: 2 });
    try {
      s.writeSpec({
        hosts: [1, 2].map(host),
        vms: [{ name: "db-1", ha: { active: "nas-a", passive: "nas-b" } }],
      });
      const fromSpec = await s.previewFailure();
      expect(fromSpec).to.match(/cluster\.yaml:\d+:\d+: R5: /);

      // The same limit judged by the provider against the live hosts (a TypeScript program).
      s.writeSpec({ hosts: [1, 2].map(host), images: false });
      await s.up();
      s.sim.control.clearLog();
      (s.stack.workspace as LocalWorkspace).program = async () => {
        new HAPair("db-1-ha", { cluster: "lab", vm: "db-1", active: "nas-a", passive: "nas-b" });
        return { ok: pulumi.output(true) };
      };
      const live = await s.previewFailure();
      expect(live).to.match(/R5: VM "db-1" asks for high availability, but the cluster has 2 hosts/);
      expect(mutatingCalls(s)).to.deep.equal([]);
    } finally {
      await s.close();
    }
  });

  it("7. R2: with 2 of 3 hosts down, preview and up fail naming quorum; nothing changes", async () => {
    const s = await Scenario.start("r2", { hosts: 3 });
    try {
      s.writeSpec({ hosts: [1, 2, 3].map(host), vms: [{ name: "web-1" }] });
      await s.up();
      await s.sim.control.hostDown("nas-b", "unreachable");
      await s.sim.control.hostDown("nas-c", "unreachable");
      s.writeSpec({ hosts: [1, 2, 3].map(host), vms: [{ name: "web-1" }, { name: "web-2" }] });
      s.sim.control.clearLog();
      const before = s.sim.control.snapshot();

      const preview = await s.previewFailure();
      expect(preview).to.match(/R2: Only 1 of 3 cluster hosts are online \(down: nas-b, nas-c\)/);
      const up = await s.up().then(
        () => "succeeded",
        (e: Error) => e.message,
      );
      expect(up).to.match(/R2: Only 1 of 3 cluster hosts are online/);

      expect(mutatingCalls(s)).to.deep.equal([]);
      const after = s.sim.control.snapshot();
      expect(after.guests.map((g) => g.name)).to.deep.equal(before.guests.map((g) => g.name));
    } finally {
      await s.close();
    }
  });

  it("10. adopt: a VM created directly in the simulator is taken over, not recreated", async () => {
    const s = await Scenario.start("adopt", { hosts: 1 });
    try {
      s.writeSpec({ hosts: [host(1)] });
      await s.up();
      const id = s.sim.control.createGuest({
        name: "legacy-1",
        vcpuNum: 1,
        vramSizeMb: 1024,
        vdiskSizesMb: [10240],
        host: 1,
        running: true,
      });

      s.writeSpec({ hosts: [host(1)], vms: [{ name: "legacy-1", memory: "2GiB", allowRestart: true }] });
      const clash = await s.previewFailure();
      expect(clash).to.match(/a VM named "legacy-1" already exists .* set adopt: true/);

      s.adopt = true;
      await s.up();
      const adopted = s.guest("legacy-1");
      expect(adopted.guestId).to.equal(id);
      expect(adopted.vramSizeMb).to.equal(2048);
      expect(s.sim.control.snapshot().guests).to.have.length(1);
      expect((await s.preview()).summary).to.deep.equal({ same: 5 });
    } finally {
      await s.close();
    }
  });
});
