// The soak's draw (bench/soak/plan.ts) may declare only what VMM can run: a spec VMM refuses with
// 902 is a wrong spec, not a fault, and a run that fails on one says nothing about the product.
import { expect } from "chai";
import { drawPlan, fits, type Declared, type PlannedVm } from "../../../bench/soak/plan";

const vm = (name: string, cpu: number, extra: Partial<PlannedVm> = {}): PlannedVm => ({
  name,
  host: 0,
  cpu,
  memoryMiB: 512,
  power: "running",
  ...extra,
});
const cluster = (vms: PlannedVm[]): Declared => ({ hosts: [0, 1, 2], images: [], vms });

describe("soak draw: what fits the hosts", () => {
  it("counts a running VM that names no host on every host (VMM places it; soak seeds 4026, 4068)", () => {
    // Seed 4068 (--dsm real): vm-02 (4 threads, no host) was placed by VMM on box 0, where vm-07
    // (3) was declared beside vm-01 (3): 902 on vm-07's power-on.
    const unplaced = vm("vm-02", 4, { host: 1 });
    expect(fits(cluster([unplaced, vm("vm-07", 3, { runsOn: 0 })]), 3)).to.equal(false);
    expect(fits(cluster([unplaced, vm("vm-07", 2, { runsOn: 0 })]), 3)).to.equal(true);
    expect(fits(cluster([{ ...unplaced, power: "stopped" }, vm("vm-07", 6, { runsOn: 0 })]), 3)).to.equal(
      true,
    );
  });

  it("counts an HA VM on its active and its passive host", () => {
    const ha = vm("db", 4, { runsOn: 0, ha: { active: 0, passive: 1 } });
    expect(fits(cluster([ha, vm("web", 3, { runsOn: 1 })]), 3)).to.equal(false);
    expect(fits(cluster([ha, vm("web", 3, { runsOn: 2 })]), 3)).to.equal(true);
  });

  it("every step of 200 drawn plans per flavour fits its boxes", () => {
    for (const flavour of ["sim", "real"] as const)
      for (let seed = 0; seed < 200; seed++) {
        const plan = drawPlan(seed, flavour);
        for (const declared of [plan.start, ...plan.steps.map((s) => s.declared)])
          expect(fits(declared, plan.boxes), `seed ${seed} ${flavour}`).to.equal(true);
      }
  });
});
