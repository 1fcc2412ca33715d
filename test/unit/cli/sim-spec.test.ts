import { expect } from "chai";
import { join } from "node:path";
import { shapeOf, takeSpec } from "../../../provider/cli/sim";
import { packageRoot } from "../../../provider/model/package-root";
import { loadSpec } from "../../../provider/spec";

describe("synovmm sim --spec: the simulator's shape from a spec", () => {
  it("takes --spec FILE and --spec=FILE out of the arguments, the rest for the simulator", () => {
    expect(takeSpec(["--spec", "a.yaml", "--quiet"])).to.deep.equal({ spec: "a.yaml", rest: ["--quiet"] });
    expect(takeSpec(["--port", "0", "--spec=a.yaml"])).to.deep.equal({
      spec: "a.yaml",
      rest: ["--port", "0"],
    });
    expect(takeSpec(["--hosts", "3"])).to.deep.equal({ spec: undefined, rest: ["--hosts", "3"] });
    expect(takeSpec(["--spec"])).to.equal("--spec needs a file");
    expect(takeSpec(["--spec", "--quiet"])).to.equal("--spec needs a file");
    expect(takeSpec(["--spec=a", "--spec=b"])).to.equal("--spec may be given once");
  });

  it("one box per spec host, named as the spec names it, with its volumes, capacity, SHA and the networks", async () => {
    const loaded = await loadSpec(join(packageRoot(), "examples", "ha-cluster.yaml"));
    const shape = shapeOf(loaded);
    expect(shape.boxes.map((b) => b.name)).to.deep.equal(["nas-a", "nas-b", "nas-c"]);
    expect(shape.boxes[1]).to.deep.equal({
      name: "nas-b",
      volumes: [
        { path: "/volume1", filesystem: "btrfs", sizeMb: 1_048_576 },
        { path: "/volume2", filesystem: "ext4", sizeMb: 1_048_576 },
      ],
      sha: false,
      cpuThreads: 16,
      ramMb: 65536,
    });
    expect(shape.networks).to.deep.equal(["vm-lan", "dmz"]);
  });
});
