/**
 * Any chart as a service (`UserService`), or an existing ServiceTemplate named by mke4.yaml's
 * `services[]` (MKE 4k docs: passed straight to k0rdent; the template must already exist).
 */
import { Construct } from 'constructs';
import { parse as parseYaml } from 'yaml';
import { toYaml } from '../output/yaml';
import { ChartOverride, plain, ServiceRelease, SystemService, SystemServiceProps } from './system-service';

export interface UserServiceProps extends Omit<SystemServiceProps, 'chart'> {
  /** Helm release name on the cluster (≤ 53 characters, DNS-1123). */
  readonly name: string;
  /**
   * The chart to install; give this or `template`.
   * @default - none (then `template` is required)
   */
  readonly chart?: ChartOverride;
  /**
   * An existing ServiceTemplate (in namespace `k0rdent`) to use instead of a chart.
   * @default - none (then `chart` is required)
   */
  readonly template?: string;
  /**
   * Helm values: an object, or a YAML string as mke4.yaml `services[].values` writes it.
   * @default - none
   */
  readonly values?: Readonly<Record<string, unknown>> | string;
  /**
   * A Secret (created by the user) whose Helm values are merged in through `valuesFrom`.
   * @default - none
   */
  readonly valuesFromSecret?: string;
  /**
   * Release names of services installed first (checked for existence and cycles; decides order).
   * @default - none
   */
  readonly dependsOn?: readonly string[];
}

/**
 * Any Helm chart as a service of the cluster — or, as mke4.yaml's `services[]` does, an existing
 * k0rdent ServiceTemplate by name (it must exist on the management cluster).
 *
 * @example
 * new UserService(cluster, 'podinfo', {
 *   name: 'podinfo', namespace: 'podinfo', values: { replicaCount: 2 },
 *   chart: { name: 'podinfo', version: '6.7.1', repository: 'https://stefanprodan.github.io/podinfo' },
 * });
 */
export class UserService extends SystemService {
  readonly props: UserServiceProps;

  constructor(scope: Construct, id: string, props: UserServiceProps) {
    super(scope, id, { ...props, chart: props.chart });
    if ((props.chart === undefined) === (props.template === undefined)) {
      throw new Error(`UserService ${props.name}: give exactly one of \`chart\` and \`template\``);
    }
    this.props = props;
  }

  /** Values as an object. */
  get values(): Record<string, unknown> {
    const v = this.props.values;
    if (v === undefined) return {};
    if (typeof v !== 'string') return plain(v) as Record<string, unknown>;
    const parsed: unknown = parseYaml(v);
    if (parsed === null || parsed === undefined) return {};
    if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`UserService ${this.props.name}: values must be a YAML mapping`);
    return parsed as Record<string, unknown>;
  }

  toMkeConfig(): Record<string, unknown> {
    if (!this.props.template) return {};
    const v = this.props.values;
    return { services: [{ template: this.props.template, name: this.props.name, ...(this.props.namespace ? { namespace: this.props.namespace } : {}), ...(v !== undefined ? { values: typeof v === 'string' ? v : toYaml(v) } : {}) }] };
  }

  toReleases(): ServiceRelease[] {
    const p = this.props;
    return [
      {
        name: p.name,
        namespace: p.namespace ?? 'default',
        chart: p.chart ? { ...p.chart, verified: true, source: 'user' } : undefined,
        template: p.template,
        values: this.withExtraValues(this.values),
        valuesFromSecret: p.valuesFromSecret,
        dependsOn: [...(p.dependsOn ?? [])],
      },
    ];
  }
}
