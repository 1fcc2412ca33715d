import { expect } from "chai";
import { DsmError, describeCode, familyOf, redactParams, scrub, REDACTED } from "../../../provider/api";
import { dsmCodeError } from "../../../provider/api/core/error";
import { registerSecret } from "../../../provider/api/core/redact";
import { backoffDelay } from "../../../provider/api/core/backoff";
import { normalizeEndpoint } from "../../../provider/api/core/endpoint";
import { Limiter } from "../../../provider/api/core/limiter";

describe("api: error mapping", () => {
  it("maps the same code per API family (Auth 403 ≠ VMM 403)", () => {
    expect(familyOf("SYNO.API.Auth")).to.equal("auth");
    expect(familyOf("SYNO.Virtualization.API.Guest")).to.equal("vmm");
    expect(familyOf("SYNO.Virtualization.HA")).to.equal("vmm");
    expect(describeCode("SYNO.API.Auth", 403).meaning).to.match(/2-step verification/);
    expect(describeCode("SYNO.Virtualization.API.Guest", 403).meaning).to.equal("name conflict");
    expect(describeCode("SYNO.API.Auth", 400).hint).to.match(/407/);
    expect(describeCode("SYNO.Virtualization.API.Guest", 404).meaning).to.match(/LUN/);
    expect(describeCode("SYNO.API.Auth", 404).meaning).to.match(/2-step verification failed/);
  });

  it("falls back to the common table, then to a generic meaning", () => {
    expect(describeCode("SYNO.Virtualization.API.Guest", 119).meaning).to.match(/session/);
    expect(describeCode("SYNO.API.Auth", 106).meaning).to.equal("session timeout");
    expect(describeCode("SYNO.Virtualization.API.Guest", 4242).meaning).to.equal("undocumented error code");
  });

  it("formats what, where, why and fix", () => {
    const err = dsmCodeError({
      api: "SYNO.Virtualization.API.Guest",
      method: "create",
      endpoint: "https://127.0.10.1:5001",
      code: 403,
      subject: 'a guest named "web-1"',
      params: { guest_name: "web-1", _sid: "s3cr3t-sid" },
    });
    expect(err).to.be.instanceOf(DsmError);
    expect(err.toString()).to.match(
      /^DSM call SYNO\.Virtualization\.API\.Guest create failed on 127\.0\.10\.1:5001: 403 name conflict — a guest named "web-1" already exists\. Fix: /,
    );
    expect(err.message).to.equal(err.toString());
    expect(err.request.params._sid).to.equal(REDACTED);
    expect(err.request.params.guest_name).to.equal("web-1");
    expect(err.is(403)).to.equal(true);
    expect(JSON.stringify(err)).not.to.contain("s3cr3t-sid");
  });

  it("quorum loss (500) names rule R2 and says nothing changed", () => {
    const err = dsmCodeError({
      api: "SYNO.Virtualization.HA",
      method: "enable",
      endpoint: "http://h:5000",
      code: 500,
      subject: "HA of guest g1",
    });
    expect(err.message)
      .to.match(/cluster frozen/)
      .and.match(/R2/)
      .and.match(/nothing was changed/);
  });
});

describe("api: redaction", () => {
  it("redacts secret parameters by name", () => {
    const out = redactParams({
      account: "admin",
      passwd: "pw",
      _sid: "x",
      SynoToken: "t",
      otp_code: "1",
      device_id: "d",
      vdisks: [{ a: 1 }],
    });
    expect(out).to.deep.equal({
      account: "admin",
      passwd: REDACTED,
      _sid: REDACTED,
      SynoToken: REDACTED,
      otp_code: REDACTED,
      device_id: REDACTED,
      vdisks: '[{"a":1}]',
    });
  });

  it("scrubs name=value secrets and known secret values from text", () => {
    registerSecret("hunter2-long-password");
    expect(scrub("GET /webapi/entry.cgi?api=X&_sid=abc123&passwd=zzz")).to.equal(
      `GET /webapi/entry.cgi?api=X&_sid=${REDACTED}&passwd=${REDACTED}`,
    );
    expect(scrub("login with hunter2-long-password failed")).to.equal(`login with ${REDACTED} failed`);
    expect(scrub("SynoToken=tok&x=1")).to.equal(`SynoToken=${REDACTED}&x=1`);
  });

  it("does not scrub very short values (they are redacted by name instead)", () => {
    registerSecret("on");
    expect(scrub("powered on")).to.equal("powered on");
  });

  it("keeps secrets out of error messages even when passed as meaning", () => {
    registerSecret("another-secret-value");
    const err = new DsmError({
      category: "network",
      api: "A",
      method: "m",
      endpoint: "https://h:5001",
      meaning: "bad another-secret-value",
      hint: "h",
    });
    expect(err.message).not.to.contain("another-secret-value");
  });
});

describe("api: small parts", () => {
  it("normalizes endpoints (HTTPS 5001 by default)", () => {
    expect(normalizeEndpoint("nas1")).to.equal("https://nas1:5001");
    expect(normalizeEndpoint("10.0.0.5:5443")).to.equal("https://10.0.0.5:5443");
    expect(normalizeEndpoint("http://127.0.10.1:41234/")).to.equal("http://127.0.10.1:41234");
    expect(() => normalizeEndpoint("ftp://x")).to.throw(/https/);
    expect(() => normalizeEndpoint("https://u:p@x")).to.throw(/credentials/);
  });

  it("back-off grows, is capped and jittered between half and full", () => {
    expect(backoffDelay(0, 100, 10_000, () => 0)).to.equal(50);
    expect(backoffDelay(0, 100, 10_000, () => 1)).to.equal(100);
    expect(backoffDelay(3, 100, 10_000, () => 1)).to.equal(800);
    expect(backoffDelay(20, 100, 1000, () => 1)).to.equal(1000);
  });

  it("the limiter bounds concurrency", async () => {
    const limiter = new Limiter(3);
    let active = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 12 }, () =>
        limiter.run(async () => {
          peak = Math.max(peak, ++active);
          await new Promise((r) => setTimeout(r, 5));
          active--;
        }),
      ),
    );
    expect(peak).to.equal(3);
  });
});
