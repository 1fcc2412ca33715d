import { expect } from "chai";
import * as net from "node:net";
import { probeTcp, watchEngine } from "../../../provider/live/engine-watch";

describe("integration: a provider's engine probe over loopback TCP (ADR 026)", () => {
  it("reads a listening engine as alive, a closed one as gone, and ends the watch once it is gone", async () => {
    const engine = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => engine.listen(0, "127.0.0.1", resolve));
    const address = { host: "127.0.0.1", port: (engine.address() as net.AddressInfo).port };
    expect(await probeTcp(address)).to.equal("alive");

    let gone = false;
    const stop = watchEngine({ address, everyMs: 20, onGone: () => (gone = true) });
    await new Promise((r) => setTimeout(r, 150));
    expect(gone, "the engine still listens").to.equal(false);

    await new Promise<void>((resolve) => engine.close(() => resolve()));
    expect(await probeTcp(address)).to.equal("gone");
    // Bounded by mocha's timeout, not timed: the watch must notice within a few probes.
    while (!gone) await new Promise((r) => setTimeout(r, 20));
    stop();
  });
});
