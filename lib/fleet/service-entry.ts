/**
 * One entry of a k0rdent `serviceSpec.services[]` (kcm API, github.com/k0rdent/kcm): shared by
 * `ChildCluster` (services of one cluster) and `FleetServiceSet` (services of many).
 */
import { toYaml } from '../output/yaml';
import { dns1123LabelError, dns1123SubdomainError } from '../k8s-names';

/** A service (one Helm release) to run on the target cluster(s). */
export interface FleetService {
  /** Name of the ServiceTemplate in the k0rdent namespace (a `FleetServiceTemplate` or one the management cluster emits). */
  readonly template: string;
  /** Helm release name on the target; DNS-1123, at most 53 characters (Helm's limit). */
  readonly name: string;
  /**
   * Target namespace of the release. Always written, because the documented default changed
   * between kcm lines (kcm `api/v1beta1` ServiceSpec).
   * @default - the service `name`
   */
  readonly namespace?: string;
  /**
   * Helm values: a YAML string (kept verbatim, so Sveltos templating like
   * `{{ .Cluster.metadata.name }}` survives) or an object (serialized to YAML here).
   * @default - the chart's own values
   */
  readonly values?: string | Readonly<Record<string, unknown>>;
  /**
   * Skip (and remove) this service on the target.
   * @default false
   */
  readonly disable?: boolean;
}

/** The `services[]` entry as written to the manifest. */
export function serviceToJson(service: FleetService): Record<string, unknown> {
  const out: Record<string, unknown> = {
    template: service.template,
    name: service.name,
    namespace: service.namespace ?? service.name,
  };
  const values = valuesString(service.values);
  if (values !== undefined) out.values = values;
  if (service.disable !== undefined) out.disable = service.disable;
  return out;
}

function valuesString(values: FleetService['values']): string | undefined {
  if (values === undefined) return undefined;
  if (typeof values === 'string') return values;
  return Object.keys(values).length ? toYaml(values) : undefined;
}

/** Syntax problems of a list of services (names, namespaces, duplicates), prefixed by `where`. */
export function serviceErrors(services: readonly FleetService[], where: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  services.forEach((service, i) => {
    const at = `${where}[${i}]`;
    const templateError = dns1123SubdomainError(service.template);
    if (templateError) out.push(`${at}.template "${service.template}" ${templateError}`);
    const nameError = dns1123LabelError(service.name, 53);
    if (nameError) out.push(`${at}.name "${service.name}" ${nameError}`);
    const namespace = service.namespace ?? service.name;
    const namespaceError = dns1123LabelError(namespace);
    if (namespaceError) out.push(`${at}.namespace "${namespace}" ${namespaceError}`);
    // Two releases with one name in one namespace would overwrite each other (kcm main rejects it).
    const key = `${namespace}/${service.name}`;
    if (seen.has(key)) out.push(`${at}: service ${service.name} in namespace ${namespace} is listed twice`);
    seen.add(key);
  });
  return out;
}
