import { expect } from "chai";
import { connectionFor, hostEndpointsFor, setConfigSource } from "../../../provider/live/connection";
import { readHostEndpoints } from "../../../provider/model/host-endpoints";

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

describe("connection settings that cannot be used", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    setConfigSource(() => undefined);
  });

  const failure = (config: Record<string, string>): Error => {
    setConfigSource((k) => config[k]);
    try {
      connectionFor("lab");
    } catch (e) {
      return e as Error;
    }
    throw new Error("expected connectionFor to refuse these settings");
  };
  const base = { "synovmm:username": "admin", "synovmm:password": "hunter2" };
  const plain = (e: Error): void => {
    expect(e).to.not.be.instanceOf(SyntaxError);
    expect(e.message).to.not.match(/ENOENT|SyntaxError|node_modules|\n\s+at /);
    expect(e.message).to.contain("Fix:");
    expect(e.message).to.not.contain("hunter2");
  };

  it("names synovmm:endpoints when it is broken JSON, not a bare SyntaxError", () => {
    const e = failure({ ...base, "synovmm:endpoints": "[not json" });
    plain(e);
    expect(e.message).to.contain(
      "The setting synovmm:endpoints starts with '[' but is not a JSON list of URLs",
    );
  });

  it("refuses 'not a url' as a whole instead of splitting it into host names to look up", () => {
    const e = failure({ ...base, "synovmm:endpoints": "not a url" });
    plain(e);
    expect(e.message).to.contain('synovmm:endpoints has an unusable endpoint (item 1, "not")');
  });

  it("refuses ports outside 1–65535 and names the key and the item", () => {
    for (const port of ["0", "99999"]) {
      const e = failure({ ...base, "synovmm:endpoints": `https://a:5001,https://b:${port}` });
      plain(e);
      expect(e.message).to.contain(`item 2, "https://b:${port}"`);
      expect(e.message).to.contain("not from 1 to 65535");
    }
  });

  it("names the per-cluster key or the environment variable the bad value came from", () => {
    const e = failure({ ...base, "synovmm:clusters": JSON.stringify({ lab: { endpoints: "nope://x" } }) });
    expect(e.message).to.contain("synovmm:clusters.lab.endpoints");
    process.env.SYNOVMM_ENDPOINTS = "https://x:70000";
    expect(failure(base).message).to.contain("The setting SYNOVMM_ENDPOINTS");
  });

  it("says which CA file is missing, without ENOENT or a stack", () => {
    const e = failure({
      ...base,
      "synovmm:endpoints": "https://a:5001",
      "synovmm:caCertificate": "/no/such/ca.pem",
    });
    plain(e);
    expect(e.message).to.contain(
      'synovmm:caCertificate names the file "/no/such/ca.pem", which does not exist',
    );
  });

  it("refuses a CA file that holds no certificate, and a flag that is not true or false", () => {
    const notPem = failure({
      ...base,
      "synovmm:endpoints": "https://a:5001",
      "synovmm:caCertificate": __filename,
    });
    expect(notPem.message).to.contain("holds no PEM certificate");
    const flag = failure({
      ...base,
      "synovmm:endpoints": "https://a:5001",
      "synovmm:insecureSkipTlsVerify": "maybe",
    });
    plain(flag);
    expect(flag.message).to.contain('synovmm:insecureSkipTlsVerify is "maybe", not true or false');
  });

  it("refuses synovmm:clusters that is JSON but not an object", () => {
    const e = failure({ ...base, "synovmm:clusters": "[1, 2]" });
    plain(e);
    expect(e.message).to.contain("synovmm:clusters is not a JSON object keyed by cluster name");
  });

  describe("synovmm:hostEndpoints (where each host's own DSM answers)", () => {
    it("is empty when nothing is set", () => {
      setConfigSource(() => undefined);
      delete process.env.SYNOVMM_HOST_ENDPOINTS;
      expect(hostEndpointsFor("lab")).to.deep.equal({});
    });

    it("reads the stack setting, the cluster's own entry winning, then the environment", () => {
      const config: Record<string, string> = {
        "synovmm:hostEndpoints": '{"nas-a":"https://nas-a.lan:5001"}',
        "synovmm:clusters": JSON.stringify({ dr: { hostEndpoints: { "nas-x": "http://127.0.10.1:5000" } } }),
      };
      setConfigSource((k) => config[k]);
      expect(hostEndpointsFor("lab")).to.deep.equal({ "nas-a": "https://nas-a.lan:5001" });
      expect(hostEndpointsFor("dr")).to.deep.equal({ "nas-x": "http://127.0.10.1:5000" });
      setConfigSource(() => undefined);
      process.env.SYNOVMM_HOST_ENDPOINTS = '{"nas-b":"https://10.0.0.2:5001"}';
      expect(hostEndpointsFor("lab")).to.deep.equal({ "nas-b": "https://10.0.0.2:5001" });
    });

    it("refuses JSON that is not an object, and an unusable URL, naming the key and the fix", () => {
      setConfigSource((k) => (k === "synovmm:hostEndpoints" ? '["https://a:5001"]' : undefined));
      expect(() => hostEndpointsFor("lab")).to.throw(
        /^The setting synovmm:hostEndpoints is not a JSON object of host name to URL\. Fix: .*pulumi config set synovmm:hostEndpoints/,
      );
      setConfigSource((k) => (k === "synovmm:hostEndpoints" ? "{nas-a: x}" : undefined));
      expect(() => hostEndpointsFor("lab")).to.throw(/synovmm:hostEndpoints is not JSON\. Fix: /);
      setConfigSource((k) => (k === "synovmm:hostEndpoints" ? '{"nas-a":"https://nas-a:99999"}' : undefined));
      expect(() => hostEndpointsFor("lab")).to.throw(
        /synovmm:hostEndpoints has an unusable endpoint for host "nas-a" \("https:\/\/nas-a:99999"\): /,
      );
    });

    it("with the spec's host names, refuses a name the spec does not have and suggests the closest", () => {
      expect(readHostEndpoints('{"nas-c":"https://c:5001"}', ["nas-a", "nas-b"])).to.deep.equal({
        problem:
          'names host "nas-c", which the spec does not have (its hosts: nas-a, nas-b; did you mean "nas-a"?)',
      });
      expect(readHostEndpoints({ "nas-a": "https://a:5001" }, ["nas-a"])).to.deep.equal({
        map: { "nas-a": "https://a:5001" },
      });
    });
  });
});
