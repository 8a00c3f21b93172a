/**
 * Values we emit for the bootstrap charts, against the upstream chart of each version (walks every
 * release × CNI): the Tigera `installation.*` values against the Installation CRD of that Calico
 * release (the chart passes `installation` minus `enabled` as the Installation spec:
 * projectcalico/calico charts/tigera-operator/templates/crs/custom-resources.yaml), top-level keys
 * against the chart's values.yaml; the kcm values against kcm's values.yaml.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { MKE_RELEASES, MkeRelease, releaseInfo, upstreamCalicoVersion } from '../../lib/config/releases';
import { describeShared, SHARED } from '../corpus';
import { loadCrdFile } from '../support/crd-schemas';
import { clusterFromSpec, host, k0sctlOf } from '../k0s/build';

const RELEASES = MKE_RELEASES.filter((r) => !r.startsWith('4.0'));
const hosts = [host('controller+worker', '10.0.0.1'), host('worker', '10.0.0.2')];
const providers = (provider: string, extraConfig: Record<string, string> = {}) => ({ providers: [{ provider, enabled: true, extraConfig: { cidrV4: '192.168.0.0/16', ...extraConfig } }] });

/** CNI variants: every value path of the Tigera values generator, and the CNIs without a chart. */
const VARIANTS: Record<string, Record<string, unknown>> = {
  calico: {},
  'calico-airgap-ipvs': {
    airgap: { enabled: true },
    registries: { imageRegistry: { url: 'reg.example.com/mke' }, chartRegistry: { url: 'oci://reg.example.com/charts' } },
    network: { kubeProxy: { mode: 'ipvs' }, nodePortRange: '32000-34000' },
  },
  'calico-bpf-debug': { network: providers('calico', { linuxDataplane: 'BPF', loglevel: 'Debug' }) },
  kuberouter: { network: providers('kuberouter') },
  custom: { network: providers('custom') },
};

/** Compiled once per Calico version: the CRD is large. */
const validators = new Map<string, ReturnType<typeof loadCrdFile>>();
function crdValidator(file: string): ReturnType<typeof loadCrdFile> {
  let v = validators.get(file);
  if (!v) validators.set(file, (v = loadCrdFile(file)));
  return v;
}

const chartDir = (chart: string, version: string) => join(SHARED, 'charts', chart, version);
const topKeys = (file: string) => Object.keys(parse(readFileSync(file, 'utf8')) as Record<string, unknown>);

/** Felix fields we write under `defaultFelixConfiguration` (projectcalico/calico api/pkg/apis/projectcalico/v3/felixconfig.go). */
const FELIX_FIELDS = ['enabled', 'kubeNodePortRanges'];

/** kcm's vendored chart for a k0rdent version: same major.minor, the newest patch not above it. */
function kcmChartVersion(version: string): string | undefined {
  const [maj, min] = version.split('.');
  const have = ['0.2.0', '1.1.0', '1.2.0', '1.3.1'].filter((v) => v.startsWith(`${maj}.${min}.`));
  return have[have.length - 1];
}

describeShared('Tigera operator values against the upstream chart and Installation CRD, every release × CNI', () => {
  const cases = RELEASES.flatMap((release) => Object.keys(VARIANTS).map((variant) => [release, variant] as const));

  test.each(cases)('%s %s', (release, variant) => {
    const doc = k0sctlOf(clusterFromSpec({ version: `v${release}`, hosts, ...VARIANTS[variant] }));
    const chart = doc.spec.k0s.config.spec.extensions?.helm?.charts.find((c) => c.name === 'tigera-operator');
    if (!variant.startsWith('calico')) {
      expect(chart).toBeUndefined();
      return;
    }
    expect(chart?.version).toBe(releaseInfo(release as MkeRelease).charts['tigera-operator']?.version);
    const upstream = upstreamCalicoVersion(chart!.version);
    const dir = chartDir('tigera-operator', upstream);
    expect(existsSync(join(dir, 'values.yaml'))).toBe(true);
    const values = parse(chart!.values ?? '') as Record<string, unknown>;
    const known = topKeys(join(dir, 'values.yaml'));
    expect(Object.keys(values).filter((k) => !known.includes(k))).toEqual([]);
    const felix = values.defaultFelixConfiguration as Record<string, unknown> | undefined;
    if (felix) expect(Object.keys(felix).filter((k) => !FELIX_FIELDS.includes(k))).toEqual([]);
    // What the chart renders as the Installation (custom-resources.yaml of that version).
    const { enabled: _enabled, ...installSpec } = values.installation as Record<string, unknown>;
    const spec = known.includes('kubeletVolumePluginPath')
      ? { ...installSpec, kubeletVolumePluginPath: values.kubeletVolumePluginPath ?? (parse(readFileSync(join(dir, 'values.yaml'), 'utf8')) as Record<string, unknown>).kubeletVolumePluginPath }
      : installSpec;
    if (!known.includes('kubeletVolumePluginPath')) expect(values).not.toHaveProperty('kubeletVolumePluginPath');
    expect(spec.kubeletVolumePluginPath).toBe(release === '4.1.0' || release === '4.1.1' ? '/var/lib/k0s/kubelet' : '/var/lib/kubelet');
    const validate = crdValidator(join(dir, 'installation-crd.yaml'));
    expect(validate({ apiVersion: 'operator.tigera.io/v1', kind: 'Installation', metadata: { name: 'default' }, spec })).toEqual([]);
  });

  test('the CRD check can fail: a list where the CRD wants a map, an unknown field', () => {
    const validate = crdValidator(join(chartDir('tigera-operator', '3.31.5'), 'installation-crd.yaml'));
    const bad = validate({ apiVersion: 'operator.tigera.io/v1', kind: 'Installation', metadata: { name: 'default' }, spec: { controlPlaneNodeSelector: ['x'], notAField: 1 } });
    expect(bad.length).toBeGreaterThanOrEqual(2);
  });
});

describeShared('kcm chart values against kcm values.yaml, every release', () => {
  test.each(RELEASES)('%s', (release) => {
    const doc = k0sctlOf(clusterFromSpec({ version: `v${release}`, hosts }));
    const chart = doc.spec.k0s.config.spec.extensions?.helm?.charts.find((c) => c.name === 'kcm');
    const version = kcmChartVersion(chart!.version);
    expect(version).toBeDefined();
    const known = topKeys(join(chartDir('kcm', version!), 'values.yaml'));
    // `k0rdent-ui` is the k0rdent Enterprise chart's UI sub-chart (docs.mirantis.com/k0rdent-enterprise,
    // install-k0rdent: `--set k0rdent-ui.enabled=false`); the rest are kcm's own values.
    const values = parse(chart!.values ?? '{}') as Record<string, unknown>;
    expect(Object.keys(values).filter((k) => k !== 'k0rdent-ui' && !known.includes(k))).toEqual([]);
  });
});
