/**
 * Regression tests of the airgap audit: each reads what the consuming component pulls at run time
 * (the upstream template cited next to the fix) and checks that synth points it at the mirror and
 * that `mke4k airgap` lists it where the cluster will pull it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { MkeClusterSpec } from '../../lib/cluster';
import { airgapProblems } from '../../lib/control-plane/airgap-check';
import { imageHost } from '../../lib/config/image-rewrite';
import { MkeRelease, releaseInfo } from '../../lib/config/releases';
import { airgapList, upstreamCalicoVersion } from '../../lib/views/airgap/list';
import { everyServiceSpec, synthSpec } from '../control-plane/fixtures';
import { HAVE_SHARED, SHARED } from '../corpus';

const REG = 'registry.example.com/mke';
const CHARTS = `oci://${REG}`;
const RELEASES: MkeRelease[] = ['4.1.0', '4.1.2', '4.1.5', '4.2.0'];

function airgapped(release: MkeRelease): MkeClusterSpec {
  const s = everyServiceSpec(`v${release}`) as MkeClusterSpec & { addons?: unknown; services?: unknown };
  // A public add-on and an existing ServiceTemplate are the user's to mirror; the rest must pass.
  const { addons: _a, services: _s, ...rest } = s;
  return { ...rest, airgap: { enabled: true }, registries: { chartRegistry: { url: CHARTS }, imageRegistry: { url: REG } } } as MkeClusterSpec;
}

const synths = new Map<string, ReturnType<typeof synthSpec>>();
function synth(release: MkeRelease, delivery: 'operator' | 'k0rdent') {
  const key = `${release}/${delivery}`;
  if (!synths.has(key)) synths.set(key, synthSpec(airgapped(release), delivery));
  return synths.get(key)!;
}
const imageTargets = (release: MkeRelease, delivery: 'operator' | 'k0rdent') =>
  airgapList(synth(release, delivery).cluster).entries.filter((e) => e.kind === 'image' && e.target).map((e) => e.target!);

describe('Tigera chart: the operator init container create-initial-resources (calicoctl)', () => {
  // projectcalico/calico charts/tigera-operator/templates/tigera-operator/02-tigera-operator.yaml:
  // `image: {{.Values.calicoctl.image}}:{{.Values.calicoctl.tag}}` in every Calico version we ship.
  test.each(RELEASES)('MKE %s: calicoctl.image is the mirror and the list has it with the chart tag', (release) => {
    const s = synth(release, 'operator');
    const tigera = s.cluster.k0sctl.clusterConfigSpec().extensions!.helm!.charts.find((c) => c.name === 'tigera-operator')!;
    const values = parseYaml(tigera.values!) as { calicoctl?: { image?: string } };
    expect(values.calicoctl?.image).toBe(`${REG}/calico/ctl`);
    const version = upstreamCalicoVersion(releaseInfo(release).charts['tigera-operator']!.version);
    const tag = version.startsWith('3.31') || version.startsWith('3.30') || version.startsWith('3.29') ? `v${version}` : '';
    expect(imageTargets(release, 'operator')).toContain(`${REG}/calico/ctl:${tag}`);
  });

  (HAVE_SHARED ? test : test.skip).each(RELEASES)('MKE %s: the listed calicoctl tag is the chart values\' calicoctl.tag', (release) => {
    const version = upstreamCalicoVersion(releaseInfo(release).charts['tigera-operator']!.version);
    const defaults = parseYaml(readFileSync(join(SHARED, 'charts', 'tigera-operator', version, 'values.yaml'), 'utf8')) as { calicoctl: { image: string; tag: string } };
    expect(imageHost(defaults.calicoctl.image)).not.toBe('');
    expect(imageTargets(release, 'operator')).toContain(`${REG}/${defaults.calicoctl.image.slice(imageHost(defaults.calicoctl.image).length + 1)}:${defaults.calicoctl.tag}`);
  });

  test('a Calico values.yaml without calicoctl.image fails the airgap check', () => {
    const s = synth('4.2.0', 'operator');
    const k0sctl = JSON.parse(JSON.stringify(s.cluster.k0sctlObject())) as { spec: { k0s: { config: { spec: { extensions: { helm: { charts: { name: string; values?: string }[] } } } } } } };
    const chart = k0sctl.spec.k0s.config.spec.extensions.helm.charts.find((c) => c.name === 'tigera-operator')!;
    const values = parseYaml(chart.values!) as Record<string, unknown>;
    delete values.calicoctl;
    chart.values = `${JSON.stringify(values)}\n`;
    const problems = airgapProblems({ spec: s.cluster.spec, k0sctlObject: () => k0sctl, manifestObjects: () => [] });
    expect(problems.map((p) => p.path)).toContain('k0sctl.yaml spec.k0s.config.spec.extensions.helm.charts[tigera-operator].values calicoctl.image');
  });
});
