// DSM error-code tables, one per API family. The same number means different things depending on
// which API answered (Auth's 400-410 are login failures; VMM's 401-404 are guest/storage problems),
// so a lookup always starts from the API name. Source: docs/reference/synology-vmm-api.md §1.5, §1.6, §2.9.

/** What a DSM code means and what a user can do about it. `detail` turns the call's subject into a sentence. */
export interface CodeInfo {
  readonly meaning: string;
  readonly hint: string;
  readonly detail?: (subject: string) => string;
}

export type CodeFamily = "common" | "auth" | "vmm";

const BUSY: CodeInfo = {
  meaning: "network unstable or system busy",
  hint: "the client retries this automatically; if it persists the host is overloaded, try again later",
};

const SESSION_HINT =
  "the client logs in again once by itself; if this keeps happening, check the DSM session timeout " +
  "(Control Panel > Security) and that no other tool logs out the same account";

export const COMMON_CODES: Readonly<Record<number, CodeInfo>> = {
  100: { meaning: "unknown error", hint: "try again; if it persists, look at Log Center on that host" },
  101: {
    meaning: "missing or invalid api, method or version",
    hint: "this is a client bug: report it with this message",
  },
  102: {
    meaning: "the requested API does not exist",
    hint: "install or update Virtual Machine Manager on this host",
  },
  103: {
    meaning: "the requested method does not exist",
    hint: "update Virtual Machine Manager on this host",
  },
  104: {
    meaning: "the requested API version is not supported",
    hint: "update DSM and Virtual Machine Manager on this host",
  },
  105: {
    meaning: "the session lacks permission",
    hint: "use an account in the administrators group",
  },
  106: { meaning: "session timeout", hint: SESSION_HINT },
  107: {
    meaning: "session interrupted by a duplicate login",
    hint: "do not share this account with tools that log in with the same session name",
  },
  108: { meaning: "file upload failed", hint: "try again; check free space on the target volume" },
  109: BUSY,
  110: BUSY,
  111: BUSY,
  114: { meaning: "missing required parameter", hint: "this is a client bug: report it with this message" },
  115: { meaning: "file upload not allowed", hint: "check the account's permissions on the shared folder" },
  116: { meaning: "not allowed on a demo site", hint: "use a real DSM host" },
  117: BUSY,
  118: BUSY,
  119: { meaning: "invalid session (session id not found)", hint: SESSION_HINT },
  120: { meaning: "invalid parameter", hint: "check the values passed; the message names the call" },
  150: {
    meaning: "the request came from another IP address than the login",
    hint: "a proxy or NAT changes the client's address; connect to the host directly",
  },
  160: {
    meaning: "insufficient application privilege",
    hint: "grant the account the Virtual Machine Manager application privilege (Control Panel > Application Privileges)",
  },
};

const FIX_CREDENTIALS =
  "check the user name and password (pulumi config set synovmm:username …; pulumi config set --secret " +
  "synovmm:password …). The client did not retry: repeated failed logins make DSM block this address (407)";

export const AUTH_CODES: Readonly<Record<number, CodeInfo>> = {
  400: { meaning: "no such account or wrong password", hint: FIX_CREDENTIALS },
  401: {
    meaning: "account disabled",
    hint: "enable the account in Control Panel > User, or use another one",
  },
  402: { meaning: "permission denied", hint: "use an account in the administrators group" },
  403: {
    meaning: "2-step verification code required",
    hint: "use a dedicated automation account without 2-step verification",
  },
  404: {
    meaning: "2-step verification failed",
    hint: "use a dedicated automation account without 2-step verification",
  },
  405: {
    meaning: "app portal incorrect",
    hint: "connect to the DSM port (5001/5000), not an application portal",
  },
  406: {
    meaning: "2-step verification is enforced for this account",
    hint: "exempt the automation account from enforced 2-step verification",
  },
  407: {
    meaning: "source IP address blocked after too many failed logins",
    hint:
      "fix the password first, then remove this address from Control Panel > Security > Protection > " +
      "Allow/Block List, or wait until the block expires",
  },
  408: {
    meaning: "password expired and cannot be changed",
    hint: "ask the DSM administrator to reset the account's password",
  },
  409: { meaning: "password expired", hint: "log in to DSM once with this account and change its password" },
  410: {
    meaning: "password must be changed",
    hint: "log in to DSM once with this account and change its password",
  },
  411: {
    meaning: "account locked after too many failed logins",
    hint: "unlock the account in Control Panel > User",
  },
};

