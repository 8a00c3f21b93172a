/**
 * `K0sctlCluster`: the k0sctl `Cluster` written to `k0sctl.yaml` — hosts, the k0s version and the
 * k0s `ClusterConfig` (with the bootstrap Helm charts). Usable alone with typed props, or through
 * `MkeCluster`, which builds the props from a validated spec with `k0sctlPropsFromSpec`.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { MkeRelease, releaseInfo } from '../config/releases';
import { compareVariableNames } from '../config/secrets';
import type { MkeSpec } from '../config/types';
import type { ICni } from '../cni/cni';
import { cniFromSpec, CniSelection, createCni } from '../cni/from-spec';
import type { Diagnostic } from '../config/diagnostics';
import { addDiagnosticValidation, renderingChanged, renderMemoized } from '../construct-diagnostics';
import { checkBootstrap } from './behaviour-checks';
import { helmRepositoryEntry, mergeHelm } from './helm-extensions';
import { toK0sctlHosts } from './hosts';
import { toK0sClusterConfigSpec } from './to-k0s-cluster-config';
import type { K0sClusterConfig, K0sClusterConfigSpec, K0sctlHost, K0sctlOptions, K0sHelmChart, K0sHelmRepository } from './types';
import { validateClusterConfig } from './validate-cluster-config';
import { validateK0sctlHosts, validateK0sVersion } from './validate-hosts';

export type { K0sctlHost } from './types';

export const K0SCTL_API_VERSION = 'k0sctl.k0sproject.io/v1beta1';
export const K0S_API_VERSION = 'k0s.k0sproject.io/v1beta1';

export interface K0sctlClusterProps {
  /**
   * k0sctl `metadata.name`: the cluster name in the kubeconfig k0sctl writes.
   */
  readonly name: string;
  /**
   * The hosts k0sctl installs, in k0sctl's shape.
   * @see https://github.com/k0sproject/k0sctl#spechosts
   */
  readonly hosts: readonly K0sctlHost[];
  /**
   * k0s version to install, e.g. `v1.32.3+k0s.0`. Always written, so k0sctl needs no lookup online.
   */
  readonly k0sVersion: string;
  /**
   * The k0s ClusterConfig `spec`. The CNI's network settings and charts are merged in.
   * @default - etcd storage, service CIDR 10.96.0.0/12, telemetry off
   * @see https://docs.k0sproject.io/stable/configuration/
   */
  readonly config?: K0sClusterConfigSpec;
  /**
   * The CNI, built as a child construct; it supplies `network.provider`, `podCIDR` and its chart.
   * @default - none: `config.network` is used as given
   */
  readonly cni?: CniSelection;
  /**
   * k0sctl `spec.k0s.dynamicConfig`: after install the cluster-wide config lives in the cluster.
   * @default false
   */
  readonly dynamicConfig?: boolean;
  /**
   * k0sctl `spec.options` (wait, drain, concurrency).
   * @default - k0sctl's defaults (not written)
   */
  readonly options?: K0sctlOptions;
  /**
   * Secret placeholders the config uses: variable name → the field it fills.
   * @default {}
   */
  readonly secretVariables?: Readonly<Record<string, string>>;
}

/** The default ClusterConfig spec for standalone use. */
const DEFAULT_CONFIG: K0sClusterConfigSpec = {
  storage: { type: 'etcd' },
  network: { provider: 'custom', podCIDR: '10.244.0.0/16', serviceCIDR: '10.96.0.0/12' },
  telemetry: { enabled: false },
};

/** Props for an `MkeCluster`'s k0sctl.yaml: hosts, version and ClusterConfig translated from the spec. */
export function k0sctlPropsFromSpec(spec: MkeSpec, release: MkeRelease, name: string): K0sctlClusterProps {
  const k0sVersion = releaseInfo(release).k0sVersion;
  const secretVariables: Record<string, string> = {};
  const cni = cniFromSpec(spec, release);
  const config = toK0sClusterConfigSpec(spec, release, { onSecret: (variable, field) => (secretVariables[variable] = field) });
  const hosts = toK0sctlHosts(spec, k0sVersion, (variable, field) => (secretVariables[variable] = field));
  return { name, k0sVersion, hosts, config, cni, secretVariables };
}

/** The ApiObject whose JSON keeps our key order (cdk8s would sort keys, and an env var can change that). */
class K0sctlObject extends ApiObject {
  constructor(scope: Construct, id: string, private readonly render: () => Record<string, unknown>) {
    super(scope, id, { apiVersion: K0SCTL_API_VERSION, kind: 'Cluster' });
  }

  override toJson(): Record<string, unknown> {
    return this.render();
  }
}

