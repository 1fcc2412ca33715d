import { expect } from "chai";
import { recordTaskProgress, taskKindOf, typicalTaskMs } from "../../../provider/api/core/task-estimate";
import { resetProcessState } from "../../../provider/api/core/process-state";

const CREATE_A = "@administrators/virtualization_api_guest_create0123456789abcdef";
const CREATE_B = "@administrators/virtualization_api_guest_createfedcba9876543210";
const IMAGE = "@administrators/virtualization_api_image_create0123456789abcdef";

describe("task estimates: the first poll goes where tasks of the kind usually end (ADR 017)", () => {
  beforeEach(resetProcessState);

  it("a task's kind is its id without the unique hex tail", () => {
    expect(taskKindOf(CREATE_A)).to.equal(taskKindOf(CREATE_B));
    expect(taskKindOf(CREATE_A)).not.to.equal(taskKindOf(IMAGE));
    expect(taskKindOf("t1")).to.equal("t1");
  });

  it("knows nothing before a task of the kind reported progress", () => {
    expect(typicalTaskMs(CREATE_A)).to.equal(undefined);
  });

  it("predicts from progress: 25 % after 100 ms is a 400 ms task, for every task of the kind", () => {
    recordTaskProgress(CREATE_A, 100, 25);
    expect(typicalTaskMs(CREATE_B)).to.equal(400);
    expect(typicalTaskMs(IMAGE)).to.equal(undefined);
  });

  it("takes the median, so one slow task does not delay every first poll", () => {
    for (const ms of [300, 310, 290, 5000]) recordTaskProgress(CREATE_A, ms / 2, 50);
    expect(typicalTaskMs(CREATE_A)).to.equal(305);
  });

  it("ignores 0 % and 100 %: they bound the length, they do not predict it", () => {
    recordTaskProgress(CREATE_A, 50, 0);
    recordTaskProgress(CREATE_A, 500, 100);
    expect(typicalTaskMs(CREATE_A)).to.equal(undefined);
  });

  it("follows a change of pace: only the latest 15 estimates count", () => {
    for (let i = 0; i < 15; i++) recordTaskProgress(CREATE_A, 100, 50);
    for (let i = 0; i < 15; i++) recordTaskProgress(CREATE_A, 1000, 50);
    expect(typicalTaskMs(CREATE_A)).to.equal(2000);
  });
});
