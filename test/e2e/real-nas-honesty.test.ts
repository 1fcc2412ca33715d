/**
 * Only documented calls reach a NAS (ADR 019), as a user meets it: a Pulumi project in git, the plain `pulumi` CLI, one NAS served by
 * `synovmm sim --dsm real`. Through up, a resize with allowRestart, refresh and destroy, every call
 * to Synology's official API carries only what evidence/official-api.json documents (ADR 019), and
 * the live VM has the declared vCPUs and memory (create, then Guest set: ADR 020). A disk growth
 * and an ISO image are refused at preview with nothing written; a VM without image gets a blank disk.
 */
import { expect } from "chai";
import { createClient, type VmmClient } from "../../provider/api";
import { isOfficialApi, undocumentedParts } from "../../provider/evidence/official-api";
import { startSimulator, type SimulatorHandle } from "../../simulator";
import { describeRun, leaks, ProjectDir, type CliRun } from "./support/project";

function spec(
  endpoint: string,
  db: { cpu: number; memory: string },
  extra = { dataDisk: "20GiB", iso: false },
): string {
  return `apiVersion: synovmm/v1
kind: Cluster
metadata:
  name: lab
spec:
  hosts:
    - name: syno-1
      address: 10.10.0.10
      endpoint: ${endpoint}
      volumes: [{ path: /volume1, filesystem: btrfs }]
  networks:
    - name: Default VM Network
  images:
    - name: ubuntu-cloud
      type: disk
      path: /images/ubuntu-24.04-cloud.img
      storage: [syno-1:/volume1]
${
  extra.iso
    ? `    - name: ubuntu-iso
      type: iso
      path: /images/ubuntu-24.04.iso
      storage: [syno-1:/volume1]
`
    : ""
}  virtualMachines:
    - name: db-1
      image: ${extra.iso ? "ubuntu-iso" : "ubuntu-cloud"}
      cpu: ${db.cpu}
      memory: ${db.memory}
      storage: syno-1:/volume1
      disks: [{}, { size: 20GiB }]
      nics: [{ network: Default VM Network }]
      power: running
      allowRestart: true
      description: primary database
    - name: installer-1
      cpu: 2
      memory: 2GiB
      storage: syno-1:/volume1
      disks: [{ size: 40GiB }, { size: ${extra.dataDisk} }]
      power: stopped
`;
}

