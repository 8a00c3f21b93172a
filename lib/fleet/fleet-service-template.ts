/**
 * `FleetServiceTemplate`: a Helm chart made available to child clusters — a k0rdent
 * `ServiceTemplate` (`helm.chartSpec`) in namespace `k0rdent`, plus the Flux `HelmRepository` it
 * pulls from, labelled `k0rdent.mirantis.com/managed: "true"` so kcm's Flux reconciles it
 * (kcm API, github.com/k0rdent/kcm). Templates sharing a repository URL share one
 * HelmRepository, and one the management cluster already emits for that URL is reused.
 */
import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import type { MkeRelease } from '../config/releases';
import { addDiagnosticValidation, FLEET_CODES } from './diagnostics';
import { fleetMetadata, FLUX_SOURCE_API_VERSION, K0RDENT_NAMESPACE, MANAGED_LABEL } from './k0rdent-api';
import { contentHashedName, dns1123LabelError, dns1123SubdomainError, slug, versionedName } from '../k8s-names';
import { placeObject } from './placement';
import type { Diagnostic } from '../config/diagnostics';

export interface FleetServiceTemplateProps {
  /** Chart name in the repository (for OCI repositories the last path element). */
  readonly chart: string;
  /** Chart version (exact: a ServiceTemplate is immutable, a new version is a new template). */
  readonly version: string;
  /** Repository URL: `oci://…` (no trailing slash) or `https://…` (a Helm index repository). */
  readonly repository: string;
  /**
   * ServiceTemplate name. kcm makes a template's spec immutable, so the default name changes
   * whenever the spec does (another repository, interval or constraint).
   * @default - `<chart>-<version with . → ->-<first 6 hex of the sha256 of the spec>`, e.g. `ingress-nginx-4-13-2-1a2b3c`
   */
  readonly name?: string;
  /**
   * The chart is a wrapper that installs this chart as a dependency, so Helm values must sit under
   * its name (k0rdent catalog charts are wrappers: `ingress-nginx:` for the catalog's ingress-nginx).
   * Services whose object values have other top-level keys get a `wrapper-values` warning.
   * @default - the chart name for `oci://ghcr.io/k0rdent/catalog/charts`, else none
   */
  readonly wraps?: string;
  /**
   * Name of the Flux HelmRepository.
   * @default - derived from the URL (`oci://ghcr.io/k0rdent/catalog/charts` → `ghcr-io-k0rdent-catalog-charts`), or the name of a HelmRepository the management cluster already has for that URL
   */
  readonly repositoryName?: string;
  /**
   * How often Flux checks the chart (`chartSpec.interval`, required by the CRD).
   * @default '10m'
   */
  readonly interval?: string;
  /**
   * SemVer constraint on the target cluster's Kubernetes version (`spec.k8sConstraint`).
   * @default - none
   */
  readonly k8sConstraint?: string;
  /**
   * Management cluster release whose k0rdent API to write.
   * @default - the enclosing Fleet's management cluster, else MKE 4.2 (used alone)
   */
  readonly release?: MkeRelease;
}

const TEMPLATE_SYMBOL = Symbol.for('mke4k-cdk8s.FleetServiceTemplate');
/** Where the k0rdent catalog publishes its charts (k0rdent/catalog .github/workflows/reusable-build.yml). */
export const K0RDENT_CATALOG_REPOSITORY = 'oci://ghcr.io/k0rdent/catalog/charts';
const INTERVAL = /^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/;

export class FleetServiceTemplate extends Construct {
  static isFleetServiceTemplate(x: unknown): x is FleetServiceTemplate {
    return typeof x === 'object' && x !== null && TEMPLATE_SYMBOL in x;
  }

  /** ServiceTemplate name — what `FleetService.template` refers to. */
  readonly templateName: string;
  readonly chart: string;
  readonly version: string;
  readonly repository: string;
  /** The wrapped chart whose name values must sit under, when the chart is a wrapper. */
  readonly wraps?: string;
  /** Name of the HelmRepository the template pulls from (emitted here or reused). */
  readonly repositoryName: string;
  readonly serviceTemplate: ApiObject;
  /** The HelmRepository, when this construct emitted it (undefined when an existing one is reused). */
  readonly helmRepository?: ApiObject;

