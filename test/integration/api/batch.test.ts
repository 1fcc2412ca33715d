// Batched reads against the simulator over HTTP (ADR 018): a refresh-like burst of reads reaches the
// simulator as fewer HTTP requests than the same reads one by one, with the same answers.
import { expect } from "chai";
import type { VmmClient } from "../../../provider/api";
import type { RequestLogEntry } from "../../../simulator";
import { Harness, harness, newGuest } from "./sim";

const COMPOUND = "SYNO.Entry.Request";

/** The reads a refresh of a small stack makes at once. */
const reads: ((c: VmmClient) => Promise<unknown>)[] = [
  (c) => c.guests.list(),
  (c) => c.networks.list(),
  (c) => c.storages.list(),
  (c) => c.hosts.list(),
  (c) => c.images.list(),
];

const http = (log: readonly RequestLogEntry[]) => log.filter((e) => e.via === undefined);
const calls = (log: readonly RequestLogEntry[]) =>
  log
    .filter((e) => e.api !== COMPOUND)
    .map((e) => `${e.api} ${e.method}`)
    .sort();

for (const dsm of ["sim", "real"] as const) {
  describe(`api (integration): batched reads (dsm ${dsm})`, function () {
    this.timeout(20_000);
    let h: Harness;
    before(async () => {
      h = await harness({ dsm });
      const c = h.client();
      await newGuest(c, "vm-1");
      await newGuest(c, "vm-2");
    });
    after(async () => h.close());

    it("sends a burst of reads as one compound, with the answers the reads get one by one", async () => {
      const c = h.client();
      await c.capabilities(); // discovery and login out of the way
      h.sim.control.clearLog();
      // One at a time: each read is alone in its window, so each goes plainly.
      const oneByOne: unknown[] = [];
      for (const make of reads) oneByOne.push(await make(c));
      const plainLog = h.sim.control.requestLog();
      h.sim.control.clearLog();
      const together = await Promise.all(reads.map((make) => make(c)));
      const batchedLog = h.sim.control.requestLog();

      expect(together).to.deep.equal(oneByOne);
      // guests.list reads the guests and where they run at once, so even one by one it may batch.
      expect(http(plainLog).length).to.be.at.least(reads.length);
      expect(http(batchedLog).map((e) => e.api)).to.deep.equal([COMPOUND]);
      // The same DSM calls were made, only carried differently.
      expect(calls(batchedLog)).to.deep.equal(calls(plainLog));
      expect(batchedLog.filter((e) => e.via !== undefined).every((e) => e.via === COMPOUND)).to.equal(true);
      expect(batchedLog.every((e) => e.code === 0)).to.equal(true);
    });
  });
}