export const VMM_CODES: Readonly<Record<number, CodeInfo>> = {
  401: {
    meaning: "bad parameter",
    hint: "check the values (sizes are MiB; ids and names must exist in the cluster)",
    detail: (s) => `DSM rejected a parameter for ${s}`,
  },
  402: {
    meaning: "operation failed",
    hint: "look at Virtual Machine Manager > Log on that host for the reason",
  },
  403: {
    meaning: "name conflict",
    hint: "choose another name, or adopt the existing object (pulumi import)",
    detail: (s) => `${s} already exists`,
  },
  404: {
    meaning: "iSCSI LUN count at the system limit",
    hint: "vdisks are LUN-backed: delete unused vdisks/LUNs, or place the VM's storage on another host",
  },
  500: {
    meaning: "cluster frozen: more than half of the hosts are offline",
    hint:
      "quorum is lost (rule R2), so the cluster accepts no change: bring hosts back online until a " +
      "majority is up, then run again. The client does not retry this",
    detail: (s) => `nothing was changed for ${s}`,
  },
  501: {
    meaning: "cluster in incompatible mode",
    hint: "upgrade DSM and Virtual Machine Manager on all hosts to the same compatible version",
  },
  600: { meaning: "cluster not ready", hint: "wait until the cluster has finished starting, then run again" },
  601: { meaning: "host offline", hint: "bring the host back online, or choose another host" },
  700: {
    meaning: "storage invalid",
    hint: "check the storage id/name (client.storages.list()) and that its status is online",
  },
  900: {
    meaning: "failed to assign a host to the VM",
    hint: "free CPU/RAM on a host, or name a host with enough capacity",
  },
  901: {
    meaning: "the VM has no host",
    hint: "power the VM on once; its host is chosen at first power-on (R11)",
  },
  902: {
    meaning: "cannot power on: not enough CPU threads",
    hint: "lower vcpus, stop another VM, or choose another host",
  },
  903: {
    meaning: "cannot power on: not enough host memory",
    hint: "lower memoryMiB, stop another VM, or choose another host",
  },
  904: { meaning: "the VM is already running", hint: "nothing to do, or shut it down first" },
  905: {
    meaning: "MAC address conflict",
    hint: "choose another MAC address, or leave it out to get a random one",
  },
  906: {
    meaning: "create failed: the selected image was not found",
    hint: "check the image name/id (client.images.list()); it must be of type disk",
  },
  907: { meaning: "the VM is offline", hint: "power the VM on first" },
  908: {
    meaning: "cannot power on: not enough CPU threads to reserve on the host",
    hint: "lower the reserved threads, or choose another host",
  },
  909: {
    meaning: "cannot power on: the host has no matching network",
    hint: "create the VM's network on that host, or choose another host",
  },
  910: {
    meaning: "remote boot needs the VirtIO disk controller",
    hint: "use the VirtIO controller for the boot vdisk",
  },
  911: { meaning: "UEFI VMs cannot be powered on remotely", hint: "power the VM on from the VMM UI" },
  1000: {
    meaning: "task not found",
    hint:
      "the task vanished (cleaned up, or the host restarted): check the result in the VMM UI, then run " +
      "pulumi refresh",
    detail: (s) => `no task ${s}`,
  },
  1001: {
    meaning: "Virtual Machine Manager Pro required",
    hint: "activate a VMM Pro licence on the cluster, or do without this feature",
  },
  1400: {
    meaning: "image creation only partially succeeded",
    hint: "some storages did not get the image: check their status, delete the image and create it again",
  },
  1600: {
    meaning: "VM edited, but reserving CPU/RAM on the HA hosts failed",
    hint: "free CPU/RAM on the active and passive hosts, then apply again",
  },
};

/** Codes meaning "busy, try again": the request was not carried out, so even a write may be re-sent. */
export const BUSY_CODES: ReadonlySet<number> = new Set([109, 110, 111, 117, 118]);

/**
 * Codes after which a read is worth asking again: DSM's catch-all "unknown error" (100) is what a
 * busy or briefly inconsistent host answers, and 600 is a cluster still starting. A read changes
 * nothing, so asking again is safe; writes are not re-sent on these (the outcome is unknown).
 */
export const TRANSIENT_READ_CODES: ReadonlySet<number> = new Set([100, 600]);

/** Auth codes that refuse the account or password: never retried (DSM blocks the address, 407). */
export function isLoginRefusal(code: number | undefined): boolean {
  return code !== undefined && AUTH_CODES[code] !== undefined;
}

/** Codes meaning "your session is gone": log in again once and repeat the call. */
export const SESSION_CODES: ReadonlySet<number> = new Set([106, 119]);

export function familyOf(api: string): CodeFamily {
  if (api === "SYNO.API.Auth") return "auth";
  if (api.startsWith("SYNO.Virtualization.") || api.startsWith("SYNO.SynoVmmSim.")) return "vmm";
  return "common";
}

/** Looks a code up in the table of the API that answered, then in the common table. */
export function describeCode(api: string, code: number): CodeInfo {
  const family = familyOf(api);
  const specific = family === "auth" ? AUTH_CODES[code] : family === "vmm" ? VMM_CODES[code] : undefined;
  return (
    specific ??
    COMMON_CODES[code] ?? {
      meaning: "undocumented error code",
      hint: "look at Log Center and Virtual Machine Manager > Log on that host",
    }
  );
}