  constructor(scope: Construct, id: string, props: FleetServiceTemplateProps) {
    super(scope, id);
    Object.defineProperty(this, TEMPLATE_SYMBOL, { value: true });
    this.chart = props.chart;
    this.version = props.version;
    this.repository = props.repository;
    const interval = props.interval ?? '10m';
    this.wraps = props.wraps ?? (props.repository.replace(/\/+$/, '') === K0RDENT_CATALOG_REPOSITORY ? props.chart : undefined);

    const source = placeObject(this, 'source', props.release);
    const existing = findHelmRepository(source.scope, props.repository, props.repositoryName);
    this.repositoryName = existing?.name ?? props.repositoryName ?? slug(props.repository);
    if (!existing) {
      this.helmRepository = new ApiObject(source.scope, source.scope === this ? 'HelmRepository' : `helm-repository-${this.node.addr}`, {
        apiVersion: FLUX_SOURCE_API_VERSION,
        kind: 'HelmRepository',
        metadata: fleetMetadata(this.repositoryName, K0RDENT_NAMESPACE, { [MANAGED_LABEL]: 'true' }),
        spec: { type: props.repository.startsWith('oci://') ? 'oci' : 'default', url: props.repository, interval },
      });
    }

    const placed = placeObject(this, 'template', props.release);
    const spec = {
      helm: { chartSpec: { chart: props.chart, version: props.version, interval, sourceRef: { kind: 'HelmRepository', name: this.repositoryName } } },
      ...(props.k8sConstraint !== undefined ? { k8sConstraint: props.k8sConstraint } : {}),
    };
    this.templateName = props.name ?? contentHashedName(versionedName(props.chart, props.version), spec);
    this.serviceTemplate = new ApiObject(placed.scope, placed.scope === this ? 'Resource' : `service-template-${this.node.addr}`, {
      apiVersion: placed.api.apiVersion,
      kind: 'ServiceTemplate',
      metadata: fleetMetadata(this.templateName, K0RDENT_NAMESPACE),
      spec,
    });

    addDiagnosticValidation(this, () => {
      const names: string[] = [];
      const nameError = dns1123SubdomainError(this.templateName);
      if (nameError) names.push(`service template name "${this.templateName}" ${nameError}`);
      const repoNameError = dns1123LabelError(this.repositoryName);
      if (repoNameError) names.push(`repository name "${this.repositoryName}" ${repoNameError}`);
      const problems: string[] = [];
      if (!/^(oci|https?):\/\/\S+[^/]$/.test(props.repository)) problems.push(`repository "${props.repository}" must be an oci://, http:// or https:// URL without a trailing slash`);
      if (!INTERVAL.test(interval)) problems.push(`interval "${interval}" must be a duration such as 10m or 1h30m`);
      if (props.chart.length === 0) problems.push('chart must not be empty');
      if (props.version.length === 0) problems.push('version must not be empty');
      const out: Diagnostic[] = [
        ...names.map((message): Diagnostic => ({ code: FLEET_CODES.invalidName, severity: 'error', message, path: this.node.path })),
        ...problems.map((message): Diagnostic => ({ code: FLEET_CODES.invalidValue, severity: 'error', message, path: this.node.path })),
      ];
      if (existing?.conflict) {
        out.push({ code: FLEET_CODES.duplicateObject, severity: 'error', path: this.node.path, message: `HelmRepository ${existing.name} already exists with URL ${existing.conflict}, not ${props.repository}`, hint: 'set a different `repositoryName`' });
      }
      return out;
    });
  }
}

/**
 * The HelmRepository to reuse in the chart of `scope`: one with the same URL (and the requested
 * name, if any). A same-named one with another URL is reported as a conflict.
 */
function findHelmRepository(scope: Construct, url: string, wantedName: string | undefined): { name: string; conflict?: string } | undefined {
  const name = wantedName ?? slug(url);
  for (const c of Chart.of(scope).node.findAll()) {
    if (!(c instanceof ApiObject) || c.kind !== 'HelmRepository') continue;
    const spec = (c.toJson() as { spec?: { url?: string } }).spec;
    if (spec?.url === url && (wantedName === undefined || c.name === wantedName)) return { name: c.name };
    if (c.name === name && spec?.url !== url) return { name, conflict: spec?.url ?? '(none)' };
  }
  return undefined;
}
