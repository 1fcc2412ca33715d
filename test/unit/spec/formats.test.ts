import { expect } from "chai";
import { endpointProblem, formats, macProblem, pathProblem } from "../../../provider/model/formats";

describe("spec value formats and their bounds", () => {
  it("endpoints: http(s), a DNS name within RFC 1035 lengths or an IPv4 address, port 1–65535", () => {
    for (const ok of [
      "https://nas-a.lan:5001",
      "http://10.20.0.11",
      "https://nas-a.lan.:1",
      "https://x:65535/",
    ])
      expect(endpointProblem(ok), ok).to.equal(undefined);
    expect(endpointProblem("https://nas-a.lan:0")).to.contain("not from 1 to 65535");
    expect(endpointProblem("https://nas-a.lan:99999")).to.contain("not from 1 to 65535");
    expect(endpointProblem("not a url")).to.contain("not http(s)://");
    expect(endpointProblem(`https://${"a".repeat(10_000)}:5001`)).to.contain("at most 253");
    expect(endpointProblem(`https://${"a".repeat(64)}.lan`)).to.contain("at most 63");
    expect(endpointProblem("https://nas_a.lan")).to.contain('label "nas_a"');
    expect(endpointProblem("https://10.20.0.300")).to.contain("neither an IPv4 address nor a DNS name");
  });

  it("paths on the NAS: absolute, normalised, without '..', not blank", () => {
    expect(pathProblem("/images/ubuntu.iso")).to.equal(undefined);
    expect(pathProblem("/volume1")).to.equal(undefined);
    expect(pathProblem("")).to.contain("blank");
    expect(pathProblem("   ")).to.contain("blank");
    expect(pathProblem("images/u.iso")).to.contain("relative");
    expect(pathProblem("/images/../etc/passwd")).to.contain("'..'");
    expect(pathProblem("/images/./u.iso")).to.contain("'.'");
    expect(pathProblem("/images//u.iso")).to.contain("empty folder");
    expect(pathProblem("/volume1/")).to.contain("empty folder");
    expect(pathProblem(`/${"a".repeat(5000)}`)).to.contain("PATH_MAX");
  });

  it("MACs: unicast only, never all zeros", () => {
    expect(macProblem("02:11:32:aa:bb:cc")).to.equal(undefined);
    expect(macProblem("01:00:5e:00:00:fb")).to.contain("multicast");
    expect(macProblem("ff:ff:ff:ff:ff:ff")).to.contain("multicast");
    expect(macProblem("00:00:00:00:00:00")).to.contain("all zeros");
    expect(macProblem("02:11:32:aa:bb")).to.contain("six hex pairs");
  });

  it("sizes: memory at most 4TiB, disks at most 1024TiB, each message naming the bound", () => {
    expect(formats["memory-size"].validate("4TiB")).to.equal(true);
    expect(formats["memory-size"].validate("4097GiB")).to.equal(false);
    expect(formats["memory-size"].explain("99999999TiB").message).to.contain("4TiB (synovmm's own bound");
    expect(formats["disk-size"].validate("1024TiB")).to.equal(true);
    expect(formats["disk-size"].explain("99999999TiB").message).to.contain("1024TiB");
    expect(formats["disk-size"].validate("1e308")).to.equal(false);
    expect(formats["disk-size"].explain("1e308").message).to.contain("not a size");
  });
});
