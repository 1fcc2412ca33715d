// Capability detection on real catalogues: a real NAS lists SYNO.Virtualization.Cluster,
// .Host, .HA and .Guest.Action, yet must always be "official-only"; only the simulator's private
// marker gives "managed".
import { expect } from "chai";
import { parseApiInfo } from "../../../provider/api/core/discovery";
import { SIM_APIS, capabilitiesFromCatalogue } from "../../../provider/api/client";
import { placementFromInternalGuestList } from "../../../provider/api/real/placement";
import gos from "../../fixtures/catalogues/gos-dsm7-vmm.json";
import pyd from "../../fixtures/catalogues/pyd-dsm7-vmm.json";

const MARKER = "SYNO.SynoVmmSim.Capability";
const OFFICIAL = ["SYNO.API.Info", "SYNO.API.Auth", "SYNO.Virtualization.API.Guest"];

describe("capabilitiesFromCatalogue", () => {
  for (const [tag, capture] of [
    ["GOS", gos],
    ["PYD", pyd],
  ] as const) {
    describe(`real DSM 7 catalogue ${tag}`, () => {
      const apis = parseApiInfo(capture.data);

      it("lists the four names the old detection took for a managed cluster", () => {
        for (const n of ["Cluster", "Host", "HA", "Guest.Action"])
          expect(apis.has(`SYNO.Virtualization.${n}`), n).to.equal(true);
      });

      it("is official-only, says it is a real DSM, and reads placement from the internal guest list", () => {
        const caps = capabilitiesFromCatalogue(apis);
        expect(caps.level).to.equal("official-only");
        expect(caps.reason).to.match(/^real DSM: SYNO\.Virtualization\.\* internal APIs listed/);
        expect(caps.reason).to.include(MARKER);
        expect(caps.placement).to.equal("internal-guest-list");
        expect(caps.apis).to.deep.equal([...apis.keys()].sort());
      });

      it("stays official-only even with a marker schema but no marker listed", () => {
        expect(capabilitiesFromCatalogue(apis, 1).level).to.equal("official-only");
      });
    });
  }

  it("gives managed only with every private name, the marker, and schema 1", () => {
    const names = [...OFFICIAL, ...SIM_APIS, MARKER];
    const caps = capabilitiesFromCatalogue(names, 1);
    expect(caps.level).to.equal("managed");
    expect(caps.placement).to.equal("managed");
    expect(capabilitiesFromCatalogue(names).level).to.equal("official-only");
    expect(capabilitiesFromCatalogue(names, 2).reason).to.match(/schema 2.*schema 1/);
    expect(capabilitiesFromCatalogue([...OFFICIAL, ...SIM_APIS], 1).level).to.equal("official-only");
    const withoutHa = names.filter((n) => n !== "SYNO.SynoVmmSim.HA");
    expect(capabilitiesFromCatalogue(withoutHa, 1).level).to.equal("official-only");
  });

  it("says where placement cannot come from on an official-only catalogue", () => {
    const caps = capabilitiesFromCatalogue(OFFICIAL);
    expect(caps.level).to.equal("official-only");
    expect(caps.placement).to.equal("unknown");
    expect(caps.reason).to.match(/only the official/);
  });
});

describe("placement from the real internal guest list", () => {
  // Field names and units as in the DSMH and PYD captures (evidence §2.3): name, host_id, vram_size KiB.
  const real = {
    guests: [
      { guest_id: "g1", name: "web", host_id: "h1", host_name: "KrosseKrabbe", vram_size: 2097152 },
      { guest_id: "g2", name: "new", host_id: "", host_name: "", vram_size: 1048576 },
    ],
    canHA: true,
    canMove: true,
    is_freeze: false,
  };

  it("maps placed guests and leaves unplaced ones out", () => {
    const map = placementFromInternalGuestList(real);
    expect([...map.entries()]).to.deep.equal([["g1", { hostId: "h1", hostName: "KrosseKrabbe" }]]);
  });

  it("refuses another shape instead of guessing (no host_id, official field names)", () => {
    expect(() =>
      placementFromInternalGuestList({ guests: [{ guest_id: "g1", name: "x", vram_size: 1024 }] }),
    ).to.throw(/host_id/);
    expect(() =>
      placementFromInternalGuestList({
        guests: [{ guest_id: "g1", guest_name: "x", host_id: "h1", vram_size: 1 }],
      }),
    ).to.throw(/name/);
  });
});
