/**
 * `K0sctlCluster`: the k0sctl `Cluster` (k0sctl.yaml) — hosts, k0s version and the k0s ClusterConfig.
 * (First cut: hosts and version; the ClusterConfig translation lands with the k0sctl issue.)
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { MkeRelease, releaseInfo } from '../config/releases';
import type { MkeSpec } from '../config/types';

export interface K0sctlHost {
  readonly role: 'controller+worker' | 'worker' | 'single' | 'controller';
  readonly ssh?: { readonly address: string; readonly user?: string; readonly port?: number; readonly keyPath?: string };
}

export interface K0sctlClusterProps {
  /** k0sctl `metadata.name` (the kubeconfig's cluster name). */
  readonly name: string;
  /** The hosts k0sctl installs. */
  readonly hosts: readonly K0sctlHost[];
  /** k0s version, e.g. v1.32.3+k0s.0. */
  readonly k0sVersion: string;
}

export function k0sctlPropsFromSpec(spec: MkeSpec, release: MkeRelease, name: string): K0sctlClusterProps {
  return {
    name,
    hosts: spec.hosts.map((h) => ({ role: h.role as K0sctlHost['role'], ssh: h.ssh })),
    k0sVersion: releaseInfo(release).k0sVersion,
  };
}

export class K0sctlCluster extends Construct {
  constructor(scope: Construct, id: string, props: K0sctlClusterProps) {
    super(scope, id);
    new ApiObject(this, 'cluster', {
      apiVersion: 'k0sctl.k0sproject.io/v1beta1',
      kind: 'Cluster',
      metadata: { name: props.name },
      spec: { hosts: props.hosts, k0s: { version: props.k0sVersion } },
    });
  }
}
