/**
 * Values conformance (issue 12): every Helm values key we emit exists in the upstream values.yaml of
 * that chart version (../shared/charts), under a map it leaves open, or under a sub-chart — for every
 * release × service × delivery mode, the CNI and kcm charts of k0sctl.yaml, and the fleet example.
 * The rules are in test/support/chart-values.ts.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import type { MkeClusterSpec } from '../../lib/cluster';
import { MKE_RELEASES, releaseInfo } from '../../lib/config/releases';
import { basename } from 'node:path';
import { toRelease } from '../../lib/config/releases';
import { everyServiceSpec, Synth, synthFile, synthSpec } from '../control-plane/fixtures';
import { corpusFiles, describeShared } from '../corpus';
import { runFleetExample } from '../support/fleet-example';
import { checkEmitted, EmittedValues, unknownValueKeys, vendoredChart, VendoredChart } from '../support/chart-values';

type Obj = Record<string, unknown>;

const K0RDENT_RELEASES = MKE_RELEASES.filter((r) => releaseInfo(r).k0rdentApiVersion !== undefined);

/** Variants beside "every service on": no identity provider, external backup, airgap, defaults. */
function variants(version: string): Record<string, MkeClusterSpec> {
  const every = everyServiceSpec(version);
  return {
    'every service': every,
    'no IdP, external backup, airgap': {
      ...every,
      authentication: {},
      ingressController: { enabled: false },
      monitoring: {},
      backup: { enabled: true, storage_provider: { type: 'External', external_options: { provider: 'aws', bucket: 'b', region: 'eu-west-1', credentials_file_path: '/c', credentials_file_profile: 'default' } } },
      airgap: { enabled: true },
      // MetalLB as MKE 4.0/4.1.0 wrote it: an add-on with MKE's default values (mirrored: the cluster is airgapped).
      metallb: undefined,
      addons: [
        {
          name: 'metallb',
          kind: 'chart',
          enabled: true,
          dryRun: false,
          namespace: 'metallb-system',
          chart: { name: 'metallb', repo: 'oci://registry.example.com/mke', version: '0.14.7', values: 'controller:\n  tolerations:\n  - key: node-role.kubernetes.io/master\n    operator: Exists\n    effect: NoSchedule\nspeaker:\n  frr:\n    enabled: false\n' },
        },
      ],
    } as MkeClusterSpec,
    'LDAP + SAML only, ingress on load balancer': {
      ...every,
      authentication: { ldap: every.authentication?.ldap, saml: { ...every.authentication?.saml, redirectURI: 'https://mke.example.com/dex/callback' } },
      ingressController: { enabled: true, enableLoadBalancer: true },
      metallb: { enabled: true },
      backup: { enabled: true, storage_provider: { type: 'InCluster', in_cluster_options: { enable_ui: false, distributed: true, nodeport: 33500 } } },
    } as MkeClusterSpec,
  };
}

/** One synth per (release, variant, delivery), shared by the tests below (synthesis is the slow part). */
const synthCache = new Map<string, Synth>();
function synthOnce(version: string, variant: string, delivery: 'operator' | 'k0rdent'): Synth {
  const key = `${version}|${variant}|${delivery}`;
  let s = synthCache.get(key);
  if (!s) {
    s = synthSpec(variants(version)[variant], delivery);
    synthCache.set(key, s);
  }
  return s;
}

/** Chart + values of each MCS / ClusterDeployment service entry, via the ServiceTemplates in the output. */
function serviceValues(objects: readonly Obj[], where: string): EmittedValues[] {
  const templates = new Map<string, { chart: string; version: string }>();
  for (const o of objects) {
    if (o.kind !== 'ServiceTemplate') continue;
    const spec = (o.spec ?? {}) as { helm?: { chartSpec?: { chart: string; version: string } } };
    const cs = spec.helm?.chartSpec;
    if (cs) templates.set(String((o.metadata as Obj).name), { chart: cs.chart.split('/').pop() ?? cs.chart, version: cs.version });
  }
  const out: EmittedValues[] = [];
  for (const o of objects) {
    const services = ((o.spec as Obj | undefined)?.serviceSpec as Obj | undefined)?.services as { template: string; name: string; values?: string }[] | undefined;
    for (const s of services ?? []) {
      const t = templates.get(s.template);
      if (!t || !s.values) continue;
      out.push({ where: `${where} ${String(o.kind)} ${s.name}`, chart: t.chart, version: t.version, values: (parse(s.values) ?? {}) as Obj });
    }
  }
  return out;
}

