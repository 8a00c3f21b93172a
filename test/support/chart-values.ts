/**
 * Values conformance: every Helm values key we emit must exist in the upstream `values.yaml` of that
 * chart version (vendored in ../shared/charts/<chart>/<version>/, see its PROVENANCE files), or sit
 * under a map the chart leaves open, or under a sub-chart. A key the chart does not know is ignored
 * by Helm without a word, so a typo or a guessed key silently does nothing on a real cluster.
 *
 * Rules, applied while walking our values against the chart's defaults:
 * - the chart's default is a non-empty map: each of our keys must be one of its keys;
 * - the chart's default is an empty map (`{}`) or null/empty (`key:` with nothing): open, anything below;
 * - the chart's default is a list: ours must be a list (Helm replaces lists whole; items unchecked);
 * - the chart's default is a scalar: ours must be a scalar too (a map there is never read);
 * - a top-level key that names a dependency of the chart (Chart.yaml `dependencies[].alias ?? name`)
 *   is a sub-chart: its values are not vendored, so everything below is accepted — the list of those
 *   prefixes is printed by `subchartPrefixes` and documented per chart by Chart.yaml itself;
 * - `global` is Helm's shared map: open;
 * - tigera-operator's `installation` is checked against the vendored Installation CRD (the chart
 *   passes it as the Installation spec); `SPEC_PASSTHROUGH_KEYS` (other CR specs, CRDs not
 *   vendored) and `TEMPLATE_ONLY_KEYS` (read by templates, absent from values.yaml) are documented
 *   allow-lists.
 *
 * Nothing is read at import time: callers use these functions inside `describeShared` blocks.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { SHARED } from '../corpus';

export const CHARTS = join(SHARED, 'charts');

type Json = unknown;
type JsonMap = Record<string, unknown>;

function isMap(v: unknown): v is JsonMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Chart versions we emit that are not vendored under that exact version, and the vendored version
 * that stands for them (each with the reason, from the PROVENANCE files).
 */
export const VERSION_ALIASES: Readonly<Record<string, Readonly<Record<string, { readonly vendored: string; readonly why: string }>>>> = {
  'tigera-operator': {
    'v3.30.200': { vendored: '3.30.2', why: 'Mirantis version scheme: v3.30.200 = Calico 3.30.2 (PROVENANCE-a)' },
    'v3.31.500': { vendored: '3.31.5', why: 'Mirantis version scheme: v3.31.500 = Calico 3.31.5 (PROVENANCE-a)' },
  },
  kcm: {
    '0.2.0-alpha4': { vendored: '0.2.0', why: 'pre-release of 0.2.0 (PROVENANCE-b)' },
    '1.2.3': { vendored: '1.2.0', why: 'no v1.2.3 tag in k0rdent/kcm; newest 1.2 tag (PROVENANCE-b)' },
    '1.3.2': { vendored: '1.3.1', why: 'no v1.3.2 tag in k0rdent/kcm; newest 1.3 tag (PROVENANCE-b)' },
  },
  'node-local-dns': {
    '1.26.4': { vendored: '2.1.0', why: 'no chart has version 1.26.4; lablabs chart 2.1.0 is the public chart with config.localDnsIp (PROVENANCE-b)' },
  },
};

/** Chart names whose upstream name differs from the vendored folder. */
export const CHART_ALIASES: Readonly<Record<string, { readonly vendored: string; readonly extraOpen: readonly string[]; readonly why: string }>> = {
  'k0rdent-enterprise': { vendored: 'kcm', extraOpen: ['k0rdent-ui'], why: "k0rdent Enterprise's chart carries kcm's values plus the k0rdent-ui sub-chart" },
};

/**
 * Keys a chart's templates read although its values.yaml does not list them (checked in the
 * template source), per vendored chart: a documented allow-list.
 */
export const TEMPLATE_ONLY_KEYS: Readonly<Record<string, readonly string[]>> = {
  // MirantisContainers/dex-http-server charts/dex-http-server/templates/ingress.yaml (v0.6.1, v0.7.0):
  // `{{- with .Values.ingress.className }} ingressClassName: …` and `{{- if .Values.ingress.tls }}`.
  'dex-http-server': ['ingress.className', 'ingress.tls'],
};

