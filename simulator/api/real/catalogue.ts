/**
 * The rest of a real VMM NAS's SYNO.API.Info catalogue (docs/reference/vmm-internal-api-evidence.md
 * §1.2, identical in the GOS and PYD captures [Synology]). Listed in `dsm: "real"` mode only. These
 * entries have no methods here: every call answers 103, since no public source shows a contract we
 * could follow. The three internal reads seen in two or more sources live in ./reads.ts, and
 * SYNO.Entry.Request (listed 1–2, served in both flavours) in ../entry-request.ts.
 */
import type { ApiDef } from "../types";

/** [name, minVersion, maxVersion], all at entry.cgi with requestFormat JSON. */
const LISTED_ONLY: readonly (readonly [string, number, number])[] = [
  ["SYNO.Entry.Request.Polling", 1, 1],
  ["SYNO.Entry.SocketIo", 1, 1],
  ["SYNO.Virtualization.Guest.Action", 1, 1],
  ["SYNO.Virtualization.Guest.Image", 1, 2],
  ["SYNO.Virtualization.Guest.P2V", 1, 1],
  ["SYNO.Virtualization.GuestProtect.Plan", 1, 2],
  ["SYNO.Virtualization.GuestProtect.Policy", 1, 1],
  ["SYNO.Virtualization.GuestProtect.Snap", 1, 1],
  ["SYNO.Virtualization.HA", 1, 1],
  ["SYNO.Virtualization.HA.Setting", 1, 1],
  ["SYNO.Virtualization.License", 1, 1],
  ["SYNO.Virtualization.License.Pro", 1, 1],
  ["SYNO.Virtualization.License.VDSM", 1, 1],
  ["SYNO.Virtualization.Log", 1, 1],
  ["SYNO.Virtualization.Network", 1, 2],
  ["SYNO.Virtualization.Network.SRIOV", 1, 1],
  ["SYNO.Virtualization.Package", 1, 1],
  ["SYNO.Virtualization.Repo", 1, 2],
  ["SYNO.Virtualization.Setting.General", 1, 1],
  ["SYNO.Virtualization.Setting.Notify", 1, 1],
  ["SYNO.Virtualization.Setting.UI", 1, 1],
  ["SYNO.Virtualization.Sharing.VNC", 1, 1],
  ["SYNO.Virtualization.User", 1, 1],
  ["SYNO.Virtualization.Utils", 1, 1],
  ...[
    "CLog",
    "Cluster",
    "Guest",
    "Guest.Image",
    "Guest.VNC",
    "GuestReplica",
    "GuestSnap",
    "GuestSnap.Policy",
    "HA",
    "License",
    "License.Pro",
    "License.VDSM",
    "Network",
    "Network.SRIOV",
    "Notify",
    "Package",
    "Repo",
    "Resource",
    "Utils",
    "VDisk",
    "VNic",
  ].map((n) => [`SYNO.CCC.${n}`, 1, 1] as const),
  ["SYNO.CCC.Cluster.Member", 1, 2],
  ["SYNO.VMMDR.Btrfs.Replica", 1, 1],
  ["SYNO.VMMDR.Credential", 1, 1],
  ["SYNO.VMMDR.Plan", 1, 3],
  ["SYNO.VMMDR.Plan.DRSite", 1, 1],
  ["SYNO.VMMDR.Plan.MainSite", 1, 1],
  ["SYNO.VMMDR.Plan.Site", 1, 1],
  ["SYNO.VMMDR.Topology", 1, 1],
  ["SYNO.Core.Virtualization.Host.Capability", 1, 1],
];

export const listedOnlyApis: ApiDef[] = [
  ...LISTED_ONLY.map(([name, minVersion, maxVersion]): ApiDef => ({
    name,
    path: "entry.cgi",
    requestFormat: "JSON",
    minVersion,
    maxVersion,
    listedIn: "real",
    session: true,
    methods: {},
  })),
  // Listed at otp.cgi without requestFormat on DSM 7 (§1.2); never served here.
  {
    name: "SYNO.API.OTP",
    path: "otp.cgi",
    minVersion: 1,
    maxVersion: 1,
    listedIn: "real",
    session: false,
    methods: {},
  },
];
