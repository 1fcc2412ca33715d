/**
 * The program's check of `synovmm:hostEndpoints` (or `synovmm:clusters.<cluster>.hostEndpoints`)
 * against the spec: the provider reads the map per host and cannot tell a misspelt host name from
 * a host of another cluster, the program knows every host of this one. Checked before any resource
 * is declared, so a bad map changes nothing.
 */
import * as pulumi from "../resources/pulumi-sdk";
import { HOST_ENDPOINTS_FIX, readHostEndpoints } from "../model/host-endpoints";
import { programError } from "./spec-errors";

/** The error that stops the program, or undefined when the map is absent or fits the spec. */
export function hostEndpointsError(cluster: string, hosts: readonly string[]): pulumi.RunError | undefined {
  const config = new pulumi.Config("synovmm");
  const clusters = config.getObject<Record<string, { hostEndpoints?: unknown } | undefined>>("clusters");
  const override = clusters?.[cluster]?.hostEndpoints;
  const [value, key] =
    override !== undefined
      ? [override, `synovmm:clusters.${cluster}.hostEndpoints`]
      : [config.get("hostEndpoints"), "synovmm:hostEndpoints"];
  if (value === undefined || value === "") return undefined;
  const read = readHostEndpoints(value, hosts);
  if (!("problem" in read)) return undefined;
  return programError(
    `The setting ${key} ${read.problem}; nothing was sent to any host. Fix: ${HOST_ENDPOINTS_FIX}`,
  );
}
