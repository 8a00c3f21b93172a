/**
 * The `Management kcm` singleton: once kcm has created it on first install, the
 * manifests own it. `release` names the kcm Release; `core` is left to the Release's defaults;
 * `providers` = projectsveltos, mke-operator (operator mode only), then mke4.yaml's
 * `k0rdent.providers[]` (CAPI infrastructure providers; mapping inferred, kcm API, github.com/k0rdent/kcm).
 */
import { Construct } from 'constructs';
import * as k0rdent from '../../imports/k0rdent.mirantis.com';
import { kcmReleaseName, MkeRelease, releaseInfo } from '../config/releases';
import { SUBSTITUTE_DISABLED } from '../services/system-service';

export interface K0rdentProvider {
  /** Provider name as in the kcm Release (e.g. `cluster-api-provider-aws`). */
  readonly name: string;
  /**
   * Provider Helm values (e.g. image repository overrides for airgap).
   * @default - none
   */
  readonly config?: Readonly<Record<string, unknown>>;
}

export interface K0rdentManagementProps {
  /** MKE release: decides the kcm Release name and the API version. */
  readonly release: MkeRelease;
  /**
   * Include mke-operator among the providers (operator delivery).
   * @default true
   */
  readonly mkeOperator?: boolean;
  /**
   * More providers. @see mke4.yaml `k0rdent.providers`
   * @default - none
   */
  readonly providers?: readonly K0rdentProvider[];
}

/** The provider list, fixed ones first, without duplicate names. */
export function managementProviders(props: K0rdentManagementProps): K0rdentProvider[] {
  const fixed: K0rdentProvider[] = [{ name: 'projectsveltos' }, ...((props.mkeOperator ?? true) ? [{ name: 'mke-operator' }] : [])];
  const out: K0rdentProvider[] = [];
  for (const p of [...fixed, ...(props.providers ?? [])]) {
    if (out.some((o) => o.name === p.name)) continue;
    out.push(p.config && Object.keys(p.config).length ? { name: p.name, config: JSON.parse(JSON.stringify(p.config)) } : { name: p.name });
  }
  return out;
}

export class K0rdentManagement extends Construct {
  constructor(scope: Construct, id: string, props: K0rdentManagementProps) {
    super(scope, id);
    const info = releaseInfo(props.release);
    if (!info.kcmVersion || !info.k0rdentApiVersion) throw new Error(`MKE ${props.release} has no k0rdent`);
    const management = {
      metadata: { name: 'kcm', annotations: { ...SUBSTITUTE_DISABLED } },
      spec: { release: kcmReleaseName(info.kcmVersion), providers: managementProviders(props) },
    };
    if (info.k0rdentApiVersion === 'v1alpha1') new k0rdent.ManagementV1Alpha1(this, 'management', management);
    else new k0rdent.Management(this, 'management', management);
  }
}