export class K0sctlCluster extends Construct {
  readonly name: string;
  readonly k0sVersion: string;
  readonly dynamicConfig: boolean;
  /** The CNI construct, when one was selected. */
  readonly cni?: ICni;
  /** Secret placeholders the output uses: variable → field. */
  readonly secretVariables: ReadonlyMap<string, string>;
  private readonly hosts: K0sctlHost[];
  private readonly config: K0sClusterConfigSpec;
  private readonly options?: K0sctlOptions;
  private readonly extraRepositories: K0sHelmRepository[] = [];
  private readonly extraCharts: K0sHelmChart[] = [];
  /**
   * The hosts' problems, kept until a host is added: cdk8s validates the whole app again for each
   * chart it renders, and with thousands of hosts the per-host checks dominated those runs.
   */
  private hostProblems?: string[];

  constructor(scope: Construct, id: string, props: K0sctlClusterProps) {
    super(scope, id);
    this.name = props.name;
    this.k0sVersion = props.k0sVersion;
    this.dynamicConfig = props.dynamicConfig ?? false;
    this.hosts = [...props.hosts];
    this.config = props.config ?? DEFAULT_CONFIG;
    this.options = props.options;
    this.secretVariables = new Map(Object.entries(props.secretVariables ?? {}).sort(([a], [b]) => compareVariableNames(a, b)));
    if (props.cni) this.cni = createCni(this, 'cni', props.cni);
    new K0sctlObject(this, 'cluster', () => this.toK0sctl());
    this.node.addValidation({ validate: () => this.validate() });
    addDiagnosticValidation(this, () => this.behaviourProblems());
  }

  /**
   * The output held against how k0s, k0sctl and kube-apiserver behave at run time (files named by
   * flags, node selectors, Helm repositories): errors stop synth, warnings are for the user.
   */
  behaviourProblems(): Diagnostic[] {
    return checkBootstrap(this.hosts, this.clusterConfigSpec(), this.k0sVersion);
  }

  /** Adds a host (after those given in props). */
  addHost(host: K0sctlHost): void {
    this.hosts.push(host);
    this.hostProblems = undefined;
    renderingChanged();
  }

  /** Adds a bootstrap Helm chart (and its repository) to `extensions.helm`, after the CNI's and the config's. */
  addHelmChart(chart: K0sHelmChart, repository?: K0sHelmRepository): void {
    this.extraCharts.push(chart);
    if (repository) this.extraRepositories.push(repository);
    renderingChanged();
  }

  /** The ClusterConfig spec as written: config, CNI network and charts merged. */
  clusterConfigSpec(): K0sClusterConfigSpec {
    return renderMemoized(this, 'clusterConfigSpec', () => this.buildClusterConfigSpec());
  }

  private buildClusterConfigSpec(): K0sClusterConfigSpec {
    const cniNetwork = this.cni?.k0sNetwork();
    const { calico: _calico, kuberouter: _kuberouter, ...network } = this.config.network;
    // The CNI's OCI registry gets no repositories[] entry where k0s cannot take one (k0s < 1.32.6).
    const cniRepositories = this.cni?.helmRepositories().filter((r) => helmRepositoryEntry(r.url, this.k0sVersion)) ?? [];
    const helm = mergeHelm([
      this.cni ? { repositories: cniRepositories, charts: this.cni.helmCharts() } : undefined,
      this.config.extensions?.helm,
      { repositories: this.extraRepositories, charts: this.extraCharts },
    ]);
    const { extensions: _extensions, ...rest } = this.config;
    return {
      ...rest,
      network: cniNetwork ? { ...network, ...cniNetwork } : this.config.network,
      ...(helm ? { extensions: { ...(this.config.extensions ?? {}), helm } } : {}),
    };
  }

  /** The `ClusterConfig` document under `spec.k0s.config`. */
  clusterConfig(): K0sClusterConfig {
    // k0s names its config `k0s` (the dynamic-config CR is kube-system/k0s); the cluster name lives in k0sctl's metadata.
    return { apiVersion: K0S_API_VERSION, kind: 'ClusterConfig', metadata: { name: 'k0s' }, spec: this.clusterConfigSpec() };
  }

  /** The whole k0sctl `Cluster` object, in the key order written to k0sctl.yaml. */
  toK0sctl(): Record<string, unknown> {
    return {
      apiVersion: K0SCTL_API_VERSION,
      kind: 'Cluster',
      metadata: { name: this.name },
      spec: {
        hosts: this.hosts,
        k0s: { version: this.k0sVersion, dynamicConfig: this.dynamicConfig, config: this.clusterConfig() },
        ...(this.options ? { options: this.options } : {}),
      },
    };
  }

  /** Every rule k0sctl and k0s would apply to this config, plus our own (never stops at the first). */
  private validate(): string[] {
    return renderMemoized(this, 'validate', () => [
      ...validateK0sVersion(this.k0sVersion, this.dynamicConfig),
      ...(this.hostProblems ??= validateK0sctlHosts(this.hosts, this.k0sVersion)),
      ...validateClusterConfig(this.clusterConfigSpec(), this.k0sVersion, this.hosts),
    ]);
  }
}
