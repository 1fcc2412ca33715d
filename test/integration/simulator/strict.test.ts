// The simulator is strict like a real NAS, in both flavours (ADR 019): every official
// method refuses with 401 what evidence/official-api.json does not document (parameters, vdisks/
// vnics item keys, a size on a clone), inner calls of a compound included; a sid is valid only on
// the box that issued it (119 elsewhere).
import { expect } from "chai";
import { OFFICIAL_APIS } from "../../../provider/evidence/official-api";
import type { DsmFlavour } from "../../../simulator/api/types";
import {
  GUEST,
  LAB,
  call,
  expectCode,
  expectOk,
  harness,
  login,
  makeGuest,
  type Harness,
  type ParamValue,
} from "./helpers";

const STORAGE1 = "syno-1 - VM Storage 1";

/** Every official API and method of the evidence table: the test walks the one table, never a copy. */
const METHODS = Object.entries(OFFICIAL_APIS).flatMap(([api, e]) =>
  Object.keys(e.methods).map((method) => ({ api, method })),
);

const CREATE = {
  guest_name: "strict",
  storage_name: STORAGE1,
  vdisks: [{ create_type: 0, vdisk_size: 1024 }],
  vnics: [{ network_name: "Default VM Network" }],
};

for (const dsm of ["sim", "real"] as DsmFlavour[]) {
  describe(`simulator: strict official parameters (dsm ${dsm})`, () => {
    let h: Harness;
    beforeEach(async () => {
      h = await harness({ hosts: 2, dsm, cluster: { ...LAB, joined: 2 }, taskDurationMs: 20 });
    });
    afterEach(() => h.sim.close());

    /** The refusal names the parameter: on the wire in `sim`, in the request log in both. */
    function expectRefused(r: Awaited<ReturnType<Harness["api"]>>, param: string): void {
      expectCode(r, 401);
      const entry = h.sim.control.requestLog().at(-1);
      expect(entry?.code).to.equal(401);
      expect(entry?.reason, JSON.stringify(entry)).to.satisfy((s: string) => s.startsWith(`${param}: `));
      if (dsm === "sim") expect(r.error?.errors?.name).to.equal(param);
      else expect(r).to.deep.equal({ success: false, error: { code: 401 } });
    }

    it(`refuses an unknown parameter with 401 on each of the ${METHODS.length} official methods, changing nothing`, async () => {
      expect(METHODS.length).to.be.greaterThan(15);
      const state = h.state();
      for (const { api, method } of METHODS) {
        const r = await h.api(api, method, { bogus_param: "1" });
        expect(r.success, `${api} ${method}`).to.equal(false);
        expectRefused(r, "bogus_param");
      }
      expect(h.state()).to.equal(state);
    });

    it("refuses create's former extras (vcpu_num, vram_size, autorun, description, boot_firmware, cpu_reserved_threads)", async () => {
      const state = h.state();
      for (const [param, value] of [
        ["vcpu_num", 2],
        ["vram_size", 2048],
        ["autorun", 1],
        ["description", "x"],
        ["boot_firmware", "uefi"],
        ["cpu_reserved_threads", 1],
      ] as const)
        expectRefused(await h.api(GUEST, "create", { ...CREATE, [param]: value }), param);
      expect(h.state()).to.equal(state);
      expectOk(await h.api(GUEST, "create", CREATE));
    });

    it("refuses an unknown vdisks or vnics item key, and vdisk_size on a clone (create_type 1)", async () => {
      const state = h.state();
      const cases: [Record<string, ParamValue>, string][] = [
        [{ vdisks: [{ create_type: 0, vdisk_size: 1024, controller: 1 }] }, "vdisks[0].controller"],
        [{ vdisks: [{ create_type: 0, vdisk_size: 1024, unmap: false }] }, "vdisks[0].unmap"],
        [{ vnics: [{ network_name: "Default VM Network", model: 1 }] }, "vnics[0].model"],
        [
          {
            vdisks: [
              { create_type: 0, vdisk_size: 1 },
              { create_type: 1, image_name: "ubuntu-22.04-cloud", vdisk_size: 20480 },
            ],
          },
          "vdisks[1].vdisk_size",
        ],
        [
          { vdisks: [{ create_type: "1", image_name: "ubuntu-22.04-cloud", vdisk_size: "20480" }] },
          "vdisks[0].vdisk_size",
        ],
      ];
      for (const [params, param] of cases)
        expectRefused(await h.api(GUEST, "create", { ...CREATE, ...params }), param);
      expect(h.state()).to.equal(state);
      // The documented clone: image only, the image's size.
      expectOk(
        await h.api(GUEST, "create", {
          ...CREATE,
          vdisks: [{ create_type: 1, image_name: "ubuntu-22.04-cloud" }],
        }),
      );
    });

    it("accepts the envelope (SynoToken too) and an empty documented selector (GOS get: guest_id= with guest_name)", async () => {
      await makeGuest(h, "known");
      const login7 = expectOk(
        await call(h.sim.endpoints[0], {
          api: "SYNO.API.Auth",
          version: 7,
          method: "login",
          account: h.sim.username,
          passwd: h.sim.password,
          format: "sid",
          enable_syno_token: "yes",
        }),
      );
      const r = await call(h.sim.endpoints[0], {
        api: GUEST,
        version: 1,
        method: "get",
        _sid: login7.sid as string,
        SynoToken: login7.synotoken as string,
        guest_id: "",
        guest_name: "known",
      });
      expect(expectOk(r).guest_name).to.equal("known");
    });

    it("checks the inner calls of a SYNO.Entry.Request compound the same way", async () => {
      const state = h.state();
      const data = expectOk(
        await h.api("SYNO.Entry.Request", "request", {
          compound: [
            { api: GUEST, method: "list", version: 1 },
            { api: GUEST, method: "create", version: 1, ...CREATE, vcpu_num: 4 },
          ],
        }),
      );
      const [list, create] = data.result as { success: boolean; error?: { code: number } }[];
      expect(list.success).to.equal(true);
      expect(create.success).to.equal(false);
      expect(create.error?.code).to.equal(401);
      const inner = h.sim.control.requestLog().find((e) => e.via !== undefined && e.method === "create");
      expect(inner?.reason).to.match(/^vcpu_num: /);
      expect(h.state()).to.equal(state);
    });

    it("a new guest is 1 vCPU / 1024 MB / autorun 0 / no description until a Guest set changes them", async () => {
      const id = await makeGuest(h, "fresh");
      expect(expectOk(await h.api(GUEST, "get", { guest_id: id }))).to.include({
        vcpu_num: 1,
        vram_size: 1024,
        autorun: 0,
        description: "",
      });
      expectOk(
        await h.api(GUEST, "set", {
          guest_id: id,
          vcpu_num: 2,
          vram_size: 4096,
          autorun: 2,
          description: "db",
        }),
      );
      expect(expectOk(await h.api(GUEST, "get", { guest_id: id }))).to.include({
        vcpu_num: 2,
        vram_size: 4096,
        autorun: 2,
        description: "db",
      });
    });

    it("a session id is valid only on the box that issued it: 119 on any other box", async () => {
      const sid2 = await login(h.sim.endpoints[1], h.sim);
      const list = (box: number, sid: string) =>
        call(h.sim.endpoints[box - 1], { api: GUEST, version: 1, method: "list", _sid: sid });
      expectOk(await list(1, h.sid));
      expectOk(await list(2, sid2));
      expectCode(await list(2, h.sid), 119);
      expectCode(await list(1, sid2), 119);
      const entry = h.sim.control.requestLog().at(-1);
      expect(entry?.reason).to.match(/issued by another one/);
    });
  });
}
