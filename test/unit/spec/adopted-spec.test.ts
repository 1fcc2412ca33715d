// The spec format for adopted objects (ADR 023): what no read tells may be left out of an adopted
// host, image or cluster, and only there; R7 does not ask an adopted cluster for its network.
import { expect } from "chai";
import { loadSpecText } from "../../../provider/spec/index";

function spec(opts: { adopt: boolean }): string {
  const adopt = opts.adopt ? "true" : "false";
  return `apiVersion: synovmm/v1
kind: Cluster
metadata:
  name: lab
spec:
  adopt: ${adopt}
  hosts:
    - name: nas-a
      adopt: ${adopt}
      volumes:
        - { path: /volume1 }
    - name: nas-b
      adopt: ${adopt}
      volumes:
        - { path: /volume1 }
    - name: nas-c
      adopt: ${adopt}
      volumes:
        - { path: /volume1 }
  images:
    - name: ubuntu
      adopt: ${adopt}
      type: disk
      storage: [nas-a:/volume1]
`;
}

const codes = (text: string) => {
  const loaded = loadSpecText(text, "lab.yaml");
  return [
    ...loaded.problems.map((p) => `${p.code} ${p.path ?? ""}: ${p.message}`),
    ...loaded.findings.filter((f) => f.severity === "error").map((f) => `${f.rule} ${f.path}`),
  ];
};

describe("spec: adopted objects may leave out what no read tells (ADR 023)", () => {
  it("an adopted cluster, hosts and image without network, addresses, filesystems or path: valid", () => {
    expect(codes(spec({ adopt: true }))).to.deep.equal([]);
  });

  it("the same file not adopted: each left-out value is an error, and R7 asks for the network", () => {
    const found = codes(spec({ adopt: false }));
    expect(found).to.include("R7 spec.clusterNetwork");
    expect(found).to.include('SCHEMA spec.hosts[0]: spec.hosts[0] is missing the required key "address".');
    expect(found).to.include(
      'SCHEMA spec.hosts[2].volumes[0]: spec.hosts[2].volumes[0] is missing the required key "filesystem".',
    );
    expect(found).to.include('SCHEMA spec.images[0]: spec.images[0] is missing the required key "path".');
    expect(found.filter((c) => c.startsWith("SCHEMA")).length).to.equal(7);
  });
});
