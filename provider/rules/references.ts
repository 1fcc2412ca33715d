import { memberNames } from "./membership";
import type { ClusterModel, Finding, HostModel, LiveView } from "./model";
import { at } from "./paths";
import type { Place } from "./paths";
import { parseStorageRef } from "../model/storage-ref";
import { didYouMean } from "../model/suggest";

/**
 * Every name a VM or image uses (image, storage host and volume, host, network) must be declared
 * in the spec (HA hosts are R6's). A live host the spec does not list is a valid placement
 * target, but not a storage one: its volumes are unknown here.
 */
export function checkReferences(desired: ClusterModel, live?: LiveView): Finding[] {
  const findings: Finding[] = [];
  const hosts = new Map(desired.hosts.map((h) => [h.name, h]));
  const members = memberNames(desired, live);
  const images = desired.images.map((m) => m.name);
  const networks = desired.networks.map((n) => n.name);
  const unknown = (
    place: Place,
    what: string,
    name: string,
    known: string[],
    fix: string,
    where = "in this spec",
  ): void => {
    const choices = [...new Set(known)];
    findings.push({
      rule: "REF",
      severity: "error",
      ...place,
      message: `${what} "${name}" is not declared ${where}.${didYouMean(name, choices)}`,
      fix: choices.length > 0 ? `${fix} Declared: ${choices.join(", ")}.` : fix,
    });
  };
  const storage = (text: string, place: Place): void => {
    const ref = parseStorageRef(text);
    if (ref === undefined) {
      findings.push({
        rule: "REF",
        severity: "error",
        ...place,
        message: `Storage "${text}" is not of the form <host>:<volume>.`,
        fix: "Write the host name and volume path separated by a colon, e.g. nas-a:/volume1.",
      });
      return;
    }
    const host = hosts.get(ref.host);
    if (host === undefined) {
      unknown(place, "Storage host", ref.host, [...hosts.keys()], "Use a host listed in spec.hosts.");
      return;
    }
    if (!host.volumes.some((v) => v.path === ref.volume)) {
      unknown(
        place,
        "Volume",
        ref.volume,
        volumePaths(host),
        "List the volume under the host's volumes, or use one it has.",
        `on host "${host.name}"`,
      );
    }
  };

  desired.virtualMachines.forEach((vm, i) => {
    const field = (...f: (string | number)[]) => at.vm(i, vm.name, ...f);
    if (vm.image !== undefined && !images.includes(vm.image))
      unknown(field("image"), "Image", vm.image, images, "Use an image from spec.images, or add it there.");
    storage(vm.storage, field("storage"));
    if (vm.host !== undefined && !members.includes(vm.host)) {
      unknown(
        field("host"),
        "Host",
        vm.host,
        members,
        "Place the VM on a host of the cluster, or drop host to let VMM choose at first power-on (R11).",
      );
    }
    vm.nics.forEach((nic, k) => {
      if (!networks.includes(nic.network)) {
        unknown(
          field("nics", k, "network"),
          "Network",
          nic.network,
          networks,
          "Attach the NIC to a network from spec.networks, or add it there.",
        );
      }
    });
  });
  desired.images.forEach((image, i) =>
    image.storage.forEach((s, j) => storage(s, at.image(i, image.name, "storage", j))),
  );
  return findings;
}

function volumePaths(host: HostModel): string[] {
  return host.volumes.map((v) => v.path);
}
