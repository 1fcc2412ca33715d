/** The one autorun table: the inputs' words to DSM's numbers and back, nowhere else. */
import { expect } from "chai";
import { autorunToDsm, guestFromDsm, type Autorun } from "../../../provider/api/official/guest-model";

const DSM_GUEST = { guest_id: "g1", guest_name: "web", vcpu_num: 1, vram_size: 1024 };

describe("guest model: autorun", () => {
  const table: [Autorun, number][] = [
    ["off", 0],
    ["last", 1],
    ["on", 2],
  ];

  for (const [word, code] of table) {
    it(`"${word}" is DSM's ${code}, both ways`, () => {
      expect(autorunToDsm(word)).to.equal(code);
      expect(guestFromDsm({ ...DSM_GUEST, autorun: code }).autorun).to.equal(word);
    });
  }

  it("refuses a word outside the table, naming the ones it knows", () => {
    expect(() => autorunToDsm("last-state" as Autorun)).to.throw(RangeError, /off, last, on/);
  });
});
