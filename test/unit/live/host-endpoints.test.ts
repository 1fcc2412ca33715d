import { expect } from "chai";
import { hostEndpointsFor, setConfigSource } from "../../../provider/live/connection";
import { readHostEndpoints } from "../../../provider/model/host-endpoints";

describe("synovmm:hostEndpoints (where each host's own DSM answers)", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    setConfigSource(() => undefined);
  });

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