/**
 * Top-level maps a chart hands on whole as the spec of a custom resource whose CRD is not vendored
 * (`{{ $spec := omit .Values.<key> "enabled" }}`): open below.
 */
export const SPEC_PASSTHROUGH_KEYS: Readonly<Record<string, readonly string[]>> = {
  // projectcalico/calico charts/tigera-operator/templates/crs/*.yaml (v3.29.3, v3.30.2, v3.31.5):
  // FelixConfiguration `default`, APIServer, Goldmane and Whisker specs.
  'tigera-operator': ['defaultFelixConfiguration', 'apiServer', 'goldmane', 'whisker'],
};

/** Charts no public source publishes: their values cannot be checked (synth says so in its warning). */
export const UNPUBLISHED_CHARTS: readonly string[] = ['mke-dashboard', 'multus'];

export interface VendoredChart {
  readonly chart: string;
  readonly version: string;
  readonly defaults: JsonMap;
  /** Top-level keys that are sub-charts (Chart.yaml dependencies) or otherwise open. */
  readonly open: readonly string[];
  /** Set when `version` stands in for another version (VERSION_ALIASES). */
  readonly note?: string;
}

/** The vendored chart for `name@version`, or a reason why there is none. */
export function vendoredChart(name: string, version: string): VendoredChart | { readonly missing: string } {
  const alias = CHART_ALIASES[name];
  const chart = alias?.vendored ?? name;
  const bare = version.replace(/^v(?=\d)/, '');
  const mapped = VERSION_ALIASES[chart]?.[version] ?? VERSION_ALIASES[chart]?.[bare];
  const v = mapped?.vendored ?? bare;
  const dir = join(CHARTS, chart, v);
  const file = ['values.yaml', 'values.tmpl.yaml'].map((f) => join(dir, f)).find((f) => existsSync(f));
  if (!file) return { missing: `${name}@${version}: no ${chart}/${v}/values.yaml in ../shared/charts` };
  const defaults = (parse(readFileSync(file, 'utf8')) ?? {}) as JsonMap;
  // Some Chart.yaml files hold more than one document (gpu-operator's packaged one): the first is the chart.
  const meta = (parseAllDocuments(readFileSync(join(dir, 'Chart.yaml'), 'utf8'))[0]?.toJS() ?? {}) as { dependencies?: { name: string; alias?: string }[] };
  const open = [...new Set(['global', ...(meta.dependencies ?? []).map((d) => d.alias ?? d.name), ...(alias?.extraOpen ?? [])])];
  return { chart, version: v, defaults, open, note: mapped ? mapped.why : undefined };
}

/** Sub-chart prefixes of a vendored chart (documentation for the test output). */
export function subchartPrefixes(c: VendoredChart): readonly string[] {
  return c.open.filter((k) => k !== 'global');
}

/** tigera-operator's `installation` map is the operator.tigera.io Installation spec. */
function installationSchema(c: VendoredChart): JsonMap | undefined {
  if (c.chart !== 'tigera-operator') return undefined;
  const file = join(CHARTS, c.chart, c.version, 'installation-crd.yaml');
  if (!existsSync(file)) return undefined;
  const crd = parse(readFileSync(file, 'utf8')) as { spec: { versions: { schema: { openAPIV3Schema: { properties: { spec: JsonMap } } } }[] } };
  return crd.spec.versions[0].schema.openAPIV3Schema.properties.spec;
}

