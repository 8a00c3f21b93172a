/**
 * OPA Gatekeeper (MKE 4k docs, docs.mirantis.com), release `gatekeeper` in `mke`. MKE always exempts a
 * fixed list of system namespaces [doc list]; the value key is inferred.
 */
import { Construct } from 'constructs';
import { K0RDENT_NAMESPACE } from '../config/releases';
import { Addon } from './addon';
import { ServiceRelease, SystemService, SystemServiceProps } from './system-service';
import { UserService } from './user-service';

/** Namespaces MKE always exempts from Gatekeeper (MKE 4k docs, docs.mirantis.com). */
export const GATEKEEPER_FIXED_EXEMPT_NAMESPACES: readonly string[] = [
  'kube-system',
  'kube-public',
  'kube-node-lease',
  'k0s-system',
  'k0s-autopilot',
  'flux-system',
  'blueprint-system',
  'mke',
  'tigera-operator',
  'calico-system',
  'calico-apiserver',
];

export interface GatekeeperProps extends SystemServiceProps {
  /**
   * Also exempt the namespaces the other system services of the same cluster are installed into
   * (with k0rdent delivery: `ingress-nginx`, `envoy-gateway-system`, `gpu-operator`,
   * `metallb-system`, …) and `k0rdent`, so a user's constraint cannot block MKE's own workloads.
   * @default true
   */
  readonly exemptServiceNamespaces?: boolean;
  /**
   * Namespaces exempted besides the fixed list and the user's (filled from the sibling services
   * when `exemptServiceNamespaces` is on).
   * @default - none
   */
  readonly serviceNamespaces?: readonly string[];
  /**
   * More namespaces Gatekeeper ignores, added to the fixed list.
   * @see mke4.yaml `policyController.opaGatekeeper.exemptNamespaces`
   * @default - only the fixed list
   */
  readonly exemptNamespaces?: readonly string[];
}

/** The fixed list, the namespaces of the other system services, then the user's, without duplicates. */
export function gatekeeperExemptNamespaces(p: GatekeeperProps): string[] {
  return [...new Set([...GATEKEEPER_FIXED_EXEMPT_NAMESPACES, ...(p.serviceNamespaces ?? []), ...(p.exemptNamespaces ?? [])])];
}

/**
 * mke4.yaml `policyController.opaGatekeeper` → gatekeeper values: `controllerManager.exemptNamespaces`
 * (open-policy-agent/gatekeeper charts/gatekeeper/values.yaml; each becomes `--exempt-namespace`).
 */
export function gatekeeperValues(p: GatekeeperProps): Record<string, unknown> {
  return { controllerManager: { exemptNamespaces: gatekeeperExemptNamespaces(p) } };
}

/**
 * OPA Gatekeeper (https://open-policy-agent.github.io/gatekeeper), Helm release `gatekeeper` in
 * namespace `mke`; MKE's system namespaces are always exempt, `exemptNamespaces` adds more.
 *
 * @example
 * new Gatekeeper(cluster, 'gatekeeper', { exemptNamespaces: ['team-sandbox'] });
 */
export class Gatekeeper extends SystemService {
  readonly props: GatekeeperProps;

  constructor(scope: Construct, id: string, props: GatekeeperProps = {}) {
    super(scope, id, props);
    this.props = props;
  }

  toMkeConfig(): Record<string, unknown> {
    const exempt = this.props.exemptNamespaces;
    return { policyController: { opaGatekeeper: { enabled: true, ...(exempt ? { exemptNamespaces: [...exempt] } : {}) } } };
  }

  toReleases(): ServiceRelease[] {
    return [{ name: 'gatekeeper', namespace: this.namespaceOr('mke'), chart: this.chartFor('gatekeeper'), values: this.withExtraValues(gatekeeperValues(this.effectiveProps())), dependsOn: [] }];
  }

  /**
   * `--exempt-namespace` only lets a namespace carry the `admission.gatekeeper.sh/ignore` label
   * (gatekeeper website/docs/exempt-namespaces.md); the `Config` named `config` in Gatekeeper's
   * namespace excludes them from every process (webhook, audit, sync, mutation) without a label.
   */
  k0rdentObjects(): Record<string, unknown>[] {
    return [
      {
        apiVersion: 'config.gatekeeper.sh/v1alpha1',
        kind: 'Config',
        metadata: { name: 'config', namespace: this.namespaceOr('mke') },
        spec: { match: [{ excludedNamespaces: gatekeeperExemptNamespaces(this.effectiveProps()), processes: ['*'] }] },
      },
    ];
  }

  /** Props with the sibling services' namespaces added (they are known only once all exist). */
  private effectiveProps(): GatekeeperProps {
    if (this.props.exemptServiceNamespaces === false || !this.node.scope) return this.props;
    // MKE's own services only: the user's add-ons and services stay under policy.
    const siblings = SystemService.all(this.node.scope).filter((s) => !(s instanceof Gatekeeper || s instanceof Addon || s instanceof UserService));
    const namespaces = siblings.flatMap((s) => s.toReleases().map((r) => r.namespace));
    return { ...this.props, serviceNamespaces: [...new Set([...(this.props.serviceNamespaces ?? []), K0RDENT_NAMESPACE, ...namespaces])] };
  }
}
