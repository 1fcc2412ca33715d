/**
 * Doctor's second pass, through one client on the endpoints that answered: login, versions, the
 * API catalogue and the capability level, then the cluster's inventory and quorum (R2). Read
 * methods only; each check that fails says why and how to fix it, and the next one still runs,
 * except after a failed login (one attempt only: repeated bad logins make DSM block the address).
 */
import { DsmError } from "../../api";
import type { Capabilities, ClusterHost, VmmClient } from "../../api";
import { AUTH_API } from "../../api/core/caller";
import type { ApiInfoMap } from "../../api/core/discovery";
import { checkQuorum, clusterModel, quorumSize } from "../../rules";
import { OFFICIAL_APIS } from "../../evidence/official-api";
import type { Row, Verdict } from "./table";

/** The official VMM API: what every NAS with Virtual Machine Manager lists (the evidence table's APIs, ADR 019). */
const OFFICIAL_API_NAMES = Object.keys(OFFICIAL_APIS).sort();

/** Official host statuses that count as online for quorum (R2). */
const ONLINE_STATUSES = new Set(["running", "network_warn", "online"]);
const CLUSTER = "cluster";
const EMPTY_MODEL = clusterModel({ name: "" });

/** What the checks share: the client, its capabilities, and the membership list read once. */
interface Context {
  readonly client: VmmClient;
  readonly caps: Capabilities;
  readonly managed: boolean;
  /** Joined hosts from the managed level's membership API (read once, on first use). */
  members(): Promise<ClusterHost[]>;
}

function row(check: string, verdict: Verdict, detail: string): Row {
  return { check, where: CLUSTER, verdict, detail };
}

function failure(check: string, err: unknown): Row {
  return row(check, "FAIL", err instanceof DsmError ? err.message : String(err));
}

function list(names: readonly string[], max = 6): string {
  const shown = names.slice(0, max).join(", ");
  return names.length > max ? `${shown}, … (${names.length - max} more)` : shown;
}

/** DSM's major version as its Auth API shows it: DSM 7 lists SYNO.API.Auth up to v7, DSM 6 up to v6. */
function dsmVersionRow(catalogue: ApiInfoMap | undefined): Row {
  const auth = catalogue?.get(AUTH_API);
  if (auth === undefined) return row("dsm version", "skip", `${AUTH_API} not in the catalogue`);
  const major = auth.maxVersion >= 7 ? "7 or later" : auth.maxVersion === 6 ? "6" : "older than 6";
  return row(
    "dsm version",
    auth.maxVersion >= 6 ? "ok" : "warn",
    `DSM ${major} (${AUTH_API} v${auth.minVersion}-${auth.maxVersion}); the exact build is in Control Panel > Info Center`,
  );
}

function catalogueRow(caps: Capabilities): Row {
  const missing = OFFICIAL_API_NAMES.filter((name) => !caps.apis.includes(name));
  const vmm = caps.apis.filter((name) => name.startsWith("SYNO.Virtualization."));
  if (vmm.length === 0) {
    return row(
      "api catalogue",
      "FAIL",
      `${caps.apis.length} APIs listed, none of Virtual Machine Manager. Fix: install Virtual Machine Manager from Package Center on this NAS`,
    );
  }
  const found = `${caps.apis.length} APIs listed; official VMM API ${OFFICIAL_API_NAMES.length - missing.length} of ${OFFICIAL_API_NAMES.length}`;
  if (missing.length > 0) {
    return row(
      "api catalogue",
      "FAIL",
      `${found}, missing ${missing.join(", ")}. Fix: update Virtual Machine Manager in Package Center`,
    );
  }
  return row("api catalogue", "ok", `${found}; ${vmm.length} SYNO.Virtualization.* names in all`);
}

const PLACEMENT: Record<Capabilities["placement"], string> = {
  managed: "VM placement from the simulator's API",
  "internal-guest-list": "VM placement read from SYNO.Virtualization.Guest list (read only)",
  unknown: "VM placement unknown (no API tells which host runs a VM)",
};

function capabilityRow({ caps, managed }: Context): Row {
  const scope = managed
    ? "cluster, membership, HA and migration are managed"
    : "VMs and images are managed; Cluster, Host and HAPair are verified only: change them in the VMM UI, then pulumi refresh";
  return row(
    "capability",
    "ok",
    `${caps.level} — ${scope}; ${PLACEMENT[caps.placement]}. Why: ${caps.reason}`,
  );
}

async function vmmVersionRow(ctx: Context): Promise<Row> {
  if (!ctx.managed) {
    return row(
      "vmm version",
      "skip",
      "the official API does not tell; see Package Center > Virtual Machine Manager on each host",
    );
  }
  const hosts = await ctx.members();
  const versions = [...new Set(hosts.map((h) => h.vmmVersion ?? "unknown"))];
  const detail = hosts.map((h) => `${h.name} ${h.vmmVersion ?? "unknown"}`).join(", ");
  const majorMinor = new Set(versions.map((v) => v.split(".").slice(0, 2).join(".")));
  return majorMinor.size > 1
    ? row(
        "vmm version",
        "warn",
        `${detail}: hosts differ. Fix: update Virtual Machine Manager so all hosts run the same version`,
      )
    : row("vmm version", "ok", `VMM ${versions.join(", ")} on ${hosts.length} host(s)`);
}

