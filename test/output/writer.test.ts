import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdk8s';
import { Construct } from 'constructs';
import { MkeCluster, type MkeHostRole } from '../../lib/cluster';
import { MkeValidationError } from '../../lib/config/diagnostics';
import { registerOutput, renderAll, RenderedCluster, writeRendered } from '../../lib/output/writer';
import { expandPlaceholders, ourSchemas } from '../k0s/schemas';

const spec = (address: string) => ({
  version: 'v4.2.0',
  hosts: [{ role: 'single' as const, ssh: { address, user: 'root', keyPath: '/k' } }],
});

function render(name: string, address = '192.0.2.10'): RenderedCluster[] {
  const app = new App();
  new MkeCluster(app, name, { name, spec: spec(address) });
  return renderAll(app);
}

describe('writeRendered', () => {
  let out: string;
  beforeEach(() => {
    out = mkdtempSync(join(tmpdir(), 'mke4k-writer-'));
  });

  test('writes <out>/<name>/ with k0sctl.yaml and secrets.env.example', () => {
    const written = writeRendered(render('alpha'), out);
    expect(written).toContain(join(out, 'alpha', 'k0sctl.yaml'));
    expect(readFileSync(join(out, 'alpha', 'k0sctl.yaml'), 'utf8')).toContain('address: 192.0.2.10');
    expect(existsSync(join(out, 'alpha', 'secrets.env.example'))).toBe(true);
  });

  test('replacing a folder removes files the previous synth wrote, and touches nothing else in <out>', () => {
    writeRendered(render('alpha'), out);
    writeFileSync(join(out, 'alpha', 'stale.yaml'), 'old');
    mkdirSync(join(out, 'other'));
    writeFileSync(join(out, 'other', 'keep.txt'), 'mine');
    writeFileSync(join(out, 'README.md'), 'mine');
    writeRendered(render('alpha', '192.0.2.11'), out);
    expect(existsSync(join(out, 'alpha', 'stale.yaml'))).toBe(false);
    expect(readFileSync(join(out, 'alpha', 'k0sctl.yaml'), 'utf8')).toContain('address: 192.0.2.11');
    expect(readFileSync(join(out, 'other', 'keep.txt'), 'utf8')).toBe('mine');
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toBe('mine');
    expect(readdirSync(out).sort()).toEqual(['README.md', 'alpha', 'other']);
  });

  test('a failure before the swap leaves the previous output intact and no temporary folder behind', () => {
    writeRendered(render('alpha'), out);
    const before = readFileSync(join(out, 'alpha', 'k0sctl.yaml'), 'utf8');
    expect(() =>
      writeRendered(render('alpha', '192.0.2.99'), out, new Map(), {
        beforeSwap: () => {
          throw new Error('injected failure');
        },
      }),
    ).toThrow('injected failure');
    expect(readFileSync(join(out, 'alpha', 'k0sctl.yaml'), 'utf8')).toBe(before);
    expect(readdirSync(out)).toEqual(['alpha']);
  });

  test('output is byte-identical across runs', () => {
    const a = render('alpha');
    const b = render('alpha');
    expect(a[0].files).toEqual(b[0].files);
  });
});

describe('renderAll', () => {
  test('two clusters with the same name are an error', () => {
    const app = new App();
    new MkeCluster(app, 'one', { name: 'same', spec: spec('192.0.2.10') });
    new MkeCluster(app, 'two', { name: 'same', spec: spec('192.0.2.11') });
    try {
      renderAll(app);
      throw new Error('expected an error');
    } catch (e) {
      expect(e).toBeInstanceOf(MkeValidationError);
      expect((e as MkeValidationError).diagnostics).toEqual([expect.objectContaining({ code: 'duplicate-cluster', severity: 'error' })]);
    }
  });

  test('an invalid TypeScript spec throws MkeValidationError with paths', () => {
    const app = new App();
    // `role: 'controller'` is a type error in TypeScript; JavaScript callers get the diagnostic.
    const hosts = [{ role: 'controller' as MkeHostRole, ssh: { address: '192.0.2.1' } }];
    expect(() => new MkeCluster(app, 'bad', { spec: { version: 'v4.2.0', hosts } })).toThrow(MkeValidationError);
    try {
      new MkeCluster(new App(), 'bad', { spec: { version: 'v4.2.0', hosts } });
    } catch (e) {
      expect((e as MkeValidationError).diagnostics).toEqual(
        expect.arrayContaining([expect.objectContaining({ code: 'role-controller', path: 'spec.hosts[0].role' })]),
      );
    }
  });
});

