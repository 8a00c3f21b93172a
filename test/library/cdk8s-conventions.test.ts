/**
 * The cdk8s way works: `MkeApp.synth()` writes our layout, a plain `App.synth()` fails loudly,
 * warnings are printed at synth and kept on `cluster.warnings`, services compose under a cluster,
 * and `MkeTesting.synth` gives a cluster's files for snapshots.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { Delivery, IngressNginx, MetalLb, MkeApp, MkeCluster, MkeClusterSpec, MkeTesting, MkeValidationError, synthesize, UserService } from '../../lib';

const SPEC: MkeClusterSpec = { version: 'v4.2.0', hosts: [{ role: 'single', ssh: { address: '10.0.0.5', keyPath: '~/.ssh/id_rsa' } }] };

let outdir: string;
beforeEach(() => {
  outdir = mkdtempSync(join(tmpdir(), 'mke4k-app-'));
});
afterEach(() => rmSync(outdir, { recursive: true, force: true }));

function captureStderr(run: () => void): string {
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    run();
    return spy.mock.calls.map((c) => String(c[0])).join('');
  } finally {
    spy.mockRestore();
  }
}

function kinds(objects: unknown): string[] {
  return (objects as { kind: string; metadata: { name: string } }[]).map((o) => `${o.kind}/${o.metadata.name}`);
}

describe('MkeApp', () => {
  test('synth() writes <outdir>/<name>/ in our layout with overrides applied, not cdk8s files', () => {
    const app = new MkeApp({ outdir });
    const prod = new MkeCluster(app, 'prod', { spec: SPEC });
    prod.addOverride('k0sctl', 'spec.options', { drain: { gracePeriod: '5m' } });
    app.synth();
    expect(readdirSync(outdir)).toEqual(['prod']);
    expect(readdirSync(join(outdir, 'prod')).sort()).toEqual(['k0sctl.yaml', 'manifests', 'secrets.env.example', 'services']);
    expect(readdirSync(join(outdir, 'prod', 'manifests'))).toContain('kustomization.yaml');
    expect(readFileSync(join(outdir, 'prod', 'k0sctl.yaml'), 'utf8')).toContain('gracePeriod: 5m');
  });

  test('outdir defaults to $CDK8S_OUTDIR (what cdk8s synth sets)', () => {
    const saved = process.env.CDK8S_OUTDIR;
    process.env.CDK8S_OUTDIR = outdir;
    try {
      const app = new MkeApp();
      new MkeCluster(app, 'lab', { spec: SPEC });
      app.synth();
      expect(existsSync(join(outdir, 'lab', 'k0sctl.yaml'))).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.CDK8S_OUTDIR;
      else process.env.CDK8S_OUTDIR = saved;
    }
  });

  test('an invalid cluster writes nothing and throws MkeValidationError', () => {
    const app = new MkeApp({ outdir });
    const prod = new MkeCluster(app, 'prod', { spec: SPEC });
    prod.addOverride({ kind: 'Nope', name: 'x' }, 'spec.a', 1);
    expect(() => app.synth()).toThrow(MkeValidationError);
    expect(readdirSync(outdir)).toEqual([]);
  });

  test('synthYaml() gives every YAML file of every cluster, each under a path comment', () => {
    const app = new MkeApp({ outdir });
    new MkeCluster(app, 'prod', { spec: SPEC });
    const text = app.synthYaml();
    expect(text).toContain('# prod/k0sctl.yaml\n');
    expect(text).toContain('# prod/services/40-mke-config.yaml\n');
    expect(text).not.toContain('secrets.env.example');
    expect(MkeApp.isMkeApp(app)).toBe(true);
    expect(MkeApp.isMkeApp(new App({ outdir }))).toBe(false);
  });
});

describe('a plain cdk8s App', () => {
  test('App.synth() of an MkeCluster fails loudly and names the fix', () => {
    const app = new App({ outdir });
    new MkeCluster(app, 'prod', { spec: SPEC });
    expect(() => app.synth()).toThrow(/cannot be synthesized by cdk8s's App\.synth\(\).*new MkeApp\(\)/);
    expect(readdirSync(outdir).filter((f) => f.endsWith('.k8s.yaml'))).toEqual([]);
  });

  test('synthesize(app) still writes our layout from a plain App', () => {
    const app = new App({ outdir });
    new MkeCluster(app, 'prod', { spec: SPEC });
    synthesize(app, outdir);
    expect(existsSync(join(outdir, 'prod', 'k0sctl.yaml'))).toBe(true);
  });

  test('a plain App without clusters is untouched', () => {
    const app = new App({ outdir });
    new Chart(app, 'c');
    expect(() => app.synth()).not.toThrow();
  });
});

describe('warnings at synth', () => {
  const withTypo = { ...SPEC, monitoring: { enableGrafanna: true } } as unknown as MkeClusterSpec;

  test('kept on cluster.warnings and printed on stderr, one line each', () => {
    const app = new MkeApp({ outdir });
    const cluster = new MkeCluster(app, 'prod', { spec: withTypo });
    expect(cluster.warnings.map((w) => w.code)).toContain('unknown-key');
    const stderr = captureStderr(() => app.synth());
    const lines = stderr.trimEnd().split('\n');
    const line = lines.find((l) => l.includes('unknown-key'));
    expect(line).toMatch(/^mke4k-cdk8s: prod: warning unknown-key: spec\.monitoring\.enableGrafanna: unknown key "enableGrafanna" \(ignored\) \(hint: did you mean "enableGrafana"\?\)$/);
    expect(lines.every((l) => l.startsWith('mke4k-cdk8s: '))).toBe(true);
  });

  test('synthesize(app) prints them too; `ignore` keeps quiet; `error` fails like --strict and writes nothing', () => {
    const app = new App({ outdir });
    new MkeCluster(app, 'prod', { spec: withTypo });
    expect(captureStderr(() => synthesize(app, outdir))).toContain('warning unknown-key');
    expect(captureStderr(() => synthesize(app, outdir, 'ignore'))).toBe('');
    const strict = new MkeApp({ outdir: join(outdir, 'strict'), warnings: 'error' });
    new MkeCluster(strict, 'prod', { spec: withTypo });
    expect(() => strict.synth()).toThrow(/unknown-key: spec\.monitoring\.enableGrafanna/);
    expect(existsSync(join(outdir, 'strict', 'prod'))).toBe(false);
  });

  test('a valid cluster prints nothing', () => {
    const app = new MkeApp({ outdir });
    // Without encryption at rest on purpose: the default encryptionProvider is warned about (not written to k0sctl.yaml).
    new MkeCluster(app, 'prod', { spec: { ...SPEC, apiServer: { encryptionProvider: '' } } });
    expect(captureStderr(() => app.synth())).toBe('');
  });
});

describe('services compose', () => {
  const build = (delivery: Delivery) => {
    const app = MkeTesting.app();
    const prod = new MkeCluster(app, 'prod', { spec: SPEC, delivery });
    const metallb = new MetalLb(prod, 'metallb');
    metallb.addIpAddressPool('pool', { name: 'lb', addresses: ['192.0.2.10-192.0.2.20'] });
    metallb.addL2Advertisement('l2', { name: 'lb' });
    prod.addService(new IngressNginx(prod, 'ingress', {}));
    return { prod, metallb, files: MkeTesting.synth(prod) };
  };

  test('operator mode: sections in the MkeConfig, pools in 50-extras', () => {
    const { prod, metallb, files } = build('operator');
    const mkeConfig = (files['services/40-mke-config.yaml'] as { spec: Record<string, { enabled?: boolean }> }[])[0];
    expect(mkeConfig.spec.metallb?.enabled).toBe(true);
    expect(mkeConfig.spec.ingressController?.enabled).toBe(true);
    expect(kinds(files['extras/50-extras.yaml'])).toEqual(['IPAddressPool/lb', 'L2Advertisement/lb']);
    expect(metallb.release).toBe(prod.release);
    expect(prod.findService(MetalLb)).toBe(metallb);
    expect(prod.services).toContain(metallb);
  });

  test('k0rdent mode: ServiceTemplates and MultiClusterService entries, pools in 50-extras', () => {
    const { files } = build('k0rdent');
    const templates = kinds(files['manifests/20-templates.yaml']).join(' ');
    expect(templates).toMatch(/ServiceTemplate\/metallb-/);
    expect(templates).toMatch(/ServiceTemplate\/ingress-nginx-/);
    const mcs = (files['services/30-services.yaml'] as { kind: string; spec?: { serviceSpec?: { services?: { name: string }[] } } }[]).find((o) => o.kind === 'MultiClusterService');
    expect(mcs?.spec?.serviceSpec?.services?.map((s) => s.name)).toEqual(expect.arrayContaining(['metallb', 'ingress-nginx']));
    expect(kinds(files['extras/50-extras.yaml'])).toEqual(expect.arrayContaining(['IPAddressPool/lb', 'L2Advertisement/lb']));
  });

  test('a service the spec already enables is found, not duplicated', () => {
    const app = MkeTesting.app();
    const prod = new MkeCluster(app, 'prod', { spec: { ...SPEC, metallb: { enabled: true } } });
    expect(() => new MetalLb(prod, 'metallb')).toThrow(/already has a service with id 'metallb'.*findService/);
    prod.findService(MetalLb)!.addIpAddressPool('pool', { name: 'lb', addresses: ['192.0.2.0/28'] });
    expect(kinds(MkeTesting.synth(prod)['extras/50-extras.yaml'])).toEqual(['IPAddressPool/lb']);
  });

  test('errors: another release, a service from elsewhere, MKE 4.0', () => {
    const app = MkeTesting.app();
    const prod = new MkeCluster(app, 'prod', { spec: SPEC });
    expect(() => new MetalLb(prod, 'metallb', { release: '4.1.0' })).toThrow(/release 4\.1\.0 differs from MkeCluster prod's release 4\.2\.0/);
    const elsewhere = new UserService(new Chart(app, 'other'), 'svc', { name: 'x', template: 'x-1-0-0' });
    expect(() => prod.addService(elsewhere)).toThrow(/is not part of MkeCluster prod: create it with the cluster as its scope/);
    const old = new MkeCluster(app, 'old', { spec: { ...SPEC, version: 'v4.0.1' } as MkeClusterSpec });
    expect(() => new MetalLb(old, 'metallb')).toThrow(/MKE 4\.0\.1 has no system-service delivery/);
  });
});

describe('MkeTesting', () => {
  test('synth(cluster) returns every file by path, parsed; nothing is written', () => {
    const app = MkeTesting.app();
    const prod = new MkeCluster(app, 'prod', { spec: SPEC });
    const files = MkeTesting.synth(prod);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['k0sctl.yaml', 'manifests/kustomization.yaml', 'services/40-mke-config.yaml', 'secrets.env.example']));
    expect((files['k0sctl.yaml'] as { kind: string }).kind).toBe('Cluster');
    expect(Array.isArray(files['manifests/15-management.yaml'])).toBe(true);
    expect(typeof files['secrets.env.example']).toBe('string');
    expect(readdirSync(app.outdir)).toEqual([]);
    expect(MkeTesting.synthAll(app).prod).toEqual(files);
  });

  test('snapshots are stable: the same cluster gives the same files', () => {
    const one = MkeTesting.synth(new MkeCluster(MkeTesting.app(), 'prod', { spec: SPEC }));
    const two = MkeTesting.synth(new MkeCluster(MkeTesting.app(), 'prod', { spec: SPEC }));
    expect(one).toEqual(two);
  });

  test('cdk8s Testing-style use inside a user construct', () => {
    class Platform extends Construct {
      readonly cluster: MkeCluster;
      constructor(scope: Construct, id: string) {
        super(scope, id);
        this.cluster = new MkeCluster(this, 'prod', { spec: SPEC });
      }
    }
    const platform = new Platform(MkeTesting.app(), 'platform');
    expect(MkeTesting.synth(platform.cluster)['k0sctl.yaml']).toBeDefined();
  });
});