/** Keys of ours the CRD schema does not declare (`properties` without preserve-unknown-fields). */
function checkAgainstSchema(value: Json, schema: JsonMap | undefined, path: string, out: string[]): void {
  if (!schema) return;
  if (Array.isArray(value)) {
    if (schema.type && schema.type !== 'array') out.push(`${path}: a list where the CRD has ${String(schema.type)}`);
    value.forEach((item, i) => checkAgainstSchema(item, schema.items as JsonMap | undefined, `${path}[${i}]`, out));
    return;
  }
  if (!isMap(value)) return;
  if (schema['x-kubernetes-preserve-unknown-fields'] === true) return;
  const props = schema.properties as Record<string, JsonMap> | undefined;
  if (!props) {
    if (isMap(schema.additionalProperties)) for (const [k, v] of Object.entries(value)) checkAgainstSchema(v, schema.additionalProperties, `${path}.${k}`, out);
    return;
  }
  for (const [k, v] of Object.entries(value)) {
    if (!(k in props)) out.push(`${path}.${k}: not a field of the Installation CRD`);
    else checkAgainstSchema(v, props[k], `${path}.${k}`, out);
  }
}

/** Where our values use a key the chart does not have: one line per key path. */
export function unknownValueKeys(values: JsonMap, c: VendoredChart): string[] {
  const out: string[] = [];
  const installation = installationSchema(c);
  const walk = (ours: Json, theirs: Json, path: string) => {
    if (theirs === null || theirs === undefined || theirs === '') return; // `key:` with nothing: open
    if (Array.isArray(theirs)) {
      if (!Array.isArray(ours) && ours !== null) out.push(`${path}: the chart's default is a list`);
      return;
    }
    if (!isMap(theirs)) {
      if (isMap(ours) || Array.isArray(ours)) out.push(`${path}: the chart's default is a scalar (${JSON.stringify(theirs)})`);
      return;
    }
    if (!isMap(ours)) {
      if (ours !== null && Object.keys(theirs).length) out.push(`${path}: the chart's default is a map`);
      return;
    }
    if (Object.keys(theirs).length === 0) return; // `{}`: a map the chart leaves open
    for (const [k, v] of Object.entries(ours)) {
      const p = path ? `${path}.${k}` : k;
      if (TEMPLATE_ONLY_KEYS[c.chart]?.includes(p)) continue;
      if (!(k in theirs)) out.push(`${p}: not a key of ${c.chart} ${c.version}`);
      else walk(v, theirs[k], p);
    }
  };
  for (const [k, v] of Object.entries(values)) {
    if (c.open.includes(k) || SPEC_PASSTHROUGH_KEYS[c.chart]?.includes(k)) continue;
    if (installation && k === 'installation') {
      const { enabled: _enabled, ...spec } = isMap(v) ? v : {};
      checkAgainstSchema(spec, installation, 'installation', out);
      continue;
    }
    if (!(k in c.defaults)) out.push(`${k}: not a key of ${c.chart} ${c.version}`);
    else walk(v, c.defaults[k], k);
  }
  return out;
}

/** One chart+values pair we emit, with where it comes from (for messages). */
export interface EmittedValues {
  readonly where: string;
  readonly chart: string;
  readonly version: string;
  readonly values: JsonMap;
}

export interface ConformanceReport {
  /** `where: chart@version: key path: problem`. */
  readonly problems: string[];
  /** Charts that could not be checked, with why (not vendored / unpublished). */
  readonly unchecked: string[];
  /** How many (chart, values) pairs were checked. */
  readonly checked: number;
}

/** Checks each emitted pair; unpublished charts and charts outside the catalog are listed, not checked. */
export function checkEmitted(items: readonly EmittedValues[]): ConformanceReport {
  const problems: string[] = [];
  const unchecked = new Set<string>();
  let checked = 0;
  for (const it of items) {
    if (UNPUBLISHED_CHARTS.includes(it.chart)) {
      unchecked.add(`${it.chart}@${it.version}: unpublished chart`);
      continue;
    }
    const c = vendoredChart(it.chart, it.version);
    if ('missing' in c) {
      unchecked.add(c.missing);
      continue;
    }
    checked++;
    for (const p of unknownValueKeys(it.values, c)) problems.push(`${it.where}: ${it.chart}@${it.version}: ${p}`);
  }
  return { problems: [...new Set(problems)].sort(), unchecked: [...unchecked].sort(), checked };
}
