/**
 * The bundled CLI (build/cli/mke4k.js, what `bin/mke4k.js` runs) behaves exactly like the compiled
 * modules it is made from: same exit codes, stdout, stderr and byte-identical files, over the corpus
 * and the example, in both delivery modes. Needs the build (`npm test` builds first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { corpusFiles } from '../corpus';
import { ROOT } from './helpers';

const BUNDLE = join(ROOT, 'build', 'cli', 'mke4k.js');
const describeBuilt = existsSync(BUNDLE) ? describe : describe.skip;
if (!existsSync(BUNDLE)) test.skip('bundled CLI (skipped: build/cli/mke4k.js is absent; run npm run build)', () => undefined);

type Main = (argv: readonly string[], io: { stdout: { write(s: string): boolean }; stderr: { write(s: string): boolean } }) => Promise<number>;

function cli(bundled: boolean): Main {
  if (bundled) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { loadBundle } = require(join(ROOT, 'bin', 'load-bundle.js')) as { loadBundle(f: string): { exports: { main: Main } } };
    return loadBundle(BUNDLE).exports.main;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(join(ROOT, 'build', 'lib', 'cli', 'main.js')) as { main: Main }).main;
}

function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, 'latin1');
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

describeBuilt('bundled CLI = compiled modules', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mke4k-bundle-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const inputs = [join(ROOT, 'examples', 'prod-mke4.yaml'), ...corpusFiles('mke4'), ...corpusFiles('mke4-invalid')];
  const runs: string[][] = [['--help'], ['--version'], ['validate', '--frobnicate']];
  for (const input of inputs) {
    runs.push(['validate', '-f', input]);
    for (const delivery of input.includes('4.0') ? [undefined] : [undefined, 'k0rdent']) {
      runs.push(['synth', '-f', input, '-o', '<OUT>', ...(delivery ? ['--delivery', delivery] : [])]);
    }
  }

  it(`gives the same exit code, output and files for ${runs.length} runs`, async () => {
    const result: Record<string, unknown>[][] = [[], []];
    for (const [i, bundled] of [false, true].entries()) {
      const main = cli(bundled);
      for (const [n, args] of runs.entries()) {
        const out = join(dir, `${i}-${n}`);
        let stdout = '';
        let stderr = '';
        const io = { stdout: { write: (s: string) => ((stdout += s), true) }, stderr: { write: (s: string) => ((stderr += s), true) } };
        const code = await main(args.map((a) => (a === '<OUT>' ? out : a)), io);
        result[i].push({ args: args.join(' '), code, stdout: stdout.split(out).join('<OUT>'), stderr: stderr.split(out).join('<OUT>'), files: tree(out) });
      }
    }
    expect(result[1]).toEqual(result[0]);
    expect(result[0].filter((r) => r.code === 0 && Object.keys(r.files as object).length).length).toBeGreaterThan(inputs.length / 2);
  });

  it('bin/mke4k.js runs the bundle (and MKE4K_NO_BUNDLE=1 the modules) with the same result', () => {
    const input = join(ROOT, 'examples', 'prod-mke4.yaml');
    const run = (env: Record<string, string>) => spawnSync(process.execPath, [join(ROOT, 'bin', 'mke4k.js'), 'validate', '-f', input, '--format', 'json'], { env: { ...process.env, ...env }, encoding: 'utf8' });
    const a = run({});
    const b = run({ MKE4K_NO_BUNDLE: '1' });
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });

  it('has a code cache for --help, for validate and for the rest, and this Node accepts each', () => {
    const script = `
      const { loadBundle, commandOf } = require(${JSON.stringify(join(ROOT, 'bin', 'load-bundle.js'))});
      const command = process.argv[2] === '-' ? undefined : process.argv[2];
      console.log(JSON.stringify({ rejected: loadBundle(${JSON.stringify(BUNDLE)}, { command }).script.cachedDataRejected, commands: [[], ['--help'], ['-h'], ['validate', '-f', 'x'], ['synth']].map(commandOf) }));`;
    const file = join(dir, 'caches.js');
    writeFileSync(file, script);
    const sizes: Record<string, number> = {};
    for (const command of ['help', 'validate', '-']) {
      const cache = command === '-' ? `${BUNDLE}.cache` : `${BUNDLE}.${command}.cache`;
      sizes[command] = statSync(cache).size;
      const r = spawnSync(process.execPath, [file, command], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      // A rejected cache (another V8 version or flags) is ignored silently: the speed-up would be gone.
      expect(JSON.parse(r.stdout)).toEqual({ rejected: false, commands: ['help', 'help', 'help', 'validate', 'synth'] });
    }
    expect(sizes.help).toBeLessThan(sizes.validate);
    expect(sizes.validate).toBeLessThan(sizes['-']);
  });

  it('loads crypto and child_process only on first use (validate and synth of a config load neither), through working stand-ins', () => {
    // Node records every built-in module it loads in process.moduleLoadList.
    const script = `
      const { loadBundle } = require(${JSON.stringify(join(ROOT, 'bin', 'load-bundle.js'))});
      const cli = loadBundle(${JSON.stringify(BUNDLE)}).exports;
      const loaded = () => ['child_process', 'crypto'].filter((m) => process.moduleLoadList.includes('NativeModule ' + m));
      const sink = { write: () => true };
      cli.main(['validate', '-f', ${JSON.stringify(join(ROOT, 'examples', 'prod-mke4.yaml'))}], { stdout: sink, stderr: sink }).then((code) => {
        const afterValidate = loaded();
        return cli.main(['synth', '-f', ${JSON.stringify(join(ROOT, 'examples', 'prod-mke4.yaml'))}, '-o', process.argv[2]], { stdout: sink, stderr: sink }).then((synthCode) => {
          const afterSynth = loaded();
          // k0rdent mode names ServiceTemplates by a sha256 of their spec: crypto, through its stand-in.
          return cli.main(['synth', '-f', ${JSON.stringify(join(ROOT, 'examples', 'prod-mke4.yaml'))}, '-o', process.argv[2] + '-k0rdent', '--delivery', 'k0rdent'], { stdout: sink, stderr: sink }).then((k0rdentCode) => {
            console.log(JSON.stringify({ code, afterValidate, synthCode, afterSynth, k0rdentCode, afterK0rdent: loaded() }));
          });
        });
      });`;
    const out = join(dir, 'lazy');
    // A file, not `node -e`: eval mode loads crypto itself.
    const file = join(dir, 'lazy-builtins.js');
    writeFileSync(file, script);
    const r = spawnSync(process.execPath, [file, out], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ code: 0, afterValidate: [], synthCode: 0, afterSynth: [], k0rdentCode: 0, afterK0rdent: ['crypto'] });
    expect(readdirSync(out).length).toBeGreaterThan(0);
    expect(readdirSync(`${out}-k0rdent`).length).toBeGreaterThan(0);
  });
});
