/**
 * ADR 016: one IPv4 module, so `synovmm validate` and the simulator agree on what an address and
 * a subnet are. Before, validate accepted /31, /32 and /6 subnets that the simulator refused at
 * cluster creation (401), and the simulator accepted 010.20.0.0/24, which validate refuses.
 */
import { expect } from "chai";
import { formats } from "../../../provider/model/formats";
import { checkClusterNetwork } from "../../../simulator/model/cluster";

function simulatorAccepts(subnet: string, reservedFrom: string, reservedTo: string): boolean {
  try {
    checkClusterNetwork({ subnet, reservedFrom, reservedTo });
    return true;
  } catch {
    return false;
  }
}

const validateAccepts = (subnet: string): boolean => formats["ipv4-cidr"].validate(subnet);

describe("one IPv4 module (ADR 016): validate and the simulator agree", () => {
  const cases: [subnet: string, from: string, to: string, valid: boolean][] = [
    ["10.20.0.0/24", "10.20.0.10", "10.20.0.40", true],
    ["10.20.0.0/31", "10.20.0.0", "10.20.0.1", true],
    ["10.20.0.1/32", "10.20.0.1", "10.20.0.1", true],
    ["8.0.0.0/6", "10.20.0.10", "10.20.0.40", true],
    ["010.20.0.0/24", "10.20.0.10", "10.20.0.40", false],
    ["10.20.0.0/33", "10.20.0.10", "10.20.0.40", false],
    ["10.20.0.0/024", "10.20.0.10", "10.20.0.40", false],
  ];
  for (const [subnet, from, to, valid] of cases) {
    it(`${subnet}: ${valid ? "both accept" : "both refuse"}`, () => {
      expect(validateAccepts(subnet), "validate").to.equal(valid);
      expect(simulatorAccepts(subnet, from, to), "simulator").to.equal(valid);
    });
  }

  it("the simulator refuses a reserved address written with a leading zero, as validate does", () => {
    expect(formats.ipv4.validate("10.20.0.010")).to.equal(false);
    expect(simulatorAccepts("10.20.0.0/24", "10.20.0.010", "10.20.0.40")).to.equal(false);
  });
});
