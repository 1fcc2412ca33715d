// Architecture decision 7: the `__provider` Pulumi writes into state is small, has no secrets, and
// names the handlers by package name, so state neither grows with the code nor ties a stack to the
// folder it was created in.
import { resolve } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { HANDLERS_MODULE, providerFor } from "../../../provider/resources/provider-shim";
import type { ResourceKind } from "../../../provider/resources/types";

const KINDS: readonly ResourceKind[] = ["Cluster", "Host", "Image", "VirtualMachine", "HAPair"];
const LIMIT_BYTES = 4096;
// dist/test/unit/resources → the package root of this checkout.
const PACKAGE_ROOT = resolve(__dirname, "..", "..", "..", "..");

describe("resources: serialized __provider (decision 7)", () => {
  it("names the handlers module by package name", () => {
    expect(HANDLERS_MODULE).to.equal("pulumi-synology-vmm/dist/provider/handlers/entry");
  });

  it("one provider object per kind, so the SDK serializes each kind's closures once (ADR 017)", () => {
    for (const kind of KINDS) expect(providerFor(kind), kind).to.equal(providerFor(kind));
    expect(new Set(KINDS.map(providerFor)).size).to.equal(KINDS.length);
  });

  for (const kind of KINDS) {
    it(`${kind}: no secrets, handlers by package name, no checkout path, under 4 KiB`, async () => {
      const provider = providerFor(kind);
      const serialized = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
      const text = serialized.text;
      const bytes = Buffer.byteLength(text, "utf8");
      expect(serialized.containsSecrets, `${kind}: a secret was captured`).to.equal(false);
      expect(text).to.include('"pulumi-synology-vmm/dist/provider/handlers/entry"');
      expect(text).to.include(`"${kind}"`);
      // The memo of provider objects must not be captured: no other kind may appear.
      for (const other of KINDS.filter((k) => k !== kind && !kind.includes(k)))
        expect(text, `${kind}: captured the memo holding ${other}`).not.to.include(`"${other}"`);
      expect(text, `${kind}: names a path of this checkout`).not.to.include("/work/");
      expect(text, `${kind}: names the package root`).not.to.include(PACKAGE_ROOT);
      expect(bytes, `${kind}: ${bytes} bytes; something large was captured in the closure`).to.be.below(
        LIMIT_BYTES,
      );
    });
  }
});
