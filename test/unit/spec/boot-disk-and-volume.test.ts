/**
 * What a real NAS can do, in the schemas (R9, R12, ADR 021): a VM's image is optional (a blank boot disk), the boot disk's size may
 * be left out only with an image (the clone has the image's size), and a volume is /volumeN (R9),
 * both in a host's volumes and in `<host>:<volume>` storage references. The same schemas judge a
 * whole file (validate) and one resource's inputs (check).
 */
import { expect } from "chai";
import { formats } from "../../../provider/model/formats";
import { validateResourceInputs } from "../../../provider/model/schemas";
import { volumePathProblem } from "../../../provider/model/volume-path";
import { loadSpecText } from "../../../provider/spec/index";
import { specInputs } from "../../../provider/spec/to-inputs";
import { toModel } from "../../../provider/spec/to-model";

const vm = (extra: Record<string, unknown>) => ({
  name: "dev-1",
  cpu: 2,
  memory: "4GiB",
  storage: "nas-lab:/volume1",
  nics: [],
  ...extra,
});
const issues = (extra: Record<string, unknown>) => validateResourceInputs("VirtualMachine", vm(extra));

describe("boot disk and image (R12)", () => {
  it("a VM without image is valid with a sized boot disk", () => {
    expect(issues({ disks: [{ size: "40GiB" }] })).to.deep.equal([]);
    expect(issues({ disks: [{ size: "40GiB" }, { size: "1TiB" }] })).to.deep.equal([]);
  });

  it("a VM with an image may leave the boot disk's size out, and only the boot disk's", () => {
    expect(issues({ image: "ubuntu", disks: [{}] })).to.deep.equal([]);
    expect(issues({ image: "ubuntu", disks: [{}, { size: "100GiB" }] })).to.deep.equal([]);
    expect(issues({ image: "ubuntu", disks: [{ size: "40GiB" }] })).to.deep.equal([]);
    const second = issues({ image: "ubuntu", disks: [{}, {}] });
    expect(second.map((i) => i.path)).to.deep.equal(["disks[1]"]);
    expect(second[0].message).to.contain('missing the required key "size"');
  });

  it("without image, a boot disk without size is refused, saying why (R12) and how to fix it", () => {
    const found = issues({ disks: [{}] });
    expect(found).to.have.length(1);
    expect(found[0].path).to.equal("disks[0]");
    expect(found[0].message)
      .to.contain('disks[0] is missing the required key "size"')
      .and.contain("blank disk")
      .and.contain("(R12)");
    expect(found[0].fix).to.contain("Add size").and.contain("set image");
    // No "must match else schema" noise beside it.
    expect(found[0].message).to.not.contain("schema");
  });

  it("the boot disk keeps the other disk rules: unknown keys and bad sizes are refused", () => {
    expect(issues({ image: "u", disks: [{ sise: "4GiB" }] })[0].message).to.contain('Did you mean "size"?');
    expect(issues({ image: "u", disks: [{ size: "4GB" }] })[0].path).to.equal("disks[0].size");
    expect(issues({ disks: [] })[0].message).to.contain("at least 1");
  });

  it("spec → inputs: an absent image and boot disk size stay absent (no empty strings)", () => {
    const doc = {
      metadata: { name: "lab" },
      spec: { virtualMachines: [vm({ disks: [{ size: "40GiB" }] }), vm({ image: "u", disks: [{}] })] },
    };
    const [blank, clone] = specInputs(doc).virtualMachines;
    expect(blank).to.not.have.property("image");
    expect(clone.image).to.equal("u");
    expect(clone.disks).to.deep.equal([{}]);
    expect(toModel(doc).virtualMachines[0]).to.not.have.property("image");
  });

  it("the rules' model carries each image's type (R12 reads it)", () => {
    const doc = {
      spec: { images: [{ name: "i", type: "iso", path: "/i.iso", storage: ["nas-lab:/volume1"] }] },
    };
    expect(toModel(doc).images).to.deep.equal([{ name: "i", type: "iso", storage: ["nas-lab:/volume1"] }]);
  });
});

describe("volume paths are Synology volumes, /volumeN (R9)", () => {
  it("accepts /volume1 … /volumeN", () => {
    for (const ok of ["/volume1", "/volume2", "/volume12", "/volume100"])
      expect(volumePathProblem(ok), ok).to.equal(undefined);
  });

  it("refuses /, other folders, /volume0, leading zeros, folders inside a volume, overlong paths", () => {
    expect(volumePathProblem("/")).to.contain("/volumeN");
    expect(volumePathProblem("/data")).to.contain("/volumeN");
    expect(volumePathProblem("volume1")).to.contain("/volumeN");
    expect(volumePathProblem("/volume")).to.contain("numbered from 1");
    expect(volumePathProblem("/volume0")).to.contain("numbered from 1");
    expect(volumePathProblem("/volume01")).to.contain("leading zeros");
    expect(volumePathProblem("/volume1/vms")).to.contain("folder inside a volume");
    expect(volumePathProblem("/volume1/")).to.contain("folder inside a volume");
    expect(volumePathProblem(`/volume1${"1".repeat(5000)}`)).to.contain("PATH_MAX");
  });

  it("a host's volume path: the message cites R9 and the fix shows /volumeN", () => {
    const found = validateResourceInputs("Host", {
      name: "nas-lab",
      address: "10.20.0.11",
      volumes: [{ path: "/", filesystem: "btrfs" }],
    });
    expect(found).to.have.length(1);
    expect(found[0].path).to.equal("volumes[0].path");
    expect(found[0].message).to.contain('"/" is not a Synology volume').and.contain("(R9)");
    expect(found[0].fix).to.contain("/volumeN").and.contain("/volume1");
  });

  it("a storage reference must name a volume too, so nas-a:/ is refused with R9", () => {
    const ref = formats["storage-ref"];
    expect(ref.validate("nas-a:/volume1")).to.equal(true);
    expect(ref.validate("nas-a:/")).to.equal(false);
    expect(ref.validate("nas-a:/volume1/vms")).to.equal(false);
    expect(ref.explain("nas-a:/").message).to.contain("(R9)");
    expect(ref.explain("nas-a:/").fix).to.contain("nas-a:/volume1");
    // Not <host>:<volume> at all keeps its own message.
    expect(ref.explain("nas-a").message).to.contain("not a storage reference");
  });

  it("validate: a spec with volume path / is refused at the path's line, citing R9", () => {
    const text = [
      "apiVersion: synovmm/v1",
      "kind: Cluster",
      "metadata: { name: lab }",
      "spec:",
      "  hosts:",
      "    - name: nas-lab",
      "      address: 10.20.0.11",
      "      volumes: [{ path: /, filesystem: btrfs }]",
    ].join("\n");
    const loaded = loadSpecText(text, "lab.yaml");
    const schema = loaded.problems.filter((p) => p.code === "SCHEMA");
    expect(schema.map((p) => p.path)).to.deep.equal(["spec.hosts[0].volumes[0].path"]);
    expect(schema[0].message).to.contain("(R9)");
  });
});
