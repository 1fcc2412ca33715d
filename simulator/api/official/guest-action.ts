/** SYNO.Virtualization.API.Guest.Action — documented by Synology. */
import { powerOff, powerOn } from "../../model/power";
import { write, type ApiDef } from "../types";

export const guestActionApi: ApiDef = {
  name: "SYNO.Virtualization.API.Guest.Action",
  path: "entry.cgi",
  requestFormat: "JSON",
  minVersion: 1,
  maxVersion: 1,
  listedIn: "both",
  session: true,
  methods: {
    poweron: write(({ world, params }) => {
      const g = world.guest(params.either("guest_id", "guest_name"));
      const hostRef = params.str("host_id") ?? params.str("host_name");
      powerOn(world, g, hostRef === undefined || hostRef === "" ? null : world.host(hostRef));
      return {};
    }),
    poweroff: write(({ world, params }) => {
      powerOff(world, world.guest(params.either("guest_id", "guest_name")), "poweroff");
      return {};
    }),
    shutdown: write(({ world, params }) => {
      powerOff(world, world.guest(params.either("guest_id", "guest_name")), "shutdown");
      return {};
    }),
  },
};