describe('delivery on MKE 4.0', () => {
  test('k0rdent delivery is an error (DECISIONS 2); the default writes k0sctl.yaml only', () => {
    const spec40 = { version: 'v4.0.1', hosts: [{ role: 'single' as const, ssh: { address: '192.0.2.10' } }] };
    try {
      new MkeCluster(new App(), 'old', { spec: spec40, delivery: 'k0rdent' });
      throw new Error('expected an error');
    } catch (e) {
      expect((e as MkeValidationError).diagnostics).toEqual([expect.objectContaining({ code: 'delivery-unsupported', severity: 'error', path: 'spec.version' })]);
    }
    const app = new App();
    const cluster = new MkeCluster(app, 'old', { spec: spec40 });
    expect(renderAll(app)[0].files.map((f) => f.path)).toEqual(['k0sctl.yaml', 'secrets.env.example']);
    expect(cluster.warnings.map((w) => w.code)).toContain('mke40-services');
  });
});

describe('k0sctlOptions', () => {
  test('are written to spec.options of k0sctl.yaml and pass our k0sctl schema', () => {
    const app = new App();
    const cluster = new MkeCluster(app, 'o', {
      spec: spec('192.0.2.10'),
      k0sctlOptions: { drain: { gracePeriod: '5m', ignoreDaemonSets: true }, concurrency: { limit: 10 }, evictTaint: { enabled: true, taint: 'k0sctl.k0sproject.io/evict=true', effect: 'NoExecute' } },
    });
    const object = cluster.k0sctlObject() as { spec: { options: unknown } };
    expect(object.spec.options).toEqual({ drain: { gracePeriod: '5m', ignoreDaemonSets: true }, concurrency: { limit: 10 }, evictTaint: { enabled: true, taint: 'k0sctl.k0sproject.io/evict=true', effect: 'NoExecute' } });
    const { k0sctl } = ourSchemas();
    expect(k0sctl(expandPlaceholders(JSON.parse(JSON.stringify(object))))).toBe(true);
  });
});

describe('output parts (how clusters and fleets hand their folders to the writer)', () => {
  const folder = (scope: Construct, id: string, rank: number, warnings: string[] = []) => {
    const c = new Construct(scope, id);
    registerOutput(c, { folder: { name: id, rank, render: () => ({ name: id, files: [{ path: 'f.txt', content: id }], warnings: warnings.map((message) => ({ code: 'invalid-value', severity: 'warning', path: id, message })) }) } });
    return c;
  };

  test('folders render by rank, then in tree order, with the warnings others add to them', () => {
    const app = new App();
    folder(app, 'child-a', 1);
    const management = folder(app, 'management', 0, ['own']);
    folder(app, 'child-b', 1);
    new Construct(app, 'not-a-folder');
    registerOutput(new Construct(app, 'fleet-1'), { warningsFor: { target: management, warnings: () => [{ code: 'invalid-value', severity: 'warning', path: 'fleet-1', message: 'from fleet 1' }] } });
    registerOutput(new Construct(app, 'fleet-2'), { warningsFor: { target: management, warnings: () => [{ code: 'invalid-value', severity: 'warning', path: 'fleet-2', message: 'from fleet 2' }] } });
    const rendered = renderAll(app);
    expect(rendered.map((r) => r.name)).toEqual(['management', 'child-a', 'child-b']);
    expect(rendered[0].warnings.map((w) => w.message)).toEqual(['own', 'from fleet 1', 'from fleet 2']);
    expect(rendered[1].warnings).toEqual([]);
  });

  test('a part that validates the scope makes every construct of it fail the render once', () => {
    const app = new App();
    folder(app, 'management', 0);
    new Construct(app, 'elsewhere').node.addValidation({ validate: () => ['broken'] });
    expect(renderAll(app).map((r) => r.name)).toEqual(['management']); // not validated: no part asks
    registerOutput(new Construct(app, 'fleet'), { validatesScope: true });
    expect(() => renderAll(app)).toThrow(MkeValidationError);
    try {
      renderAll(app);
    } catch (e) {
      expect((e as MkeValidationError).diagnostics).toEqual([expect.objectContaining({ code: 'invalid-value', message: 'broken', path: 'elsewhere' })]);
    }
  });

  test('a folder named like an MkeCluster is a duplicate-cluster error', () => {
    const app = new App();
    new MkeCluster(app, 'm', { name: 'same', spec: spec('192.0.2.10') });
    const other = new Construct(app, 'other');
    registerOutput(other, { folder: { name: 'same', rank: 1, render: () => ({ name: 'same', files: [], warnings: [] }) } });
    expect(() => renderAll(app)).toThrow(/two clusters are named same \(m and other\)/);
  });
});