describe("e2e: honest on a real NAS (sim --dsm real, one NAS, plain pulumi CLI; ADR 019)", function () {
  this.timeout(900_000);
  let sim: SimulatorHandle;
  let project: ProjectDir;
  let client: VmmClient;
  const officialCalls: string[] = [];

  /** Every official call logged since the last look must be documented; returns the calls that wrote. */
  function audit(): { writes: string[] } {
    const log = sim.control.requestLog();
    sim.control.clearLog();
    const writes: string[] = [];
    for (const e of log) {
      if (!isOfficialApi(e.api)) continue;
      officialCalls.push(`${e.api} ${e.method}`);
      expect(
        undocumentedParts(e.api, e.method, e.params),
        `${e.api} ${e.method} ${JSON.stringify(e.params)}`,
      ).to.deep.equal([]);
    }
    for (const e of log)
      if (e.mutated || /^(create|set|delete|poweron|poweroff|shutdown)$/.test(e.method))
        writes.push(`${e.api} ${e.method}`);
    return { writes };
  }

  async function live(name: string) {
    const g = (await client.guests.list({ details: true })).find((x) => x.name === name);
    if (g === undefined) throw new Error(`no guest named ${name} on the NAS`);
    return g;
  }

  function clean(run: CliRun): void {
    expect(leaks(run.output), describeRun(run)).to.deep.equal([]);
  }

  /** A preview of the resized spec with `extra`: it must fail with no stack trace and no write sent. */
  async function refusedAtPreview(extra: { dataDisk: string; iso: boolean }): Promise<CliRun> {
    project.write("cluster.yaml", spec(sim.endpoints[0], { cpu: 2, memory: "8GiB" }, extra));
    const run = await project.pulumi("preview");
    expect(run.code, describeRun(run)).to.not.equal(0);
    clean(run);
    expect(audit().writes).to.deep.equal([]);
    return run;
  }

  before(async () => {
    sim = await startSimulator({ hosts: 1, dsm: "real", taskDurationMs: 50 });
    project = ProjectDir.create("real-nas", spec(sim.endpoints[0], { cpu: 4, memory: "16GiB" }));
    await project.initStack(sim);
    client = createClient({ endpoints: sim.endpoints, username: sim.username, password: sim.password });
    sim.control.clearLog();
  });
  after(async () => {
    await client?.close();
    project?.remove();
    await sim?.close();
  });

  it("up: every official call is documented, and the VM has the declared vCPUs and memory", async () => {
    const run = await project.pulumiOk("up", "--yes");
    clean(run);
    expect(audit().writes).to.include("SYNO.Virtualization.API.Guest set");
    const db = await live("db-1");
    // The stack's mark rides on the description, written by the same set that named the VM (ADR 020).
    expect(db).to.deep.include({
      vcpus: 4,
      memoryMiB: 16384,
      status: "running",
      description: "primary database [synovmm stack real-nas/dev]",
    });
    // The clone keeps the image's size (ADR 021); the data disk is blank at its declared size.
    expect(db.disks?.map((d) => d.sizeMiB)).to.deep.equal([4096, 20480]);
    const installer = await live("installer-1");
    expect(installer).to.deep.include({ vcpus: 2, memoryMiB: 2048, status: "shutdown" });
    expect(
      installer.disks?.map((d) => d.sizeMiB),
      "a blank boot disk of the first size",
    ).to.deep.equal([40960, 20480]);
    const preview = await project.pulumiOk("preview", "--expect-no-changes");
    clean(preview);
  });

  it("resize with allowRestart: Guest set with the new vCPUs and memory, power-cycled", async () => {
    project.write("cluster.yaml", spec(sim.endpoints[0], { cpu: 2, memory: "8GiB" }));
    const run = await project.pulumiOk("up", "--yes");
    clean(run);
    audit();
    expect(await live("db-1")).to.deep.include({ vcpus: 2, memoryMiB: 8192, status: "running" });
  });

  it("refresh, then preview --expect-no-changes", async () => {
    clean(await project.pulumiOk("refresh", "--yes"));
    clean(await project.pulumiOk("preview", "--expect-no-changes"));
    expect(audit().writes).to.deep.equal([]);
  });

  it("a disk growth is refused at preview: what, why, the fix; nothing written, no stack trace", async () => {
    const run = await refusedAtPreview({ dataDisk: "60GiB", iso: false });
    expect(run.output).to.contain("grow disk 2 from 20480 MiB to 61440 MiB");
    expect(run.output).to.contain("no documented way to grow or add a virtual disk");
    expect(run.output).to.contain("Fix: make the change in Virtual Machine Manager");
  });

  it("an ISO image as a VM's image is refused at preview (R12), nothing written", async () => {
    const run = await refusedAtPreview({ dataDisk: "20GiB", iso: true });
    expect(run.output).to.match(/R12/);
    expect(run.output).to.contain("only disk images can be cloned");
  });

  it("destroy leaves the NAS without the stack's guests; over the whole run only documented official calls", async () => {
    project.write("cluster.yaml", spec(sim.endpoints[0], { cpu: 2, memory: "8GiB" }));
    clean(await project.pulumiOk("destroy", "--yes"));
    audit();
    const names = (await client.guests.list()).map((g) => g.name);
    expect(names).to.not.include.members(["db-1", "installer-1"]);
    expect(new Set(officialCalls)).to.include.keys(
      "SYNO.Virtualization.API.Guest create",
      "SYNO.Virtualization.API.Guest set",
      "SYNO.Virtualization.API.Guest delete",
      "SYNO.Virtualization.API.Guest.Image create",
    );
  });
});
