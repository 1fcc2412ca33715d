/**
 * One read of each cluster the pending creates went to: its guests (names and descriptions, for
 * this stack's mark) and its images, through the provider's client with the provider's settings
 * (cli/settings.ts), in one compound after the login (ADR 018). Official read methods only, and at
 * the managed level (the simulator) our private lists of image owner marks (ADR 027) and HA pairs too.
 */
import { createClient, scrub } from "../../api";
import { createAxiosTransport } from "../../api/core/axios-transport";
import type { ConnectionSettings } from "../../live/connection";
import type { ClusterRead } from "./findings";

export async function readNas(settings: ConnectionSettings): Promise<ClusterRead> {
  const axios = createAxiosTransport({
    caCertificate: settings.caCertificate,
    insecureSkipTlsVerify: settings.insecureSkipTlsVerify,
  });
  const client = createClient({
    endpoints: settings.endpoints,
    username: settings.username,
    password: settings.password,
    transport: (request) => axios.send(request),
    // One retry: an unreachable NAS is reported in seconds, not after a long back-off.
    retry: { attempts: 2 },
    logger: () => undefined,
  });
  try {
    const managed = (await client.capabilities()).level === "managed";
    const [guests, images, marks, haPairs] = await Promise.all([
      client.guests.list(),
      client.images.list(),
      managed ? client.ownedImages.list() : Promise.resolve([]),
      managed ? client.ha.list() : Promise.resolve(undefined),
    ]);
    const ownerOf = new Map(marks.map((m) => [m.id, m.owner]));
    return {
      guests: guests.map((g) => ({ id: g.id, name: g.name, description: g.description })),
      images: images.map((i) => {
        const owner = ownerOf.get(i.id);
        return { id: i.id, name: i.name, ...(owner === undefined ? {} : { owner }) };
      }),
      imageMarks: managed,
      ...(haPairs === undefined ? {} : { haPairs: haPairs.map((p) => ({ guestId: p.guestId })) }),
    };
  } catch (err) {
    return { error: scrub(err instanceof Error ? err.message : String(err)) };
  } finally {
    await client.close().catch(() => undefined);
    axios.close();
  }
}
