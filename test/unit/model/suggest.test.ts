import { expect } from "chai";
import { closest, didYouMean, editDistance, SUGGEST_MAX_LENGTH } from "../../../provider/model/suggest";

describe("did-you-mean suggestions", () => {
  it("counts a swap of neighbouring letters as one edit", () => {
    expect(editDistance("brtfs", "btrfs")).to.equal(1);
    expect(editDistance("kitten", "sitting")).to.equal(3);
    expect(editDistance("", "abc")).to.equal(3);
    expect(editDistance("Volume", "volume")).to.equal(0);
  });

  it("suggests the closest candidate within a typo's distance", () => {
    expect(closest("adress", ["name", "address", "volumes"])).to.equal("address");
    expect(didYouMean("nas-z", ["nas-a", "web-1"])).to.equal(' Did you mean "nas-a"?');
    expect(closest("completely", ["name", "address"])).to.equal(undefined);
  });

  it("gives no suggestion for a word longer than any name could be", () => {
    const long = "a".repeat(SUGGEST_MAX_LENGTH + 1);
    expect(closest(long, [`${long}b`])).to.equal(undefined);
  });

  it("skips candidates whose length alone rules them out, however long (2 × 25,000 characters)", () => {
    const huge = "x".repeat(25_000);
    expect(closest("nas-a", [huge, "nas-b"])).to.equal("nas-b");
    expect(closest(huge, [huge.replace(/^x/, "y")])).to.equal(undefined);
  });
});
