/**
 * The `Management kcm` singleton: once kcm has created it on first install, the
 * manifests own it. `release` names the kcm Release; `core` is left to the Release's defaults;
 * `providers` = every provider the kcm Release enables by default (kcm creates `Management kcm` with
 * exactly those: internal/controller/release_controller.go `mgmtObj.Spec.Providers = release.Providers()`,
 * so dropping one would remove it), projectsveltos, mke-operator (operator mode only), mke4.yaml's
 * `k0rdent.providers[]`, then what the fleet's ClusterTemplates need (`requireProviders`).
 */
import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import * as k0rdent from '../../imports/k0rdent.mirantis.com';
import { kcmCatalogFor } from '../config/kcm-release';
import { kcmReleaseName, MkeRelease, releaseInfo } from '../config/releases';
import { SUBSTITUTE_DISABLED } from '../services/system-service';

/**
 * Flux must never delete what kcm created and we only adopted (Namespace `k0rdent`, `Management kcm`):
 * pruning them on a delivery-mode switch or a removed Kustomization deletes kcm with them.
 * fluxcd/kustomize-controller internal/controller/kustomization_controller.go `deleteObjects` passes
 * `kustomize.toolkit.fluxcd.io/prune: disabled` as a deletion exclusion; fluxcd/pkg ssa/manager_delete.go
 * skips objects carrying it.
 */
export const PRUNE_DISABLED: Readonly<Record<string, string>> = {
  'kustomize.toolkit.fluxcd.io/prune': 'disabled',
  // The same for Argo CD (docs user-guide/sync-options.md, "No Prune Resources").
  'argocd.argoproj.io/sync-options': 'Prune=false',
};

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
  /**
   * Keep the providers the kcm Release enables by default (kcm creates `Management kcm` with all of
   * them; a list without one removes it). False only when k0rdent is switched off in mke4.yaml.
   * @default true
   */
  readonly releaseDefaults?: boolean;
}

/** The providers the kcm Release of an MKE release enables by default, in the Release's order (empty when unknown). */
export function releaseDefaultProviders(release: MkeRelease): string[] {
  const kcm = releaseInfo(release).kcmVersion;
  return kcm ? [...(kcmCatalogFor(kcm)?.catalog.releaseProviders ?? [])] : [];
}

/**
 * The provider list without duplicate names: the Release's defaults, projectsveltos, mke-operator,
 * the user's providers, then `required`. A user provider with a default's name gives that entry its config.
 */
export function managementProviders(props: K0rdentManagementProps, required: readonly string[] = []): K0rdentProvider[] {
  const defaults = (props.releaseDefaults ?? true) ? releaseDefaultProviders(props.release) : [];
  const fixed: K0rdentProvider[] = [...defaults.map((name) => ({ name })), { name: 'projectsveltos' }, ...((props.mkeOperator ?? true) ? [{ name: 'mke-operator' }] : [])];
  const out: K0rdentProvider[] = [];
  const all: readonly K0rdentProvider[] = [...fixed, ...(props.providers ?? []), ...required.map((name) => ({ name }))];
  for (const p of all) {
    const entry: K0rdentProvider = p.config && Object.keys(p.config).length ? { name: p.name, config: JSON.parse(JSON.stringify(p.config)) } : { name: p.name };
    const at = out.findIndex((o) => o.name === p.name);
    if (at < 0) out.push(entry);
    else if (entry.config) out[at] = entry;
  }
  return out;
}

export class K0rdentManagement extends Construct {
  private readonly required: (() => readonly string[])[] = [];

  constructor(scope: Construct, id: string, props: K0rdentManagementProps) {
    super(scope, id);
    const info = releaseInfo(props.release);
    if (!info.kcmVersion || !info.k0rdentApiVersion) throw new Error(`MKE ${props.release} has no k0rdent`);
    const management = {
      metadata: { name: 'kcm', annotations: { ...SUBSTITUTE_DISABLED, ...PRUNE_DISABLED } },
      spec: {
        release: kcmReleaseName(info.kcmVersion),
        providers: Lazy.any({ produce: () => managementProviders(props, this.required.flatMap((f) => f())) }),
      },
    };
    if (info.k0rdentApiVersion === 'v1alpha1') new k0rdent.ManagementV1Alpha1(this, 'management', management);
    else new k0rdent.Management(this, 'management', management);
  }

  /** Adds providers something else needs (e.g. a fleet's ClusterTemplates), read at synth time. */
  requireProviders(names: () => readonly string[]): void {
    this.required.push(names);
  }
}
