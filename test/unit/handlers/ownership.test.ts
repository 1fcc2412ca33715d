import { expect } from "chai";
import { markedBy, ownerMarkOf, withOwnerMark, withoutOwnerMark } from "../../../provider/handlers/ownership";

describe("ownership mark in a guest's description", () => {
  it("appends the stack and strips it back to exactly what the user declared", () => {
    for (const declared of ["", "web server", "ends with a space ", "[brackets] inside"]) {
      const marked = withOwnerMark(declared, "proj/dev");
      expect(ownerMarkOf(marked)).to.equal("proj/dev");
      expect(withoutOwnerMark(marked)).to.equal(declared);
    }
    expect(withOwnerMark("web", "proj/dev")).to.equal("web [synovmm stack proj/dev]");
  });

  it("re-marking replaces the mark instead of stacking a second one", () => {
    const twice = withOwnerMark(withOwnerMark("web", "a/b"), "a/b");
    expect(twice).to.equal("web [synovmm stack a/b]");
  });

  it("only the same stack owns it; no owner means no mark and no ownership", () => {
    const marked = withOwnerMark("", "proj/dev");
    expect(markedBy(marked, "proj/dev")).to.equal(true);
    expect(markedBy(marked, "proj/prod")).to.equal(false);
    expect(markedBy(marked, undefined)).to.equal(false);
    expect(withOwnerMark("web", undefined)).to.equal("web");
    expect(markedBy("made by hand", "proj/dev")).to.equal(false);
  });
});
