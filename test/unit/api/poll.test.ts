/** Adaptive task polling (ADR 017): back off while nothing moves, aim at the end progress predicts. */
import { expect } from "chai";
import { nextPause } from "../../../provider/api/core/poll";

describe("nextPause", () => {
  const INITIAL = 200;
  const MAX = 5_000;

  it("backs off by half while the task reports no progress", () => {
    expect(nextPause(200, { elapsedMs: 200, moved: false }, INITIAL, MAX)).to.equal(300);
    expect(nextPause(300, { elapsedMs: 500, progress: 40, moved: false }, INITIAL, MAX)).to.equal(450);
    expect(nextPause(4_000, { elapsedMs: 30_000, moved: false }, INITIAL, MAX)).to.equal(MAX);
  });

  it("aims just past the end the progress so far predicts", () => {
    // 2/3 done after 200 ms: about 100 ms to go.
    expect(nextPause(200, { elapsedMs: 200, progress: 66, moved: true }, INITIAL, MAX)).to.be.within(
      100,
      130,
    );
    // 10 % after 20 s of an image import: wait as long as allowed, not 200 ms.
    expect(nextPause(200, { elapsedMs: 20_000, progress: 10, moved: true }, INITIAL, MAX)).to.equal(MAX);
  });

  it("never asks a nearly finished task every few milliseconds", () => {
    expect(nextPause(200, { elapsedMs: 300, progress: 99, moved: true }, INITIAL, MAX)).to.equal(INITIAL / 2);
  });
});
