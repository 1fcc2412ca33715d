// Contract test: answers recorded by `synovmm doctor --record` (test/fixtures/doctor/*.json, from
// the simulator; drop a user's recording from a real NAS in the same folder) are replayed through
// the client, which must parse every one of them. Plus the recorder's redaction.
import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import { createClient, resetProcessState } from "../../../provider/api";
import { MARKER_API, SIM_HOST_API } from "../../../provider/api/capabilities";
import { registerSecret } from "../../../provider/api/core/redact";
import {
  RECORDING_FORMAT,
  Recorder,
  readRecording,
  redactAnswer,
  replayTransport,
  type Exchange,
  type Recording,
} from "../../../provider/cli/doctor/record";

const FIXTURES = path.join(__dirname, "..", "..", "..", "..", "test", "fixtures", "doctor");
const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith(".json"));

/** The recorded answer's array `key` of the first successful call to api/method. */
function recordedList(recording: Recording, api: string, method: string, key: string): unknown[] | undefined {
  const hit = recording.exchanges.find(
    (e: Exchange) => e.api === api && e.method === method && (e.body as { success?: boolean })?.success,
  );
  const data = (hit?.body as { data?: Record<string, unknown> } | undefined)?.data;
  return hit === undefined ? undefined : ((data?.[key] as unknown[] | undefined) ?? []);
}

describe("doctor recordings replay through the client (contract)", () => {
  beforeEach(resetProcessState);
  afterEach(resetProcessState);

  it("has recordings to replay", () => {
    expect(files.length).to.be.greaterThan(0);
  });

  for (const file of files) {
    it(`${file}: the client parses every recorded answer`, async () => {
      const recording = readRecording(path.join(FIXTURES, file));
      const origin = new URL(recording.exchanges[0].url).origin;
      const client = createClient({
        endpoints: [origin],
        username: "admin",
        password: "replayed-password",
        transport: replayTransport(recording),
        retry: { attempts: 1 },
        logger: () => undefined,
      });
      try {
        const caps = await client.capabilities();
        const info = recording.exchanges.find((e) => e.api === "SYNO.API.Info");
        const listed = Object.keys((info?.body as { data: Record<string, unknown> }).data).sort();
        expect(caps.apis).to.deep.equal(listed);
        const markerAnswered = recording.exchanges.some(
          (e) => e.api === MARKER_API && (e.body as { success?: boolean })?.success === true,
        );
        expect(caps.level).to.equal(markerAnswered ? "managed" : "official-only");

        const reads: [string, string, () => Promise<unknown[]>][] = [
          ["SYNO.Virtualization.API.Host", "hosts", () => client.hosts.list()],
          ["SYNO.Virtualization.API.Storage", "storages", () => client.storages.list()],
          ["SYNO.Virtualization.API.Network", "networks", () => client.networks.list()],
          ["SYNO.Virtualization.API.Guest.Image", "images", () => client.images.list()],
        ];
        if (caps.level === "managed") reads.push([SIM_HOST_API, "hosts", () => client.clusterHosts.list()]);
        let replayed = 0;
        for (const [api, key, read] of reads) {
          const expected = recordedList(recording, api, "list", key);
          if (expected === undefined) continue;
          expect(await read(), `${api} list`).to.have.length(expected.length);
          replayed++;
        }
        expect(replayed, "reads found in the recording").to.be.greaterThan(3);
      } finally {
        await client.close();
      }
    });

    it(`${file}: holds no password and no session id`, () => {
      const text = fs.readFileSync(path.join(FIXTURES, file), "utf8");
      const recording = JSON.parse(text) as Recording;
      expect(recording.format).to.equal(RECORDING_FORMAT);
      expect(text).not.to.include("synovmm-sim");
      for (const e of recording.exchanges) {
        for (const key of ["passwd", "_sid"]) {
          if (key in e.params) expect(e.params[key], `${e.api} ${e.method} ${key}`).to.equal("[REDACTED]");
        }
        const sid = (e.body as { data?: { sid?: string } } | undefined)?.data?.sid;
        if (sid !== undefined) expect(sid).to.equal("[REDACTED]");
      }
    });
  }
});

describe("doctor recorder", () => {
  it("redacts secret-named keys at any depth and scrubs known secret values from strings", () => {
    registerSecret("s3cr3t-session-id");
    const out = redactAnswer({
      data: { sid: "abc", nested: [{ SynoToken: "t", note: "sid s3cr3t-session-id in text" }], n: 3 },
    });
    expect(out).to.deep.equal({
      data: {
        sid: "[REDACTED]",
        nested: [{ SynoToken: "[REDACTED]", note: "sid [REDACTED] in text" }],
        n: 3,
      },
    });
  });

  it("keeps catalogue entries whose API name looks secret (SYNO.API.OTP) but blanks their secret values", () => {
    const entry = { path: "otp.cgi", minVersion: 1, maxVersion: 1 };
    expect(redactAnswer({ "SYNO.API.OTP": entry, otp_code: 123456 })).to.deep.equal({
      "SYNO.API.OTP": entry,
      otp_code: "[REDACTED]",
    });
  });

  it("records requests with redacted parameters and failures without throwing them away", async () => {
    const recorder = new Recorder(async (req) => {
      if (req.form.method === "list") throw new Error("connect ECONNREFUSED");
      return { status: 200, body: '{"success":true,"data":{"sid":"zzzz-session"}}' };
    });
    const form = { api: "SYNO.API.Auth", method: "login", version: "6", passwd: "pw-123456" };
    await recorder.send({ url: "http://127.0.0.1:1/webapi/entry.cgi", form, timeoutMs: 1 });
    let thrown = false;
    await recorder
      .send({ url: "http://127.0.0.1:1/webapi/entry.cgi", form: { ...form, method: "list" }, timeoutMs: 1 })
      .catch(() => (thrown = true));
    expect(thrown).to.equal(true);
    const [login, list] = recorder.exchanges();
    expect(login.params.passwd).to.equal("[REDACTED]");
    expect(login.body).to.deep.equal({ success: true, data: { sid: "[REDACTED]" } });
    expect(list.failure?.message).to.include("ECONNREFUSED");
    expect(JSON.stringify(recorder.recording())).not.to.include("pw-123456");
  });

  it("replays a call that was never recorded as DSM code 103", async () => {
    const send = replayTransport({ format: RECORDING_FORMAT, version: 1, recordedAt: "", exchanges: [] });
    const answer = await send({
      url: "http://x/webapi/entry.cgi",
      form: { api: "A", method: "m" },
      timeoutMs: 1,
    });
    expect(JSON.parse(answer.body)).to.deep.equal({ success: false, error: { code: 103 } });
  });
});
