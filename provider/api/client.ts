// createClient: options in, a VmmClient out whose groups mirror the remote API. Wiring only; the
// behaviour lives in core/ (pipeline) and virtualization/ (one file per DSM API).

import { Caller } from "./core/caller";
import { createAxiosTransport } from "./core/axios-transport";
import { normalizeEndpoint } from "./core/endpoint";
import { registerSecret, scrub } from "./core/redact";
import { DEFAULTS, ClientOptions, Logger, ResolvedOptions, defaultLogger } from "./options";
import { GuestApi } from "./official/guest";
import { GuestActionApi, PowerOnOptions } from "./official/guest-action";
import type { Guest } from "./official/guest-model";
import { HostApi } from "./official/host";
import { ImageApi } from "./official/guest-image";
import { NetworkApi } from "./official/network";
import { StorageApi } from "./official/storage";
import { TaskInfoApi, WaitOptions } from "./official/task-info";
import { ClusterApi } from "./sim/cluster";
import { GuestMoveApi } from "./sim/guest-move";
import { GuestDiskApi } from "./sim/guest-disk";
import { OwnedImageApi } from "./sim/guest-image";
import { ClusterHostApi } from "./sim/host-membership";
import { HaApi } from "./sim/ha";
import { PlacementApi } from "./real/placement";

import {
  Capabilities,
  MARKER_API,
  MARKER_METHOD,
  capabilitiesFromCatalogue,
  listsSimulatorMarker,
} from "./capabilities";
import { asObject, optNum } from "./core/shape";

export {
  SIM_APIS,
  capabilitiesFromCatalogue,
  type ApiInfoEntry,
  type Capabilities,
  type CapabilityLevel,
} from "./capabilities";

export interface GuestActions {
  powerOn(id: string, options?: PowerOnOptions): Promise<void>;
  powerOff(id: string): Promise<void>;
  shutdown(id: string): Promise<void>;
  /** Live migration (the simulator's private API; "managed" level only). */
  move(id: string, destHostId: string, options?: WaitOptions): Promise<Guest>;
}

export interface VmmClient {
  readonly guests: GuestApi;
  readonly guestActions: GuestActions;
  /** Growing and adding disks (the simulator's private API; "managed" level only). */
  readonly guestDisks: GuestDiskApi;
  readonly images: ImageApi;
  /** Image create with the stack's owner mark, and the marks (the simulator's private API; "managed" level only). */
  readonly ownedImages: OwnedImageApi;
  readonly networks: NetworkApi;
  readonly storages: StorageApi;
  /** Official, read-only host view (SYNO.Virtualization.API.Host). */
  readonly hosts: HostApi;
  readonly tasks: TaskInfoApi;
  readonly cluster: ClusterApi;
  /** Cluster membership (the simulator's private SYNO.SynoVmmSim.Host). */
  readonly clusterHosts: ClusterHostApi;
  readonly ha: HaApi;
  /** Decided once per client; see capabilities.ts for why a real NAS is always "official-only". */
  capabilities(): Promise<Capabilities>;
  /** Ends this client's sessions (the last client of a session logs out) and frees its connections. */
  close(): Promise<void>;
}

function resolve(options: ClientOptions): ResolvedOptions {
  if (!options.endpoints?.length) throw new TypeError("createClient: at least one endpoint is required");
  if (!options.username) throw new TypeError("createClient: username is required");
  if (!options.password) throw new TypeError("createClient: password is required");
  const endpoints = [...new Set(options.endpoints.map(normalizeEndpoint))];
  return {
    endpoints,
    username: options.username,
    password: options.password,
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    maxInFlightPerEndpoint: options.maxInFlightPerEndpoint ?? DEFAULTS.maxInFlightPerEndpoint,
    retry: {
      attempts: options.retry?.attempts ?? DEFAULTS.retry.attempts,
      baseDelayMs: options.retry?.baseDelayMs ?? DEFAULTS.retry.baseDelayMs,
    },
    sessionName: options.sessionName ?? DEFAULTS.sessionName,
    endpointCooldownMs: options.endpointCooldownMs ?? DEFAULTS.endpointCooldownMs,
    operationTimeoutMs: options.operationTimeoutMs ?? DEFAULTS.operationTimeoutMs,
  };
}

export function createClient(options: ClientOptions): VmmClient {
  const resolved = resolve(options);
  registerSecret(resolved.password);
  const sink = options.logger ?? defaultLogger;
  // Every line is scrubbed here, once, so no call site can leak a secret into a log.
  const log: Logger = (level, message) => sink(level, scrub(message));

  if (options.insecureSkipTlsVerify) {
    log(
      "warn",
      "TLS certificate verification is OFF (insecureSkipTlsVerify): anyone on the network path can read the " +
        "DSM password. Pass the DSM certificate as caCertificate instead.",
    );
  }
  const plain = resolved.endpoints.filter((e) => e.startsWith("http:"));
  if (plain.length && !plain.every((e) => /^http:\/\/(127\.|localhost|\[::1\])/.test(e))) {
    log("warn", `plain HTTP endpoints send the DSM password unencrypted: ${plain.join(", ")}; use https://`);
  }

  const axiosTransport = options.transport
    ? undefined
    : createAxiosTransport({
        caCertificate: options.caCertificate,
        insecureSkipTlsVerify: options.insecureSkipTlsVerify,
      });
  const transport = options.transport ?? (axiosTransport as NonNullable<typeof axiosTransport>).send;
  const caller = new Caller(resolved, transport, log);

  let detected: Promise<Capabilities> | undefined;
  const tasks = new TaskInfoApi(caller);
  const capabilities = (): Promise<Capabilities> => (detected ??= detectCapabilities(caller, log));
  const guests = new GuestApi(caller, tasks, new PlacementApi(caller, capabilities));
  const power = new GuestActionApi(caller, guests);
  const mover = new GuestMoveApi(caller, guests, tasks);
  const images = new ImageApi(caller, tasks);

  return {
    guests,
    guestActions: {
      powerOn: (id, o) => power.powerOn(id, o),
      powerOff: (id) => power.powerOff(id),
      shutdown: (id) => power.shutdown(id),
      move: (id, dest, o) => mover.move(id, dest, o),
    },
    guestDisks: new GuestDiskApi(caller),
    images,
    ownedImages: new OwnedImageApi(caller, images),
    networks: new NetworkApi(caller),
    storages: new StorageApi(caller),
    hosts: new HostApi(caller),
    tasks,
    cluster: new ClusterApi(caller),
    clusterHosts: new ClusterHostApi(caller),
    ha: new HaApi(caller),
    capabilities,
    async close() {
      await caller.close();
      axiosTransport?.close();
    },
  };
}

/**
 * Reads SYNO.API.Info and, only when every private simulator name is listed, the read-only marker
 * (never a write-named method). Says once why the level was chosen; a failed detection is retried
 * by the next call.
 */
async function detectCapabilities(caller: Caller, log: Logger): Promise<Capabilities> {
  const apis = await caller.discoverAny();
  let schema: number | undefined;
  if (listsSimulatorMarker(apis)) {
    schema = await caller.call({
      api: MARKER_API,
      method: MARKER_METHOD,
      safety: "read",
      parse: (data) => optNum(asObject(data ?? {}, "capability marker"), "schema"),
    });
  }
  const caps = capabilitiesFromCatalogue(apis, schema);
  log("debug", `capability level ${caps.level}: ${caps.reason}`);
  return caps;
}
