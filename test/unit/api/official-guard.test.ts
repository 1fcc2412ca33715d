/**
 * ADR 019: the client sends Synology's official API only what evidence/official-api.json
 * documents — checked before anything leaves, for plain calls and for every typed method's params.
 */
import { expect } from "chai";
import { DsmError } from "../../../provider/api";
import { createParams, patchParams } from "../../../provider/api/official/guest-model";
import { refuseUndocumented } from "../../../provider/api/core/official-guard";
import { undocumentedParts, OFFICIAL_APIS } from "../../../provider/evidence/official-api";

const GUEST = "SYNO.Virtualization.API.Guest";

describe("api: the official-API guard (ADR 019)", () => {
  it("names every undocumented parameter and item key of an official call", () => {
    expect(
      undocumentedParts(GUEST, "create", {
        guest_name: "web-1",
        storage_id: "s1",
        vcpu_num: 2,
        vdisks: '[{"create_type":1,"image_name":"u","controller":2}]',
        vnics: [{ network_id: "n1", model: 2 }],
      }).map((p) => p.param),
    ).to.deep.equal(["vcpu_num", "vdisks[0].controller", "vnics[0].model"]);
    expect(
      undocumentedParts(GUEST, "set", { guest_id: "g", vdisks: "[]" }).map((p) => p.param),
    ).to.deep.equal(["vdisks"]);
    expect(undocumentedParts(GUEST, "move", {}).map((p) => p.param)).to.deep.equal(["method"]);
    expect(undocumentedParts("SYNO.Virtualization.API.Nope", "list", {}).map((p) => p.param)).to.deep.equal([
      "api",
    ]);
  });

  it("leaves the envelope fields and other API families alone", () => {
    expect(
      undocumentedParts(GUEST, "get", { guest_id: "g", _sid: "x", SynoToken: "t", api: GUEST }),
    ).to.deep.equal([]);
    expect(undocumentedParts("SYNO.SynoVmmSim.Guest.Disk", "set", { vdisks: "[]" })).to.deep.equal([]);
  });

  it("refuses before sending, as a DsmError that says nothing was sent and whose defect it is", () => {
    let thrown: unknown;
    try {
      refuseUndocumented(GUEST, "create", { guest_name: "a", storage_id: "s", vram_size: 2048 });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).to.be.instanceOf(DsmError);
    expect((thrown as DsmError).message)
      .to.contain("vram_size")
      .and.contain("nothing was sent")
      .and.contain("synovmm defect");
  });

  it("what the client builds for create and set is documented, whatever the input", () => {
    const create = createParams({
      name: "web-1",
      storageName: "nas-a:/volume1",
      disks: [{ imageName: "ubuntu" }, { sizeMiB: 20480 }, { imageId: "i-1" }],
      nics: [{ networkId: "n1", mac: "02:11:32:00:00:01" }, { networkName: "lan" }, { networkId: "" }],
    });
    expect(undocumentedParts(GUEST, "create", create)).to.deep.equal([]);
    const set = patchParams({ name: "b", description: "d", autorun: "on", vcpus: 4, memoryMiB: 8192 });
    expect(undocumentedParts(GUEST, "set", { guest_id: "g", ...set })).to.deep.equal([]);
    expect(set).to.deep.equal({
      new_guest_name: "b",
      description: "d",
      autorun: 2,
      vcpu_num: 4,
      vram_size: 8192,
    });
  });

  it("the table lists the seven official APIs of a real DSM 7 catalogue, each with a source per method", () => {
    expect(Object.keys(OFFICIAL_APIS).sort()).to.deep.equal([
      "SYNO.Virtualization.API.Guest",
      "SYNO.Virtualization.API.Guest.Action",
      "SYNO.Virtualization.API.Guest.Image",
      "SYNO.Virtualization.API.Host",
      "SYNO.Virtualization.API.Network",
      "SYNO.Virtualization.API.Storage",
      "SYNO.Virtualization.API.Task.Info",
    ]);
    for (const [api, def] of Object.entries(OFFICIAL_APIS))
      for (const [method, m] of Object.entries(def.methods))
        expect(m.source, `${api} ${method}`).to.match(/[A-Z]{2,}/);
  });
});
