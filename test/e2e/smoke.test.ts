/**
 * Smoke test of the toolchain itself: the real `pulumi` CLI, driven through the Automation API with
 * a local file backend, runs a dynamic provider through preview → up → preview → destroy.
 * If this fails, every other e2e test would fail for the same reason; it keeps that reason obvious.
 */
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { Sandbox, makeSandbox, inlineStack, Recorder } from "./support/pulumi";

interface MarkerInputs {
  file: string;
  text: string;
}

/** A tiny dynamic resource: a file with some text. Observable from outside the engine. */
const markerProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs: MarkerInputs) {
    require("node:fs").writeFileSync(inputs.file, inputs.text);
    return { id: inputs.file, outs: inputs };
  },
  async diff(_id: string, olds: MarkerInputs, news: MarkerInputs) {
    return {
      changes: olds.text !== news.text || olds.file !== news.file,
      replaces: olds.file !== news.file ? ["file"] : [],
    };
  },
  async update(_id: string, _olds: MarkerInputs, news: MarkerInputs) {
    require("node:fs").writeFileSync(news.file, news.text);
    return { outs: news };
  },
  async delete(id: string) {
    require("node:fs").rmSync(id, { force: true });
  },
};

class Marker extends pulumi.dynamic.Resource {
  constructor(name: string, args: { file: string; text: string }) {
    super(markerProvider, name, args, undefined, "synovmm-smoke", "Marker");
  }
}

describe("e2e smoke: the real pulumi CLI runs a dynamic provider", function () {
  this.timeout(180_000);
  let sandbox: Sandbox;
  let markerFile: string;

  before(() => {
    sandbox = makeSandbox();
    markerFile = path.join(sandbox.dir, "marker.txt");
  });
  after(() => sandbox?.remove());

  it("goes preview → up → preview (no changes) → destroy with exact change summaries", async () => {
    const stack = await inlineStack(sandbox, "synovmm-smoke", async () => {
      new Marker("marker", { file: markerFile, text: "hello" });
    });

    const first = new Recorder();
    const preview1 = await stack.preview({ onEvent: first.onEvent, onOutput: first.onOutput });
    expect(preview1.changeSummary, first.text()).to.deep.equal({ create: 2 }); // stack + marker
    expect(fs.existsSync(markerFile), "preview must not create anything").to.equal(false);

    const up = await stack.up({ onOutput: first.onOutput });
    expect(up.summary.result).to.equal("succeeded");
    expect(up.summary.resourceChanges).to.deep.equal({ create: 2 });
    expect(fs.readFileSync(markerFile, "utf8")).to.equal("hello");

    const again = new Recorder();
    const preview2 = await stack.preview({ onEvent: again.onEvent, onOutput: again.onOutput });
    expect(preview2.changeSummary, again.text()).to.deep.equal({ same: 2 });

    const destroy = await stack.destroy({ onOutput: again.onOutput });
    expect(destroy.summary.result).to.equal("succeeded");
    expect(destroy.summary.resourceChanges).to.deep.equal({ delete: 2 });
    expect(fs.existsSync(markerFile), "destroy must remove the marker").to.equal(false);

    await stack.workspace.removeStack("test");
  });
});
