/**
 * The upgrade planner: the ladder for every pair of releases, migration rules on small files written
 * here, and golden migrated files for the real corpus configs (skipped without ../shared).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { initHost, initSpec } from '../../lib/config/defaults';
import { loadMkeConfig } from '../../lib/config/load';
import { compareReleases, MKE_RELEASES, MkeRelease } from '../../lib/config/releases';
import { diffSpecs } from '../../lib/diff/spec-diff';
import { mke4Document } from '../../lib/output/mke4-document';
import { formatUpgradePlan, upgradePlanJson } from '../../lib/views/upgrade/format';
import { upgradeLadder } from '../../lib/views/upgrade/ladder';
import { planUpgrade, UpgradePlan } from '../../lib/views/upgrade/plan';
import { CORPUS, describeShared, HAVE_SHARED } from '../corpus';

const minor = (r: string) => r.split('.').slice(0, 2).join('.');
const initFile = (r: MkeRelease) => mke4Document('lab', { ...initSpec(r), hosts: [initHost(r)] });

function migrated(plan: UpgradePlan): string {
  if (plan.migrated === undefined) throw new Error(`no migrated file: ${JSON.stringify(plan.diagnostics)}`);
  return plan.migrated;
}

describe('upgrade ladder: every pair of supported releases', () => {
  for (const from of MKE_RELEASES) {
    for (const to of MKE_RELEASES) {
      it(`${from} → ${to}`, () => {
        const ladder = upgradeLadder(from, to);
        const order = compareReleases(to, from);
        if (order === 0) {
          expect(ladder.hops).toEqual([]);
          return;
        }
        if (order < 0) {
          expect(ladder.blocked?.reason).toMatch(/downgrade/);
          return;
        }
        if (minor(from) === '4.0' && minor(to) !== '4.0') {
          expect(ladder.blocked?.reason).toMatch(/Blueprint operator/);
          expect(ladder.blocked?.procedure.length).toBeGreaterThan(2);
          return;
        }
        if (to === '4.1.3') {
          expect(ladder.blocked?.reason).toMatch(/fresh installations only/);
          return;
        }
        const hops = ladder.hops!;
        expect(hops[0].from).toBe(from);
        expect(hops[hops.length - 1].to).toBe(to);
        for (let i = 0; i < hops.length; i++) {
          expect(compareReleases(hops[i].to, hops[i].from)).toBeGreaterThan(0);
          if (i) expect(hops[i].from).toBe(hops[i - 1].to);
          // One minor at a time.
          expect(Number(minor(hops[i].to).split('.')[1]) - Number(minor(hops[i].from).split('.')[1])).toBeLessThanOrEqual(1);
          expect(hops[i].mkectl).toBe(hops[i].to);
          expect(hops[i].to).not.toBe('4.1.3');
        }
        // The documented table: 4.1.0–4.1.3 → 4.1.5 directly.
        if (to === '4.1.5' && ['4.1.0', '4.1.1', '4.1.2', '4.1.3'].includes(from)) expect(hops).toEqual([expect.objectContaining({ from, to, verified: true })]);
        // Across minors, through the newest patch of the current line.
        if (from === '4.1.2' && to === '4.2.0') expect(hops.map((h) => h.to)).toEqual(['4.1.5', '4.2.0']);
      });
    }
  }
});

describe('upgrade plan of each release default config to every later release', () => {
  for (const from of MKE_RELEASES) {
    for (const to of MKE_RELEASES) {
      if (compareReleases(to, from) <= 0 || upgradeLadder(from, to).blocked) continue;
      it(`${from} → ${to}: the migrated file validates for ${to}`, () => {
        const plan = planUpgrade(initFile(from), to);
        expect(plan.diagnostics).toEqual([]);
        const loaded = loadMkeConfig(migrated(plan));
        expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(loaded.config?.release).toBe(to);
        expect(plan.steps.length).toBeGreaterThan(0);
        expect(plan.steps[plan.steps.length - 1].migrations).toContainEqual(expect.objectContaining({ path: 'spec.version', new: `v${to}` }));
      });
    }
  }
});

const FILE_412 = `# our lab cluster
apiVersion: mke.mirantis.com/v1alpha1
kind: MkeConfig
metadata:
  name: lab
  namespace: mke
spec:
  hosts:
  - role: controller+worker
    ssh: {address: 10.0.0.1, keyPath: /root/.ssh/id_rsa, user: root}
  - role: controller+worker
    ssh: {address: 10.0.0.2, keyPath: /root/.ssh/id_rsa, user: root}
  - role: controller+worker
    ssh: {address: 10.0.0.3, keyPath: /root/.ssh/id_rsa, user: root}
  apiServer:
    externalAddress: mke.lab.example.com  # the VIP's name
  network:
    cplb:
      disabled: false
      controlPlaneLoadBalancing:
        enabled: true
        keepalived:
          # one instance per VIP
          vrrpInstances:
          - virtualIPs: [10.0.0.100/24]
            authPass: s3cr3tpw
    nllb:
      disabled: true
  version: v4.1.2
`;

describe('migration rules', () => {
  it('keeps comments, renames cplb with its keepalived settings, drops nllb, keeps ingress-nginx and moves the gateway NodePorts', () => {
    const plan = planUpgrade(FILE_412, '4.2.0', { file: 'lab.yaml' });
    const text = migrated(plan);
    expect(text).toContain('# our lab cluster');
    expect(text).toContain('# the VIP\'s name');
    expect(text).toContain('# one instance per VIP');
    const doc = parse(text);
    expect(doc.spec.network.cplb).toBeUndefined();
    expect(doc.spec.network.nllb).toBeUndefined();
    expect(doc.spec.network.controlPlaneLoadBalancing).toEqual({ enabled: true, keepalived: { vrrpInstances: [{ virtualIPs: ['10.0.0.100/24'], authPass: 's3cr3tpw' }] } });
    // 4.1.2 ran ingress-nginx by default on NodePorts 33000/33001: it stays, and the gateway moves.
    expect(doc.spec.ingressController).toEqual({ enabled: true, nodePorts: { http: 33000, https: 33001 } });
    expect(doc.spec.gatewayMKEIngress.nodePorts).toEqual({ http: 34000, https: 34001 });
    expect(doc.spec.version).toBe('v4.2.0');
    const loaded = loadMkeConfig(text);
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // The rename changes nothing on the nodes.
    expect(plan.steps[1].impacts.map((i) => i.impact).join('\n')).not.toMatch(/load balancing/);
    expect(plan.steps[0].manual.map((m) => m.text).join('\n')).toMatch(/NodePort 34001/);
  });

  // The load balancing compared is what k0s gets (k0s pkg/apis/k0s/v1beta1/cplb.go VRRPInstance), 4.2's
  // virtualIPs shape included: its authPass and virtualRouterID are derived (lib/k0s/to-k0s-network.ts).
  const converted = (keepalived: string) =>
    FILE_412.replace(
      /    cplb:\n[\s\S]*?    nllb:/,
      `    cplb:\n      disabled: false\n      controlPlaneLoadBalancing:\n        enabled: true\n        keepalived:\n${keepalived}    controlPlaneLoadBalancing:\n      enabled: true\n      virtualIPs: [10.0.0.100/24]\n    nllb:`,
    );
  const lbImpacts = (text: string) => planUpgrade(text, '4.2.0').steps.flatMap((st) => st.impacts.filter((i) => /load balancing/.test(i.impact)).flatMap((i) => i.paths));

  it('a file already converted to 4.2 virtualIPs: dropping the 4.1 block changes nothing on the nodes (was: reported as a load-balancing restart)', () => {
    const text = converted('          vrrpInstances: []\n');
    expect(loadMkeConfig(text).config).toBeDefined();
    const plan = planUpgrade(text, '4.2.0');
    expect(plan.steps[plan.steps.length - 1].migrations).toContainEqual(expect.objectContaining({ kind: 'removed', path: 'spec.network.cplb' }));
    expect(lbImpacts(text)).toEqual([]);
  });

  it('but a 4.1 VRRP instance replaced by virtualIPs is a real change (its authPass becomes the derived one): reported', () => {
    expect(lbImpacts(converted('          vrrpInstances:\n          - virtualIPs: [10.0.0.100/24]\n            authPass: s3cr3tpw\n'))).toContain('spec.network.cplb');
  });

  it('never prints a secret value, in text or JSON', () => {
    const plan = planUpgrade(FILE_412, '4.2.0');
    expect(formatUpgradePlan(plan)).not.toContain('s3cr3tpw');
    expect(JSON.stringify(upgradePlanJson(plan))).not.toContain('s3cr3tpw');
  });

  it('an explicit ingress-nginx off is respected and leaves the gateway ports alone', () => {
    const text = FILE_412.replace('  version: v4.1.2', '  ingressController:\n    enabled: false\n  version: v4.1.2');
    const doc = parse(migrated(planUpgrade(text, '4.1.5')));
    expect(doc.spec.ingressController).toEqual({ enabled: false });
    expect(doc.spec.gatewayMKEIngress).toBeUndefined();
  });

  it('node-local load balancing that was on becomes a thing to do by hand', () => {
    const text = FILE_412.replace('  apiServer:\n    externalAddress: mke.lab.example.com  # the VIP\'s name\n', '').replace('nllb:\n      disabled: true', 'nllb:\n      disabled: false').replace('disabled: false\n      controlPlaneLoadBalancing:\n        enabled: true', 'disabled: true\n      controlPlaneLoadBalancing:\n        enabled: false');
    const plan = planUpgrade(text, '4.2.0');
    const last = plan.steps[plan.steps.length - 1];
    expect(last.migrations).toContainEqual(expect.objectContaining({ kind: 'removed', path: 'spec.network.nllb' }));
    expect(last.manual.map((m) => m.text).join('\n')).toMatch(/node-local load balancing was on/);
  });

  it('a gateway that would fall outside a narrowed NodePort range gets ports inside it', () => {
    const text = FILE_412.replace('    nllb:\n      disabled: true\n', '    nllb:\n      disabled: true\n    nodePortRange: 30000-32767\n').replace('  version: v4.1.2', '  ingressController:\n    enabled: false\n  version: v4.1.2');
    const doc = parse(migrated(planUpgrade(text, '4.1.5')));
    expect(doc.spec.gatewayMKEIngress.nodePorts).toEqual({ http: 30000, https: 30001 });
  });

  it('the default kubelet root dir of a 4.1.0/4.1.1 cluster is written out', () => {
    const plan = planUpgrade(initFile('4.1.1'), '4.1.5');
    expect(parse(migrated(plan)).spec.kubelet.kubeletRootDir).toBe('/var/lib/k0s/kubelet');
    expect(plan.steps[0].impacts.map((i) => i.impact).join('\n')).not.toMatch(/kubelet/);
  });

  it('an enabled kube-router stays on 4.2 and is flagged; disabled ones go', () => {
    const text = initFile('4.1.5').replace(/providers:\n([\s\S]*?)serviceCIDR/, (m) => m);
    const spec = parse(text);
    spec.spec.network.providers = [
      { enabled: false, provider: 'calico' },
      { enabled: false, provider: 'custom' },
      { enabled: true, provider: 'kuberouter', extraConfig: { cidrV4: '192.168.0.0/16' } },
    ];
    const plan = planUpgrade(mke4Document('lab', spec.spec), '4.2.0');
    const doc = parse(migrated(plan));
    expect(doc.spec.network.providers.map((p: { provider: string }) => p.provider)).toEqual(['calico', 'custom', 'kuberouter']);
    expect(plan.steps[0].migrations).toContainEqual(expect.objectContaining({ kind: 'review', path: 'spec.network.providers[kuberouter]' }));
  });

  it('refuses downgrades, 4.0 → 4.1 and upgrades to 4.1.3 with the reason; writes no file', () => {
    for (const [from, to] of [['4.2.0', '4.1.5'], ['4.0.1', '4.1.5'], ['4.1.2', '4.1.3']] as const) {
      const plan = planUpgrade(initFile(from), to);
      expect(plan.blocked).toBeDefined();
      expect(plan.migrated).toBeUndefined();
      expect(formatUpgradePlan(plan)).toMatch(/not possible/);
    }
  });

  it('reports invalid input and an unknown target as diagnostics', () => {
    expect(planUpgrade('kind: Bar\n', '4.2.0').diagnostics.some((d) => d.severity === 'error')).toBe(true);
    expect(planUpgrade(initFile('4.1.5'), '9.9.9').diagnostics).toEqual([expect.objectContaining({ code: 'unsupported-version' })]);
  });

  it('takes a loaded config too (library use)', () => {
    const loaded = loadMkeConfig(initFile('4.1.5')).config!;
    const plan = planUpgrade(loaded, '4.2.0');
    expect(loadMkeConfig(migrated(plan)).config?.release).toBe('4.2.0');
  });
});

const CORPUS_CASES: [string, MkeRelease][] = [
  ['conformance-4.1.0.yaml', '4.1.5'],
  ['terraform-mke-init-4.1.2.yaml', '4.2.0'],
  ['terraform-mke-tmpl-4.1.5.yaml', '4.2.0'],
  ['terraform-openstack-4.1.3.yaml', '4.2.0'],
];
const corpusTitle = (name: string, to: string) => `${name} → ${to}: golden migrated file and plan; diff old new shows only the migration`;

if (!HAVE_SHARED) {
  // Without ../shared the golden tests stay registered (skipped), so their snapshots are not obsolete.
  describe('upgrade of the real corpus configs', () => {
    for (const [name, to] of CORPUS_CASES) test.skip(corpusTitle(name, to), () => undefined);
  });
}

describeShared('upgrade of the real corpus configs', () => {
  for (const [name, to] of CORPUS_CASES) {
    it(corpusTitle(name, to), () => {
      const text = readFileSync(join(CORPUS, 'mke4', name), 'utf8');
      const plan = planUpgrade(text, to, { file: name });
      const out = migrated(plan);
      expect(out).toMatchSnapshot('migrated mke4.yaml');
      expect(formatUpgradePlan(plan)).toMatchSnapshot('plan');
      const before = loadMkeConfig(text).config!;
      const after = loadMkeConfig(out).config!;
      expect(after.release).toBe(to);
      // Every difference of the normalized specs is an edit the plan names or a default it lists.
      const named = plan.steps.flatMap((s) => [...s.migrations.map((m) => m.path), ...(s.migrations.flatMap((m) => (m.from ? [m.from] : []))), ...s.defaults.map((d) => d.path)]);
      for (const change of diffSpecs({ name: before.name, spec: before.spec }, { name: after.name, spec: after.spec })) {
        expect(named.some((p) => change.path === p || change.path.startsWith(`${p}.`) || change.path.startsWith(`${p}[`) || p.startsWith(`${change.path}.`))).toBe(true);
      }
    });
  }

  it('a 4.0 file is refused with the documented procedure', () => {
    const plan = planUpgrade(readFileSync(join(CORPUS, 'mke4', 'terraform-addons-4.0.yaml'), 'utf8'), '4.1.5');
    expect(plan.blocked?.procedure.join('\n')).toMatch(/mke4k init --mke-version 4.1.5/);
  });
});
