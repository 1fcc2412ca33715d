/** SYNO.Virtualization.API.Network / .Storage / .Host `list` — documented by Synology. */
import { officialHostView, storageView } from "../views";
import { read, officialApi } from "../types";

export const networkApi = officialApi("SYNO.Virtualization.API.Network", {
  list: read(({ world }) => ({
    networks: world.state.networks.map((n) => ({ network_id: n.id, network_name: n.name })),
  })),
});

export const storageApi = officialApi("SYNO.Virtualization.API.Storage", {
  list: read(({ world }) => ({ storages: world.state.storages.map((s) => storageView(world, s)) })),
});

export const hostApi = officialApi("SYNO.Virtualization.API.Host", {
  list: read(({ world }) => ({ hosts: world.joinedHosts().map((b) => officialHostView(world, b)) })),
});
