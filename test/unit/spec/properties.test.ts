/**
 * Property-based: any generated valid spec loads with no problem and no error finding; one
 * mutation that breaks one rule makes exactly that rule (and nothing else) report an error.
 */
import { expect } from "chai";
import fc from "fast-check";
import { dump } from "js-yaml";
import { loadSpecText } from "../../../provider/spec/index";
import { type Doc, validDoc } from "./generate";

function errorIds(doc: Doc): string[] {
  const loaded = loadSpecText(dump(doc), "gen.yaml");
  const ids = [
    ...loaded.problems.map((p) => p.code),
    ...loaded.findings.filter((f) => f.severity === "error").map((f) => f.rule),
  ];
  return [...new Set(ids)].sort();
}

type Vm = Record<string, unknown> & { highAvailability?: { active: string; passive: string } };
const vms = (doc: Doc): Vm[] => doc.spec.virtualMachines as Vm[];

interface Mutation {
  rule: string;
  applies: (doc: Doc) => boolean;
  apply: (doc: Doc, pick: number) => void;
}

const mutations: Mutation[] = [
  {
    rule: "R1",
    applies: () => true,
    apply: (doc) => {
      for (let i = doc.spec.hosts.length; i < 8; i++) {
        doc.spec.hosts.push({
          name: `extra-${i}`,
          address: `10.20.0.${30 + i}`,
          volumes: [{ path: "/volume1", filesystem: "btrfs" }],
        });
      }
    },
  },
  {
    rule: "R6",
    applies: (doc) => vms(doc).some((v) => v.highAvailability),
    apply: (doc, pick) => {
      const ha = vms(doc).filter((v) => v.highAvailability);
      const target = ha[pick % ha.length].highAvailability as { active: string; passive: string };
      target.passive = target.active;
    },
  },
  {
    rule: "R7",
    applies: (doc) => doc.spec.hosts.length >= 2,
    apply: (doc) => delete doc.spec.clusterNetwork,
  },
  {
    rule: "R8",
    applies: () => true,
    apply: (doc, pick) => {
      doc.spec.hosts[pick % doc.spec.hosts.length].address = "10.20.0.200";
    },
  },
  {
    rule: "R9",
    applies: () => true,
    apply: (doc, pick) => {
      for (const v of doc.spec.hosts[pick % doc.spec.hosts.length].volumes) v.filesystem = "ext4";
    },
  },
  {
    rule: "R12",
    applies: (doc) => vms(doc).length > 0,
    apply: (doc, pick) => {
      vms(doc)[pick % vms(doc).length].image = "ubuntu-iso";
    },
  },
  {
    rule: "REF",
    applies: (doc) => vms(doc).length > 0,
    apply: (doc, pick) => {
      vms(doc)[pick % vms(doc).length].image = "no-such-image";
    },
  },
  {
    rule: "UNIQUE",
    applies: (doc) => vms(doc).length >= 2,
    apply: (doc) => {
      vms(doc)[1].name = vms(doc)[0].name;
    },
  },
  {
    rule: "HA_HOST",
    applies: (doc) => vms(doc).some((v) => v.highAvailability),
    apply: (doc, pick) => {
      const ha = vms(doc).filter((v) => v.highAvailability);
      const target = ha[pick % ha.length];
      target.host = target.highAvailability?.passive;
    },
  },
  {
    rule: "SCHEMA",
    applies: (doc) => vms(doc).length > 0,
    apply: (doc, pick) => {
      vms(doc)[pick % vms(doc).length].memory = "4GB";
    },
  },
  {
    // No image and no boot disk size: nothing says how big the blank boot disk is.
    rule: "SCHEMA",
    applies: (doc) => vms(doc).length > 0,
    apply: (doc, pick) => {
      const vm = vms(doc)[pick % vms(doc).length];
      delete vm.image;
      vm.disks = [{}];
    },
  },
  {
    // "/" is no Synology volume (R9).
    rule: "SCHEMA",
    applies: () => true,
    apply: (doc, pick) => {
      doc.spec.hosts[pick % doc.spec.hosts.length].volumes.push({ path: "/", filesystem: "btrfs" });
    },
  },
  {
    rule: "SCHEMA",
    applies: () => true,
    apply: (doc, pick) => {
      (doc.spec.hosts[pick % doc.spec.hosts.length] as Record<string, unknown>).adress = "10.20.0.11";
    },
  },
];

describe("spec properties (fast-check)", () => {
  it("a generated valid spec has no problem and no error finding", () => {
    fc.assert(
      fc.property(validDoc, (doc) => {
        expect(errorIds(doc)).to.deep.equal([]);
      }),
      { numRuns: 150 },
    );
  });

  it("one mutation makes exactly its rule fire", () => {
    fc.assert(
      fc.property(validDoc, fc.constantFrom(...mutations), fc.nat(), (doc, mutation, pick) => {
        fc.pre(mutation.applies(doc));
        mutation.apply(doc, pick);
        expect(errorIds(doc)).to.deep.equal([mutation.rule]);
      }),
      { numRuns: 300 },
    );
  });
});
