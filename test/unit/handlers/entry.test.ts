import { expect } from "chai";
import { setLiveApiFactory } from "../../../provider/live/context";
import { read } from "../../../provider/handlers/entry";
import { ProviderError, unable } from "../../../provider/handlers/errors";
import type { LiveApi } from "../../../provider/live/live-api";

/** A cluster whose image list fails with `thrown`: enough to reach entry.ts's error handling. */
function failingImages(thrown: unknown): void {
  const api = {
    images: async () => {
      throw thrown;
    },
  };
  setLiveApiFactory(() => api as unknown as LiveApi);
}

async function readImageError(): Promise<unknown> {
  try {
    await read("Image", "img-1", { cluster: "lab", name: "web-os", storage: [] });
  } catch (e) {
    return e;
  }
  throw new Error("read did not fail");
}

describe("handler entry: errors by type", () => {
  after(() => setLiveApiFactory(undefined));

  it("says what failed and where when the error is not a ProviderError", async () => {
    failingImages(new Error("DSM error 119 (session expired)."));
    const e = (await readImageError()) as Error;
    expect(e.message).to.equal('Unable to read Image "web-os": DSM error 119 (session expired).');
  });

  it("leaves a ProviderError's message as it is", async () => {
    failingImages(unable("delete", "Image", "web-os", "it is in use."));
    const e = (await readImageError()) as Error;
    expect(e).to.be.instanceOf(ProviderError);
    expect(e.message).to.equal('Unable to delete Image "web-os": it is in use.');
  });

  it("decides by type, not by the words: a plain Error that happens to start with 'Unable to' is prefixed", async () => {
    failingImages(new Error("Unable to reach nas-a."));
    const e = (await readImageError()) as Error;
    expect(e.message).to.equal('Unable to read Image "web-os": Unable to reach nas-a.');
  });

  it("wraps a thrown non-Error in a ProviderError that keeps it as the cause", async () => {
    failingImages("socket hang up");
    const e = (await readImageError()) as ProviderError;
    expect(e).to.be.instanceOf(ProviderError);
    expect(e.message).to.equal('Unable to read Image "web-os": socket hang up');
    expect(e.cause).to.equal("socket hang up");
  });
});
