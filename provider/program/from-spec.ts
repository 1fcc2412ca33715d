/**
 * Turns one cluster spec file into Pulumi resources, with the dependencies VMM needs:
 * hosts after the cluster, images after the hosts that store them, VMs after their image and
 * hosts, HA pairs after their VM and both of their hosts.
 *
 * The spec rules run first (architecture decision 2): errors stop the program with every finding
 * (file:line:col, rule, fix) before any resource is registered (spec-errors.ts); warnings become
 * Pulumi warnings.
 */
import * as pulumi from "../resources/pulumi-sdk";
import { loadSpec, type SpecInputs } from "../spec";
import { parseStorageRef } from "../rules";
import { specRunError } from "./spec-errors";
import { hostEndpointsError } from "./host-endpoints";

export { describeSpecErrors } from "./spec-errors";
import { Cluster, Host, Image, VirtualMachine, HAPair } from "../resources";

export interface FromSpecOptions {
  /** Adopt existing objects with the same names instead of failing on name clashes. */
  adopt?: boolean;
  /** Options given to every resource (e.g. a parent, protect). */
  resourceOptions?: pulumi.CustomResourceOptions;
}

export interface ClusterResources {
  name: string;
  cluster: Cluster;
  hosts: Record<string, Host>;
  images: Record<string, Image>;
  virtualMachines: Record<string, VirtualMachine>;
  haPairs: Record<string, HAPair>;
}

/** Declares the resources of the spec file at `file`. Throws (before declaring anything) on errors. */
export async function fromSpec(file: string, options: FromSpecOptions = {}): Promise<ClusterResources> {
  const loaded = await loadSpec(file);
  const specError = await specRunError(loaded);
  if (specError !== undefined) throw specError;
  for (const w of loaded.findings.filter((f) => f.severity === "warning")) {
    await pulumi.log.warn(`${w.file}:${w.line}:${w.col}: ${w.rule}: ${w.message} (${w.fix})`);
  }
  // The loader's own mapping of the file (spec/to-inputs.ts): no second reading of the YAML here.
  if (loaded.inputs === undefined) throw new Error(`${file}: the spec file could not be read`);
  const endpointsError = hostEndpointsError(
    loaded.inputs.cluster.cluster,
    loaded.inputs.hosts.map((h) => h.name),
  );
  if (endpointsError !== undefined) throw endpointsError;
  return declare(loaded.inputs, options);
}

function declare(spec: SpecInputs, options: FromSpecOptions): ClusterResources {
  const clusterName = spec.cluster.cluster;
  const adopt = options.adopt ?? false;
  const base = options.resourceOptions ?? {};
  const id = (name: string) => `${clusterName}.${name}`;
  const specHosts = spec.hosts.map((h) => h.name);

  const cluster = new Cluster(
    clusterName,
    {
      name: clusterName,
      clusterNetwork: spec.cluster.clusterNetwork,
      domain: spec.cluster.domain,
      adopt: spec.cluster.adopt ?? adopt,
    },
    base,
  );

  const hosts: Record<string, Host> = {};
  for (const host of spec.hosts) {
    hosts[host.name] = new Host(
      id(host.name),
      { ...host, cluster: clusterName, adopt: host.adopt ?? adopt, specHosts },
      { ...base, dependsOn: [cluster] },
    );
  }
  const hostsNamed = (names: (string | undefined)[]): Host[] =>
    [...new Set(names)].flatMap((n) => (n !== undefined && hosts[n] ? [hosts[n]] : []));
  const hostOf = (storageRef: string) => parseStorageRef(storageRef)?.host;

  const images: Record<string, Image> = {};
  for (const image of spec.images) {
    images[image.name] = new Image(
      id(image.name),
      { ...image, cluster: clusterName, adopt: image.adopt ?? adopt },
      { ...base, dependsOn: [cluster, ...hostsNamed(image.storage.map(hostOf))] },
    );
  }

  const virtualMachines: Record<string, VirtualMachine> = {};
  const haPairs: Record<string, HAPair> = {};
  spec.virtualMachines.forEach((vm, vmIndex) => {
    const highAvailability = spec.haPairs.find((p) => p.vmIndex === vmIndex);
    // One owner per fact (decision 3): with HA, the HAPair places the VM, so the VM leaves `host` alone.
    const vmResource = new VirtualMachine(
      id(vm.name),
      {
        ...vm,
        host: highAvailability ? undefined : vm.host,
        cluster: clusterName,
        adopt: vm.adopt ?? adopt,
        haManaged: !!highAvailability,
      },
      {
        ...base,
        dependsOn: [
          cluster,
          ...(vm.image !== undefined && images[vm.image] ? [images[vm.image]] : []),
          ...hostsNamed([hostOf(vm.storage), vm.host, highAvailability?.active, highAvailability?.passive]),
        ],
      },
    );
    virtualMachines[vm.name] = vmResource;
    if (highAvailability) {
      haPairs[vm.name] = new HAPair(
        id(`${vm.name}-ha`),
        {
          cluster: clusterName,
          vm: vm.name,
          active: highAvailability.active,
          passive: highAvailability.passive,
          // The pair is the VM's highAvailability: an adopted VM's pair is adopted with it.
          adopt: vm.adopt ?? adopt,
          specHosts,
        },
        {
          ...base,
          dependsOn: [vmResource, ...hostsNamed([highAvailability.active, highAvailability.passive])],
        },
      );
    }
  });
  return { name: clusterName, cluster, hosts, images, virtualMachines, haPairs };
}
