/** SYNO.Virtualization.API.Network / .Storage / .Host `list` — documented by Synology. */
import { officialHostView, storageView } from "../views";
import { read, type ApiDef } from "../types";

const base = {
  path: "entry.cgi",
  requestFormat: "JSON",
  minVersion: 1,
  maxVersion: 1,
  listedIn: "both",
  session: true,
} as const;

export const networkApi: ApiDef = {
  ...base,
  name: "SYNO.Virtualization.API.Network",
  methods: {
    list: read(({ world }) => ({
      networks: world.state.networks.map((n) => ({ network_id: n.id, network_name: n.name })),
    })),
  },
};

export const storageApi: ApiDef = {
  ...base,
  name: "SYNO.Virtualization.API.Storage",
  methods: {
    list: read(({ world }) => ({ storages: world.state.storages.map((s) => storageView(world, s)) })),
  },
};

export const hostApi: ApiDef = {
  ...base,
  name: "SYNO.Virtualization.API.Host",
  methods: {
    list: read(({ world }) => ({ hosts: world.joinedHosts().map((b) => officialHostView(world, b)) })),
  },
};
