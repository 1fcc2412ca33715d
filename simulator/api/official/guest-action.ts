/** SYNO.Virtualization.API.Guest.Action — documented by Synology. */
import { powerOff, powerOn } from "../../model/power";
import { write, officialApi } from "../types";

export const guestActionApi = officialApi("SYNO.Virtualization.API.Guest.Action", {
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
});