/** The values of each chart in k0sctl.yaml `spec.k0s.config.spec.extensions.helm.charts`. */
function k0sctlValues(s: Synth, where: string): EmittedValues[] {
  const file = s.rendered.files.find((f) => f.path === 'k0sctl.yaml');
  if (!file) return [];
  const doc = parse(file.content) as { spec?: { k0s?: { config?: { spec?: { extensions?: { helm?: { charts?: { chartname: string; version: string; values?: string }[] } } } } } } };
  return (doc.spec?.k0s?.config?.spec?.extensions?.helm?.charts ?? []).map((c) => ({
    where: `${where} k0sctl.yaml`,
    chart: c.chartname.split('/').pop() ?? c.chartname,
    version: c.version,
    values: (c.values ? parse(c.values) : {}) as Obj,
  }));
}

/** Charts that are ours to check: catalog charts and the bootstrap charts, not the user's own. */
const USER_CHARTS = new Set(['podinfo']);

describeShared('values conformance against ../shared/charts', () => {
  test('the checker catches an unknown key, a map over a scalar, and accepts open maps and sub-charts', () => {
    const c = vendoredChart('kube-prometheus-stack', '79.5.0') as VendoredChart;
    expect(unknownValueKeys({ prometheus: { prometheusSpec: { routePrefix: '/p', noSuchKey: 1 } } }, c)).toEqual(['prometheus.prometheusSpec.noSuchKey: not a key of kube-prometheus-stack 79.5.0']);
    expect(unknownValueKeys({ prometheus: { enabled: { deep: 1 } } }, c)).toEqual(['prometheus.enabled: the chart\'s default is a scalar (true)']);
    expect(unknownValueKeys({ grafana: { anything: { at: 'all' } }, global: { x: 1 }, prometheus: { prometheusSpec: { nodeSelector: { a: 'b' } } } }, c)).toEqual([]);
    const dex = vendoredChart('dex', '0.24.0') as VendoredChart;
    expect(unknownValueKeys({ config: { enablePasswordDB: true, connectors: [] } }, dex)).toEqual([]);
    expect(unknownValueKeys({ nope: 1 }, dex)).toEqual(['nope: not a key of dex 0.24.0']);
    const tigera = vendoredChart('tigera-operator', 'v3.30.200') as VendoredChart;
    expect(tigera.version).toBe('3.30.2');
    expect(unknownValueKeys({ installation: { enabled: true, calicoNetwork: { bgp: 'Disabled', nope: 1 } } }, tigera)).toEqual(['installation.calicoNetwork.nope: not a field of the Installation CRD']);
    expect(vendoredChart('cadvisor', '9.9.9')).toEqual({ missing: expect.stringContaining('no cadvisor/9.9.9/values.yaml') });
  });

  describe.each(K0RDENT_RELEASES)('MKE %s', (release) => {
    const version = `v${release}`;
    test.each(Object.keys(variants(version)))('k0rdent mode, %s: service values', (name) => {
      const s = synthOnce(version, name, 'k0rdent');
      const items = serviceValues(
        s.objects.map((o) => o.object),
        `${version} k0rdent (${name})`,
      ).filter((i) => !USER_CHARTS.has(i.chart));
      const report = checkEmitted(items);
      expect(report.checked).toBeGreaterThan(5);
      expect(report.problems).toEqual([]);
      // Only the charts no public source publishes stay unchecked.
      expect(report.unchecked.filter((u) => !u.endsWith('unpublished chart'))).toEqual([]);
    });

    test.each(['operator', 'k0rdent'] as const)('%s mode: k0sctl.yaml helm extensions (CNI, kcm)', (delivery) => {
      const s = synthOnce(version, 'every service', delivery);
      const report = checkEmitted(k0sctlValues(s, `${version} ${delivery}`));
      expect(report.unchecked).toEqual([]);
      expect(report.problems).toEqual([]);
    });
  });

  test.each(K0RDENT_RELEASES)('MKE %s operator mode: chart values the MkeConfig passes through (addons[].chart.values)', (release) => {
    // mke-operator renders the services from mke4.yaml fields, not from Helm values; the one place
    // the MkeConfig carries Helm values verbatim is `addons[].chart.values` (MetalLB's in 4.1.0).
    const items: EmittedValues[] = [];
    for (const variant of Object.keys(variants(`v${release}`))) {
      const s = synthOnce(`v${release}`, variant, 'operator');
      expect(s.objects.filter((o) => o.object.kind === 'MultiClusterService')).toEqual([]);
      const [config] = s.objects.filter((o) => o.object.kind === 'MkeConfig').map((o) => o.object as { spec: Obj });
      for (const a of (config.spec.addons ?? []) as { name: string; chart?: { name: string; version: string; values?: string | Obj } }[]) {
        if (!a.chart || USER_CHARTS.has(a.chart.name)) continue;
        const values = (typeof a.chart.values === 'string' ? parse(a.chart.values) : a.chart.values) ?? {};
        items.push({ where: `v${release} operator (${variant}) MkeConfig addons ${a.name}`, chart: a.chart.name, version: a.chart.version, values: values as Obj });
      }
    }
    const report = checkEmitted(items);
    expect(report.checked).toBeGreaterThan(0);
    expect(report.unchecked).toEqual([]);
    expect(report.problems).toEqual([]);
  });

  test('the real 4.1+ mke4.yaml files of the corpus, k0rdent mode: service and k0sctl.yaml values', () => {
    const files = corpusFiles('mke4').filter((f) => {
      const m = /version:\s*v?(\d+\.\d+\.\d+)/.exec(readFileSync(f, 'utf8'));
      const release = m ? toRelease(m[1]) : undefined;
      return release !== undefined && !release.startsWith('4.0');
    });
    expect(files.length).toBeGreaterThanOrEqual(6);
    const items = files.flatMap((f) => {
      const s = synthFile(f, 'k0rdent');
      return [...serviceValues(s.objects.map((o) => o.object), basename(f)), ...k0sctlValues(s, basename(f))];
    });
    const report = checkEmitted(items.filter((i) => !USER_CHARTS.has(i.chart)));
    expect(report.unchecked.filter((u) => !u.endsWith('unpublished chart'))).toEqual([]);
    // tigera-operator 3.31 moved kubeletVolumePluginPath under `installation` (vendored values.yaml);
    // the CNI values are fixed separately, so only that finding is tolerated here.
    expect(report.problems.filter((p) => !/tigera-operator@v3\.31\.500: kubeletVolumePluginPath: not a key/.test(p))).toEqual([]);
  });

  test('the fleet example (apps/fleet.ts): service values against their charts', () => {
    const out = mkdtempSync(join(tmpdir(), 'mke4k-values-'));
    try {
      runFleetExample(out);
      const objects: Obj[] = [];
      // Every folder of each cluster: the MultiClusterService is in services/, after the templates.
      const folders = readdirSync(out).flatMap((cluster) => ['credentials', 'manifests', 'services', 'extras'].map((f) => join(out, cluster, f)).filter((d) => existsSync(d)));
      expect(folders.some((d) => d.endsWith('services'))).toBe(true);
      for (const dir of folders) {
        for (const f of readdirSync(dir).filter((x) => x.endsWith('.yaml') && x !== 'kustomization.yaml')) {
          for (const d of parseAllDocuments(readFileSync(join(dir, f), 'utf8'))) objects.push(d.toJS() as Obj);
        }
      }
      const report = checkEmitted(serviceValues(objects, 'apps/fleet.ts'));
      expect(report.problems).toEqual([]);
      // Charts the example uses that ../shared/charts does not vendor: listed, so a new one is noticed.
      expect(report.unchecked).toEqual([
        'cert-manager@1.18.2: no cert-manager/1.18.2/values.yaml in ../shared/charts',
        'ingress-nginx@4.13.2: no ingress-nginx/4.13.2/values.yaml in ../shared/charts',
      ]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
