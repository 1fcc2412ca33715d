/**
 * `synovmm:hostEndpoints`: where each host's own DSM answers when that is not what the spec says
 * (`endpoint`, else `https://<address>:5001`): a simulator on loopback, or a NAS whose DSM answers
 * on another name or port than its cluster address. One reader for the provider (URLs) and the
 * program (URLs and host names), so both refuse the same values with the same words.
 */
import { endpointProblem } from "./formats";
import { closest } from "./suggest";

export const HOST_ENDPOINTS_FIX =
  "give a JSON object of spec host name to DSM URL, e.g. " +
  `\`pulumi config set synovmm:hostEndpoints '{"nas-a":"https://nas-a.lan:5001"}'\`.`;

export type HostEndpointsRead = { map: Record<string, string> } | { problem: string };

/**
 * The map, or why it is unusable. `value` is the config text (JSON) or an object already parsed
 * (from `synovmm:clusters`). With `hosts`, every name must be one of them.
 */
export function readHostEndpoints(value: unknown, hosts?: readonly string[]): HostEndpointsRead {
  let parsed: unknown = value;
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value);
    } catch {
      return { problem: "is not JSON" };
    }
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    return { problem: "is not a JSON object of host name to URL" };
  const map: Record<string, string> = {};
  for (const [name, url] of Object.entries(parsed as Record<string, unknown>)) {
    if (hosts !== undefined && !hosts.includes(name)) {
      const near = closest(name, hosts);
      return {
        problem:
          `names host "${name}", which the spec does not have (its hosts: ${hosts.join(", ")}` +
          `${near === undefined ? "" : `; did you mean "${near}"?`})`,
      };
    }
    const problem = typeof url === "string" ? endpointProblem(url) : "it is not a string";
    if (problem !== undefined)
      return { problem: `has an unusable endpoint for host "${name}" (${JSON.stringify(url)}): ${problem}` };
    map[name] = url as string;
  }
  return { map };
}
