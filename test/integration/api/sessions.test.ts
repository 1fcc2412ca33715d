import { readFileSync } from "node:fs";
import { expect } from "chai";
import { DsmError, LogLevel, Transport, createClient } from "../../../provider/api";
import { createAxiosTransport } from "../../../provider/api/core/axios-transport";
import { Harness, harness, newGuest, rejection } from "./sim";

describe("api (integration): sessions, TLS and secrets", function () {
  let h: Harness;
  afterEach(async () => h.close());

  const logins = () =>
    h.sim.control.requestLog().filter((e) => e.api === "SYNO.API.Auth" && e.method === "login");

  it("32 concurrent operations: exactly one login per endpoint", async () => {
    h = await harness();
    const eps = h.sim.endpoints;
    // Three clients, each preferring another host, as a provider with several resources would.
    const clients = eps.map((_, i) => h.client({ endpoints: [...eps.slice(i), ...eps.slice(0, i)] }));
    const ops = Array.from({ length: 32 }, (_, i) => {
      const c = clients[i % clients.length];
      return i % 4 === 0
        ? newGuest(c, `vm-${i}`)
        : i % 4 === 1
          ? c.guests.list()
          : i % 4 === 2
            ? c.storages.list()
            : c.hosts.list();
    });
    await Promise.all(ops);
    const perBox = new Map<string, number>();
    for (const e of logins()) perBox.set(e.box, (perBox.get(e.box) ?? 0) + 1);
    expect(Object.fromEntries(perBox)).to.deep.equal(Object.fromEntries(eps.map((e) => [e, 1])));
    const info = h.sim.control.requestLog().filter((e) => e.api === "SYNO.API.Info");
    expect(info).to.have.length(3, "one discovery per endpoint");
    expect(h.sim.control.snapshot().guests).to.have.length(8);
  });

  it("wrong password: one login attempt, never retried, so the address is not blocked (407)", async () => {
    h = await harness({ loginMaxFailures: 2 });
    const c = h.client({ password: "not-the-password" });
    const err = (await rejection(c.guests.list())) as DsmError;
    expect(err.code).to.equal(400);
    expect(err.message)
      .to.match(/SYNO\.API\.Auth login failed on .*: 400 no such account or wrong password/)
      .and.match(/407/);
    await Promise.all(Array.from({ length: 5 }, () => c.guests.list().catch(() => undefined)));
    expect(logins()).to.have.length(1);
    // The right password still works (a fresh session entry, not the remembered refusal).
    expect(await h.client().guests.list()).to.deep.equal([]);
  });

  it("HTTPS: verifies against the given CA; refuses an unknown certificate; skipping verification warns", async () => {
    h = await harness({ tls: true });
    expect(h.sim.endpoints[0]).to.match(/^https:/);
    const ca = readFileSync(h.sim.caFile as string, "utf8");
    expect(await h.client({ caCertificate: ca }).guests.list()).to.deep.equal([]);

    const untrusted = (await rejection(
      h.client({ endpoints: [h.sim.endpoints[1]] }).guests.list(),
    )) as DsmError;
    expect(untrusted.category).to.equal("network");
    expect(untrusted.networkReason).to.equal("tls");
    expect(untrusted.message).to.match(/caCertificate/);

    const before = h.logs.length;
    expect(
      await h.client({ endpoints: [h.sim.endpoints[2]], insecureSkipTlsVerify: true }).guests.list(),
    ).to.deep.equal([]);
    expect(h.logs.slice(before).some(([l, m]) => l === "warn" && /verification is OFF/.test(m))).to.equal(
      true,
    );
  });

  it("no error message or log line contains the password or a session id", async () => {
    h = await harness({ sessionIdleSeconds: 1 });
    const sids = new Set<string>();
    const wire = createAxiosTransport({});
    // Records the sids the client really used, so the test knows what must never show up.
    const spy: Transport = async (req) => {
      if (req.form._sid) sids.add(req.form._sid);
      const res = await wire.send(req);
      const m = /"sid":"([^"]+)"/.exec(res.body);
      if (m) sids.add(m[1]);
      return res;
    };
    const lines: string[] = [];
    const logger = (level: LogLevel, message: string) => lines.push(`${level} ${message}`);
    const c = h.client({ transport: spy, logger });
    const messages: string[] = [];
    const collect = async (p: Promise<unknown>) => {
      try {
        await p;
      } catch (err) {
        messages.push(String(err), (err as Error).message, JSON.stringify(err), (err as Error).stack ?? "");
      }
    };
    await collect(newGuest(c, "s-1"));
    await collect(newGuest(c, "s-1")); // 403
    await new Promise((r) => setTimeout(r, 1100)); // session expires → re-login (logged)
    h.sim.control.addFault({ api: "SYNO.Virtualization.API.Guest", method: "list", drop: true, maxCount: 2 });
    await collect(c.guests.list());
    h.sim.control.addFault({ api: "SYNO.Virtualization.API.Guest", method: "set", code: 500 });
    await collect(c.guests.set("nope", { vcpus: 1 }));
    await collect(
      createClient({
        endpoints: h.sim.endpoints,
        username: h.sim.username,
        password: `${h.sim.password}-wrong`,
        logger,
        transport: spy,
      }).guests.list(),
    );
    await c.close();
    wire.close();

    expect(sids.size).to.be.greaterThan(1);
    expect(messages.length).to.be.greaterThan(4);
    expect(lines.length).to.be.greaterThan(3);
    for (const text of [...messages, ...lines]) {
      expect(text).not.to.contain(h.sim.password);
      for (const sid of sids) expect(text).not.to.contain(sid);
    }
  });
});
