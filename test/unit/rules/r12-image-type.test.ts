/**
 * R12: a VM's guest OS comes from its image at creation, by cloning it into the boot disk, which
 * only an image of type `disk` allows (ADR 019). Spec load refuses an `iso` or `vdsm` image there;
 * imageTypeFinding says the same for a type the live cluster reports.
 */
import { expect } from "chai";
import {
  CLONEABLE_IMAGE_TYPE,
  checkImageTypes,
  evaluate,
  imageTypeFinding,
  imageTypeProblem,
} from "../../../provider/rules/index";
import { cluster, vm } from "./fixture";

const withImage = (type: "iso" | "disk" | "vdsm") =>
  cluster({
    images: [
      { name: "ubuntu", type: "disk", storage: ["nas-a:/volume1"] },
      { name: "media", type, storage: ["nas-a:/volume1"] },
    ],
    virtualMachines: [vm("web-1"), vm("web-2", { image: "media" })],
  });

describe("R12: only a disk image can be a VM's image", () => {
  it("accepts disk images and VMs without image (a blank boot disk)", () => {
    expect(checkImageTypes(withImage("disk"))).to.deep.equal([]);
    const { image: _image, ...blank } = vm("blank-1");
    expect(evaluate(cluster({ virtualMachines: [blank] }))).to.deep.equal([]);
    expect(CLONEABLE_IMAGE_TYPE).to.equal("disk");
  });

  for (const type of ["iso", "vdsm"] as const) {
    it(`refuses a ${type} image at the VM's image, with what, where, why and the fix`, () => {
      const findings = checkImageTypes(withImage(type));
      expect(findings).to.have.length(1);
      const [f] = findings;
      expect(f.rule).to.equal("R12");
      expect(f.severity).to.equal("error");
      expect(f.path).to.equal("spec.virtualMachines[1].image");
      expect(f.target).to.deep.equal({ kind: "VirtualMachine", name: "web-2", index: 1, field: ["image"] });
      expect(f.message)
        .to.contain('VM "web-2"')
        .and.contain('image "media"')
        .and.contain(`type ${type}`)
        .and.contain("only disk images can be cloned into a boot disk (R12)");
      expect(f.fix)
        .to.contain("type: disk")
        .and.contain("leave image out")
        .and.contain("disks[0].size")
        .and.contain("Virtual Machine Manager");
      // evaluate runs it: spec load refuses the file.
      expect(evaluate(withImage(type)).map((e) => e.rule)).to.deep.equal(["R12"]);
    });
  }

  it("tells an ISO's user to attach it in VMM, and a vdsm's to install there", () => {
    expect(imageTypeProblem("v", "i", "iso")?.fix).to.contain("attach the ISO in Virtual Machine Manager");
    expect(imageTypeProblem("v", "i", "vdsm")?.fix).to.contain(
      "install the guest OS in Virtual Machine Manager",
    );
  });

  it("leaves an undeclared image to REF", () => {
    const desired = cluster({ virtualMachines: [vm("web-1", { image: "nope" })] });
    expect(checkImageTypes(desired)).to.deep.equal([]);
    expect(evaluate(desired).map((f) => f.rule)).to.deep.equal(["REF"]);
  });

  it("imageTypeFinding: what a VirtualMachine check calls with a live image's type", () => {
    expect(imageTypeFinding({ name: "web-1" }, "ubuntu", "disk")).to.equal(undefined);
    const live = imageTypeFinding({ name: "web-1" }, "installer", "iso");
    expect(live?.rule).to.equal("R12");
    expect(live?.target).to.deep.equal({ kind: "VirtualMachine", name: "web-1", index: 0, field: ["image"] });
    expect(live?.message).to.contain('image "installer" of type iso');
    // Any type VMM might report other than disk cannot be cloned either.
    expect(imageTypeFinding({ name: "web-1", index: 3 }, "x", "unknown")?.path).to.equal(
      "spec.virtualMachines[3].image",
    );
  });
});
