import { expect } from "chai";
import { connectionFor, setConfigSource } from "../../../provider/handlers/connection";

describe("connection settings (stack config, per-cluster override, environment)", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    setConfigSource(() => undefined);
  });

  it("reads synovmm:* stack config, endpoints as a JSON list or a comma list", () => {
    const config: Record<string, string> = {
      "synovmm:endpoints": '["https://a:5001","https://b:5001"]',
      "synovmm:username": "admin",
      "synovmm:password": "s3cret",
    };
    setConfigSource((k) => config[k]);
    const c = connectionFor("lab");
    expect(c.endpoints).to.deep.equal(["https://a:5001", "https://b:5001"]);
    expect(c.username).to.equal("admin");
    expect(c.insecureSkipTlsVerify).to.equal(false);
  });

  it("prefers the cluster's own entry in synovmm:clusters", () => {
    const config: Record<string, string> = {
      "synovmm:endpoints": "https://a:5001",
      "synovmm:username": "admin",
      "synovmm:password": "x",
      "synovmm:clusters": JSON.stringify({
        dr: { endpoints: ["https://dr:5001"], username: "ops", password: "y" },
      }),
    };
    setConfigSource((k) => config[k]);
    expect(connectionFor("dr").endpoints).to.deep.equal(["https://dr:5001"]);
    expect(connectionFor("lab").endpoints).to.deep.equal(["https://a:5001"]);
  });

  it("falls back to SYNOVMM_* environment variables", () => {
    setConfigSource(() => undefined);
    process.env.SYNOVMM_ENDPOINTS = "https://env:5001, https://env2:5001";
    process.env.SYNOVMM_USERNAME = "u";
    process.env.SYNOVMM_PASSWORD = "p";
    process.env.SYNOVMM_INSECURE_SKIP_TLS_VERIFY = "true";
    const c = connectionFor("lab");
    expect(c.endpoints).to.deep.equal(["https://env:5001", "https://env2:5001"]);
    expect(c.insecureSkipTlsVerify).to.equal(true);
  });

  it("names every missing setting and how to set it, and never echoes a password", () => {
    setConfigSource((k) => (k === "synovmm:password" ? "hunter2" : undefined));
    delete process.env.SYNOVMM_ENDPOINTS;
    delete process.env.SYNOVMM_USERNAME;
    const err = (() => {
      try {
        connectionFor("lab");
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(err?.message).to.match(/No endpoints, username to reach cluster "lab"/);
    expect(err?.message).to.include("pulumi config set synovmm:endpoints");
    expect(err?.message).to.not.include("hunter2");
  });
});
