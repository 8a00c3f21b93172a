/**
 * OPA Gatekeeper (MKE 4k docs, docs.mirantis.com), release `gatekeeper` in `mke`. MKE always exempts a
 * fixed list of system namespaces [doc list]; the value key is inferred.
 */
import { Construct } from 'constructs';
import { ServiceRelease, SystemService, SystemServiceProps } from './system-service';

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
   * More namespaces Gatekeeper ignores, added to the fixed list.
   * @see mke4.yaml `policyController.opaGatekeeper.exemptNamespaces`
   * @default - only the fixed list
   */
  readonly exemptNamespaces?: readonly string[];
}

/** The fixed list, then the user's, without duplicates. */
export function gatekeeperExemptNamespaces(p: GatekeeperProps): string[] {
  return [...new Set([...GATEKEEPER_FIXED_EXEMPT_NAMESPACES, ...(p.exemptNamespaces ?? [])])];
}

/** mke4.yaml `policyController.opaGatekeeper` → gatekeeper values [inf: controllerManager.exemptNamespaces]. */
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
    return [{ name: 'gatekeeper', namespace: this.namespaceOr('mke'), chart: this.chartFor('gatekeeper'), values: this.withExtraValues(gatekeeperValues(this.props)), dependsOn: [] }];
  }
}