async function hostsRow(client: VmmClient): Promise<Row> {
  const hosts = await client.hosts.list();
  if (hosts.length === 0)
    return row("hosts", "FAIL", "no host listed. Fix: create the cluster in the VMM UI");
  const down = hosts.filter((h) => !ONLINE_STATUSES.has(h.status));
  const detail = `${hosts.length} host(s): ${list(hosts.map((h) => `${h.name} ${h.status}`))}`;
  return down.length > 0
    ? row("hosts", "warn", `${detail}. Fix: bring ${down.map((h) => h.name).join(", ")} back online`)
    : row("hosts", "ok", detail);
}

async function storagesRow(ctx: Context): Promise<Row> {
  const storages = await ctx.client.storages.list();
  if (storages.length === 0) {
    return row("storages", "warn", "no storage: VMs need a Btrfs volume given to the cluster (R9)");
  }
  const named = list(storages.map((s) => `${s.hostName}:${s.volumePath} ${s.status}`));
  const unhealthy = storages.filter((s) => s.status !== "online" && s.status !== "healthy");
  let btrfs = "Btrfs (VMM accepts only Btrfs volumes as storage, R9)";
  if (ctx.managed) {
    const volumes = (await ctx.members()).flatMap((h) =>
      h.volumes.filter((v) => v.inCluster).map((v) => `${h.name}:${v.path} ${v.filesystem}`),
    );
    const other = volumes.filter((v) => !v.endsWith(" btrfs"));
    if (other.length > 0) {
      return row("storages", "FAIL", `${named}; not Btrfs: ${other.join(", ")} (R9). Fix: use Btrfs volumes`);
    }
    btrfs = `all ${volumes.length} cluster volume(s) Btrfs (R9)`;
  }
  return unhealthy.length > 0
    ? row("storages", "warn", `${named}; ${btrfs}. Fix: check the volumes in Storage Manager`)
    : row("storages", "ok", `${storages.length} storage(s): ${named}; ${btrfs}`);
}

async function networksRow(client: VmmClient): Promise<Row> {
  const networks = await client.networks.list();
  return networks.length === 0
    ? row("networks", "warn", "no virtual network: VMs cannot get a NIC. Fix: add one in VMM > Network")
    : row("networks", "ok", `${networks.length} network(s): ${list(networks.map((n) => n.name))}`);
}

async function imagesRow(client: VmmClient): Promise<Row> {
  const images = await client.images.list();
  return row(
    "images",
    "ok",
    images.length === 0
      ? "no image yet"
      : `${images.length} image(s): ${list(images.map((i) => `${i.name} (${i.type})`))}`,
  );
}

/** R2 through the rules engine's own check, on the hosts the cluster reports. */
async function quorumRow(ctx: Context): Promise<Row> {
  const hosts = ctx.managed
    ? (await ctx.members()).map((h) => ({ name: h.name, online: h.status === "online" }))
    : (await ctx.client.hosts.list()).map((h) => ({ name: h.name, online: ONLINE_STATUSES.has(h.status) }));
  const findings = checkQuorum(EMPTY_MODEL, { hosts });
  if (findings.length > 0) {
    return row("quorum", "FAIL", findings.map((f) => `${f.message} Fix: ${f.fix ?? ""}`).join(" "));
  }
  const online = hosts.filter((h) => h.online).length;
  return row(
    "quorum",
    "ok",
    `${online} of ${hosts.length} hosts online; quorum needs ${quorumSize(hosts.length)} (R2)`,
  );
}

function isLoginRefused(err: unknown): boolean {
  return err instanceof DsmError && err.api === AUTH_API;
}

/** Runs `check`, turning any failure into a FAIL row so the next check still runs; a refused login is rethrown. */
async function attempt(check: string, run: () => Promise<Row>, rethrowLogin = false): Promise<Row> {
  try {
    return await run();
  } catch (err) {
    if (rethrowLogin && isLoginRefused(err)) throw err;
    return failure(check, err);
  }
}

export async function clusterChecks(
  client: VmmClient,
  catalogue: () => ApiInfoMap | undefined,
): Promise<Row[]> {
  // The first session call logs in (the capability marker at the managed level, else the host
  // list); a refused login stops here, before any other call is sent.
  let caps: Capabilities;
  let firstHosts: Row;
  try {
    caps = await client.capabilities();
    firstHosts = await attempt("hosts", () => hostsRow(client), true);
  } catch (err) {
    if (isLoginRefused(err)) {
      const refused = err as DsmError;
      const why = `${refused.code ?? ""} ${refused.meaning}`.trim();
      return [
        row("login", "FAIL", `DSM refused the login: ${why} (on ${refused.where}). Fix: ${refused.hint}`),
        row("inventory", "skip", "not read: no session"),
      ];
    }
    return [failure("capability", err)];
  }
  let members: Promise<ClusterHost[]> | undefined;
  const ctx: Context = {
    client,
    caps,
    managed: caps.level !== "official-only",
    members: () => (members ??= client.clusterHosts.list().then((all) => all.filter((h) => h.joined))),
  };
  const rows: Row[] = [row("login", "ok", "logged in; session ends when doctor exits")];
  rows.push(dsmVersionRow(catalogue()));
  rows.push(await attempt("vmm version", () => vmmVersionRow(ctx)));
  rows.push(catalogueRow(caps), capabilityRow(ctx), firstHosts);
  rows.push(await attempt("storages", () => storagesRow(ctx)));
  rows.push(await attempt("networks", () => networksRow(client)));
  rows.push(await attempt("images", () => imagesRow(client)));
  rows.push(await attempt("quorum", () => quorumRow(ctx)));
  return rows;
}
