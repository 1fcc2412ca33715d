/** Every API the simulator serves, by name (a flat map: names are unique). */
import { authApi, infoApi, type Credentials } from "./auth";
import { entryRequestApi } from "./entry-request";
import { capabilityMarkerApi } from "./sim/capability";
import { clusterApi } from "./sim/cluster";
import { guestDiskApi } from "./sim/guest-disk";
import { simGuestImageApi } from "./sim/guest-image";
import { guestMoveApi } from "./sim/guest-move";
import { haApi } from "./sim/ha";
import { internalHostApi } from "./sim/host-membership";
import { guestApi } from "./official/guest";
import { guestActionApi } from "./official/guest-action";
import { guestImageApi } from "./official/guest-image";
import { hostApi, networkApi, storageApi } from "./official/inventory";
import { taskInfoApi } from "./official/task-info";
import { listedOnlyApis } from "./real/catalogue";
import { realInternalReads } from "./real/reads";
import type { ApiDef } from "./types";

export function buildCatalog(creds: Credentials): Map<string, ApiDef> {
  const apis: ApiDef[] = [];
  const catalog = new Map<string, ApiDef>();
  apis.push(
    infoApi(() => apis),
    authApi(creds),
    entryRequestApi,
    taskInfoApi,
    networkApi,
    storageApi,
    hostApi,
    guestApi,
    guestActionApi,
    guestImageApi,
    clusterApi,
    internalHostApi,
    haApi,
    guestMoveApi,
    guestDiskApi,
    simGuestImageApi,
    capabilityMarkerApi,
    ...realInternalReads,
    ...listedOnlyApis,
  );
  for (const api of apis) catalog.set(api.name, api);
  return catalog;
}
