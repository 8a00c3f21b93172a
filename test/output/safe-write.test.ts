/**
 * Attack class "writes outside the output folder" and crash safety of the writer (issue 13, items
 * 1–4): names that become paths, temporary names, signals and leftovers of killed writes, and a
 * clean-up that fails after the swap.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { App } from 'cdk8s';
import { MkeCluster } from '../../lib/cluster';
import { MkeValidationError } from '../../lib/config/diagnostics';
import { joinInside, recoverLeftovers, tempPaths, UnsafePathError, writeFileAtomic } from '../../lib/output/safe-write';
import { renderAll, RenderedCluster, writeRendered } from '../../lib/output/writer';

const ROOT = resolve(__dirname, '..', '..');
const spec = { version: 'v4.2.0', hosts: [{ role: 'single' as const, ssh: { address: '192.0.2.10', user: 'root', keyPath: '/k' } }] };
const FILE = join(ROOT, 'test', 'fixtures', 'good');

function render(name: string, address = '192.0.2.10'): RenderedCluster[] {
  const app = new App();
  new MkeCluster(app, 'c', { name, spec: { ...spec, hosts: [{ ...spec.hosts[0], ssh: { ...spec.hosts[0].ssh, address } }] } });
  return renderAll(app);
}

function diagnosticsOf(run: () => unknown): unknown[] {
  try {
    run();
  } catch (e) {
    if (e instanceof MkeValidationError) return [...e.diagnostics];
    throw e;
  }
  throw new Error('expected MkeValidationError');
}

/** A pid no process has: a child that already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

let out: string;
beforeEach(() => {
  out = mkdtempSync(join(tmpdir(), 'mke4k-safe-'));
});

describe('1. every name that becomes a path is a DNS-1123 name', () => {
  const hostile = ['../../victim', 'a/b', '..', '.', 'x\ny', '/etc', 'A', 'a..b', 'a\u0000b', ''];

  test.each(hostile.map((n) => [JSON.stringify(n), n]))('MkeCluster name %s is refused (spec, config, fromFile)', (_label, name) => {
    expect(diagnosticsOf(() => new MkeCluster(new App(), 'c', { name, spec }))).toContainEqual(expect.objectContaining({ path: 'metadata.name', severity: 'error' }));
  });

  test('the same through fromFile({name}) and {config, name}', () => {
    const good = readdirSync(FILE).find((f) => f.endsWith('.yaml'));
    if (!good) throw new Error('no good fixture');
    expect(diagnosticsOf(() => MkeCluster.fromFile(new App(), 'c', join(FILE, good), { name: '../../victim' }))).toEqual([expect.objectContaining({ code: 'header-name' })]);
    const config = new MkeCluster(new App(), 'ok', { spec }).spec;
    expect(diagnosticsOf(() => new MkeCluster(new App(), 'c', { config: { name: 'ok', release: '4.2.0', spec: config }, name: 'a/b' }))).toEqual([expect.objectContaining({ code: 'header-name' })]);
  });

  test('the writer refuses a rendered cluster whose name or file path leaves <out>, and writes nothing', () => {
    const victim = join(out, '..', `victim-${process.pid}`);
    const [cluster] = render('ok');
    expect(() => writeRendered([{ ...cluster, name: `../victim-${process.pid}` }], join(out, 'o'))).toThrow(UnsafePathError);
    expect(() => writeRendered([{ ...cluster, files: [{ path: '../../escape.yaml', content: 'x' }] }], out)).toThrow(UnsafePathError);
    expect(() => writeRendered([{ ...cluster, files: [{ path: '/tmp/escape.yaml', content: 'x' }] }], out)).toThrow(UnsafePathError);
    expect(existsSync(victim)).toBe(false);
    expect(existsSync(join(out, '..', 'escape.yaml'))).toBe(false);
    // Nothing left behind in <out> either: no temporary folder, no half-written cluster.
    expect(readdirSync(out).filter((e) => e !== 'o')).toEqual([]);
  });

  test('joinInside refuses absolute, parent and over-long segments', () => {
    expect(() => joinInside(out, '../x')).toThrow(UnsafePathError);
    expect(() => joinInside(out, 'a/../../x')).toThrow(UnsafePathError);
    expect(() => joinInside(out, '/etc/passwd')).toThrow(UnsafePathError);
    expect(() => joinInside(out, '')).toThrow(UnsafePathError);
    expect(() => joinInside(out, 'x'.repeat(256))).toThrow(UnsafePathError);
    expect(joinInside(out, 'a/b.yaml')).toBe(join(out, 'a', 'b.yaml'));
  });
});

describe('2. temporary names fit every valid name', () => {
  test('a 253-character cluster name (the DNS-1123 maximum) synthesizes, twice (swap included)', () => {
    const name = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;
    expect(name).toHaveLength(253);
    writeRendered(render(name), out);
    writeRendered(render(name, '192.0.2.11'), out);
    expect(readdirSync(out)).toEqual([name]);
    expect(readFileSync(join(out, name, 'k0sctl.yaml'), 'utf8')).toContain('192.0.2.11');
    for (const p of Object.values(tempPaths(out, name))) expect(Buffer.byteLength(p.slice(out.length + 1))).toBeLessThan(40);
  });

  test('writeFileAtomic: a 250-byte file name writes (the temporary name is short)', () => {
    const path = writeFileAtomic(out, `${'n'.repeat(240)}.mke4.yaml`, 'x');
    expect(readFileSync(path, 'utf8')).toBe('x');
    expect(readdirSync(out)).toHaveLength(1);
  });
});

describe('3. signals and killed writes leave nothing behind', () => {
  test('SIGTERM and SIGINT during the write: the write completes, then the process ends by the signal; no .tmp/.old left', () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const dir = mkdtempSync(join(tmpdir(), 'mke4k-sig-'));
      writeRendered(render('alpha'), dir);
      // tsx's CommonJS hook only: its `--import` loader relays signals itself, unlike a plain node process.
      const script = `
        require('tsx/cjs');
        const { App } = require('cdk8s');
        const { MkeCluster } = require('./lib/cluster');
        const { renderAll, writeRendered } = require('./lib/output/writer');
        const app = new App();
        new MkeCluster(app, 'c', { name: 'alpha', spec: ${JSON.stringify({ ...spec, hosts: [{ ...spec.hosts[0], ssh: { ...spec.hosts[0].ssh, address: '192.0.2.77' } }] })} });
        writeRendered(renderAll(app), ${JSON.stringify(dir)}, new Map(), { beforeSwap: () => process.kill(process.pid, '${signal}') });
        setTimeout(() => process.stdout.write('survived'), 2000);
      `;
      const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
      expect(run.signal).toBe(signal);
      expect(run.stdout).toBe('');
      expect(readdirSync(dir)).toEqual(['alpha']);
      expect(readFileSync(join(dir, 'alpha', 'k0sctl.yaml'), 'utf8')).toContain('192.0.2.77');
    }
  });

  test('leftovers of a dead process are cleaned before the next write; a moved-aside output is restored', () => {
    const dead = deadPid();
    writeRendered(render('alpha'), out);
    writeRendered(render('beta'), out);
    // A killed write of alpha: its temporary folder; a killed swap of beta: beta moved aside, never replaced.
    const alpha = tempPaths(out, 'alpha', dead);
    mkdirSync(alpha.tmp);
    writeFileSync(join(alpha.tmp, 'half.yaml'), 'x');
    const beta = tempPaths(out, 'beta', dead);
    writeFileSync(beta.marker, 'beta');
    const { renameSync } = jest.requireActual<typeof import('node:fs')>('node:fs');
    renameSync(join(out, 'beta'), beta.old);
    // And the names of earlier versions (`.<name>.tmp-<pid>`): removed too.
    mkdirSync(join(out, `.gamma.tmp-${dead}`));
    writeFileSync(join(out, `.gamma.tmp-${dead}`, 'k0sctl.yaml'), 'half');
    // Not ours: another tool's temporary folder with a similar name stays.
    mkdirSync(join(out, `.other.tmp-${dead}`));
    const notes: string[] = [];
    writeRendered(render('alpha'), out, new Map(), { onNote: (m) => notes.push(m) });
    expect(readdirSync(out).sort()).toEqual([`.other.tmp-${dead}`, 'alpha', 'beta']);
    expect(readFileSync(join(out, 'beta', 'k0sctl.yaml'), 'utf8')).toContain('192.0.2.10');
    expect(notes).toEqual(expect.arrayContaining([expect.stringContaining('restored'), expect.stringContaining('removed')]));
  });

  test('leftovers of a running process are not touched; a moved-aside output whose name is unknown is kept', () => {
    const live = tempPaths(out, 'alpha', process.pid);
    mkdirSync(live.tmp);
    const dead = tempPaths(out, 'beta', deadPid());
    mkdirSync(dead.old);
    const notes = recoverLeftovers(out);
    expect(readdirSync(out).sort()).toEqual([dead.old, live.tmp].map((p) => p.slice(out.length + 1)).sort());
    expect(notes).toEqual([expect.stringContaining('kept')]);
  });
});

describe('4. a failed clean-up after the swap is reported as what it is', () => {
  test('the new output is in place, the writer returns normally and notes the folder to remove', () => {
    writeRendered(render('alpha'), out);
    const notes: string[] = [];
    const written = writeRendered(render('alpha', '192.0.2.12'), out, new Map(), {
      removeOld: () => {
        throw Object.assign(new Error('EBUSY: resource busy'), { code: 'EBUSY' });
      },
      onNote: (m) => notes.push(m),
    });
    expect(written).toContain(join(out, 'alpha', 'k0sctl.yaml'));
    expect(readFileSync(join(out, 'alpha', 'k0sctl.yaml'), 'utf8')).toContain('192.0.2.12');
    expect(notes).toEqual([expect.stringMatching(/^wrote .*alpha, but could not remove the previous output .*\(EBUSY\); remove it by hand$/)]);
    // The next write (a new process) removes it.
    expect(recoverLeftovers(out, () => false)).toEqual([expect.stringContaining('removed')]);
    expect(readdirSync(out)).toEqual(['alpha']);
  });
});
