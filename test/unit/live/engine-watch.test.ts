import { expect } from "chai";
import {
  engineAddress,
  REFUSALS_TO_STOP,
  watchEngine,
  type EngineProbe,
} from "../../../provider/live/engine-watch";

const SCRIPT = "/p/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js";

/** A probe that answers from a script, then "alive" for ever; counts its calls. */
function scripted(answers: ("alive" | "gone" | "unknown")[]): EngineProbe & { calls: number } {
  const probe = Object.assign(
    async () => {
      probe.calls++;
      return answers.shift() ?? "alive";
    },
    { calls: 0 },
  );
  return probe;
}

function until(test: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const t = setInterval(() => {
      if (test()) {
        clearInterval(t);
        resolve();
      }
    }, 2);
  });
}

describe("unit: the provider process watches its engine (ADR 026)", () => {
  it("knows a dynamic provider by its script and reads the engine's address", () => {
    expect(engineAddress(["node", SCRIPT, "127.0.0.1:40123"])).to.deep.equal({
      host: "127.0.0.1",
      port: 40123,
    });
    expect(engineAddress(["node", "/p/cmd/dynamic-provider", "localhost:9"])).to.deep.equal({
      host: "localhost",
      port: 9,
    });
    expect(engineAddress(["node", SCRIPT, "[::1]:5000"])).to.deep.equal({ host: "::1", port: 5000 });
  });

  it("has no engine to watch in a program, a test or a CLI", () => {
    expect(engineAddress(["node", "/p/node_modules/.bin/mocha", "127.0.0.1:40123"])).to.equal(undefined);
    expect(engineAddress(["node", "/p/dist/provider/program/index.js"])).to.equal(undefined);
    expect(engineAddress(["node", SCRIPT])).to.equal(undefined);
    expect(engineAddress(["node", SCRIPT, "not an address"])).to.equal(undefined);
  });

  it(`ends only after ${REFUSALS_TO_STOP} refusals in a row, and only once`, async () => {
    const probe = scripted(["gone", "alive", "unknown", "gone", "unknown", "gone", "gone", "gone"]);
    let ended = 0;
    let probesWhenEnded = 0;
    watchEngine({
      address: { host: "127.0.0.1", port: 1 },
      probe,
      everyMs: 1,
      onGone: () => {
        ended++;
        probesWhenEnded = probe.calls;
      },
    });
    await until(() => ended > 0);
    await new Promise((r) => setTimeout(r, 20));
    expect(probesWhenEnded, "gone, alive, unknown, gone, unknown, gone, gone: the 7th probe").to.equal(7);
    expect(probe.calls, "no probe after the end").to.equal(7);
    expect(ended).to.equal(1);
  });

  it("never ends while the engine answers or a probe is in doubt", async () => {
    const probe = scripted(["unknown", "unknown", "unknown", "alive", "unknown"]);
    let ended = false;
    const stop = watchEngine({
      address: { host: "127.0.0.1", port: 1 },
      probe,
      everyMs: 1,
      onGone: () => (ended = true),
    });
    await until(() => probe.calls >= 20);
    stop();
    expect(ended).to.equal(false);
  });
});
