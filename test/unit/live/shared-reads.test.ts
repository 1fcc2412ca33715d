/** Shared reads per kind (ADR 017): one read per window, one in flight, dropped by our writes. */
import { expect } from "chai";
import { SharedReads } from "../../../provider/live/shared-reads";

describe("SharedReads", () => {
  let clock = 0;
  let reads: SharedReads;
  let fetches = 0;
  const fetch = async () => ++fetches;

  beforeEach(() => {
    clock = 1_000;
    fetches = 0;
    reads = new SharedReads(2_000, () => clock);
  });

  it("concurrent callers share one request in flight", async () => {
    const answers = await Promise.all([reads.read("guests", fetch), reads.read("guests", fetch)]);
    expect(answers).to.deep.equal([1, 1]);
    expect(fetches).to.equal(1);
  });

  it("answers from the shared read inside the window, reads again after it", async () => {
    await reads.read("hosts", fetch);
    clock += 1_999;
    expect(await reads.read("hosts", fetch)).to.equal(1);
    clock += 1;
    expect(await reads.read("hosts", fetch)).to.equal(2);
  });

  it("keeps kinds apart", async () => {
    await reads.read("hosts", fetch);
    expect(await reads.read("guests", fetch)).to.equal(2);
  });

  it("a write drops the kinds it changed, also when it fails", async () => {
    await reads.read("guests", fetch);
    await reads.read("images", fetch);
    await reads.writing(["guests"], async () => undefined);
    expect(await reads.read("guests", fetch)).to.equal(3);
    expect(await reads.read("images", fetch)).to.equal(2);
    await reads.writing(["images"], async () => Promise.reject(new Error("refused"))).catch(() => undefined);
    expect(await reads.read("images", fetch)).to.equal(4);
  });

  it("a failed read is not shared with later callers", async () => {
    const failing = reads.read("cluster", async () => Promise.reject(new Error("down")));
    await failing.catch(() => undefined);
    expect(await reads.read("cluster", fetch)).to.equal(1);
  });
});
