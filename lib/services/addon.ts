/**
 * 4.0-style add-ons (`addons[]`, MKE 4k docs): a chart from its own repository (usually
 * https, e.g. MetalLB's), installed into the add-on's namespace. `kind: manifest` add-ons and
 * `dryRun` have no k0rdent counterpart and are reported instead.
 */
import { Construct } from 'constructs';
import { parse as parseYaml } from 'yaml';
import type { Diagnostic } from '../config/diagnostics';
import type { MkeSpec } from '../config/types';
import { plain, ServiceRelease, SystemService, SystemServiceProps } from './system-service';

export type AddonSpec = NonNullable<MkeSpec['addons']>[number];

export interface AddonProps extends SystemServiceProps {
  /** The add-on as mke4.yaml writes it (`name`, `kind`, `namespace`, `chart{name, repo, version, values}`). */
  readonly addon: AddonSpec;
  /**
   * Index in `spec.addons`, for diagnostics.
   * @default 0
   */
  readonly index?: number;
}

/** `chart.values` as an object: a YAML string is parsed, a mapping kept. Throws on anything else. */
export function addonValues(addon: AddonSpec): Record<string, unknown> {
  const raw = addon.chart?.values;
  if (raw === undefined || raw === '') return {};
  const parsed: unknown = typeof raw === 'string' ? parseYaml(raw) : plain(raw);
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`addon ${addon.name}: chart.values must be a YAML mapping`);
  return parsed as Record<string, unknown>;
}

/**
 * An `addons[]` entry of mke4.yaml (the MKE 4.0/4.1 form): a Helm chart from its own repository,
 * installed into the add-on's namespace. `kind: manifest` add-ons and `dryRun` have no k0rdent
 * counterpart and are reported as warnings in k0rdent mode.
 *
 * @example
 * new Addon(cluster, 'podinfo', {
 *   addon: { name: 'podinfo', kind: 'chart', enabled: true, namespace: 'podinfo',
 *     chart: { name: 'podinfo', repo: 'https://stefanprodan.github.io/podinfo', version: '6.7.1' } },
 * });
 */
export class Addon extends SystemService {
  readonly props: AddonProps;

  constructor(scope: Construct, id: string, props: AddonProps) {
    super(scope, id, props);
    this.props = props;
  }

  toMkeConfig(): Record<string, unknown> {
    return { addons: [plain(this.props.addon)] };
  }

  toReleases(): ServiceRelease[] {
    const a = this.props.addon;
    if ((a.kind ?? 'chart') !== 'chart' || !a.chart || a.dryRun) return [];
    const chart = this.base.chart
      ? { ...this.base.chart, verified: true, source: 'override' }
      : { name: a.chart.name, version: a.chart.version, repository: a.chart.repo.replace(/\/+$/, ''), verified: true, source: 'mke4.yaml addons[]' };
    return [{ name: a.name, namespace: this.namespaceOr(a.namespace ?? a.name), chart, values: this.withExtraValues(addonValues(a)), dependsOn: [] }];
  }

  k0rdentWarnings(): Diagnostic[] {
    const a = this.props.addon;
    const path = `spec.addons[${this.props.index ?? 0}]`;
    if ((a.kind ?? 'chart') !== 'chart') {
      return [{ code: 'delivery-unsupported', severity: 'warning', path, message: `add-on ${a.name} of kind ${a.kind} is not delivered in k0rdent mode`, hint: 'turn it into a chart or a UserService' }];
    }
    if (a.dryRun) return [{ code: 'delivery-unsupported', severity: 'warning', path, message: `add-on ${a.name} has dryRun: true and is not installed`, hint: 'set dryRun: false to install it' }];
    return [];
  }
}
