/**
 * Every file in test/fixtures/bad (plus a few generated here: a 10 MB document and binary garbage)
 * through the real CLI: exit 1, the expected code at file:line:col on stderr, nothing on stdout for
 * `validate`, no files written by `synth`, under 5 s of CPU and a 256 MB heap each (the process
 * measures itself: wall time on a shared machine says more about the neighbours than about us).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { main } from '../../lib/cli/main';
import { CliRun, pool, ROOT, runCli } from './run-cli';

const BAD = join(ROOT, 'test', 'fixtures', 'bad');

interface Expected {
  readonly code: string;
  /** Absent for generated files whose position is not the point of the test. */
  readonly line?: number;
  readonly col?: number;
}

const expected: Record<string, Expected> = JSON.parse(readFileSync(join(BAD, 'EXPECTED.json'), 'utf8'));

const work = mkdtempSync(join(tmpdir(), 'mke4k-bad-'));
// Generated, never committed: a 10 MB document and bytes that are not text.
const generated: Record<string, Expected & { bytes: () => Buffer }> = {
  'huge-10mb.yaml': {
    code: 'yaml-too-large',
    line: 1,
    col: 1,
    bytes: () => Buffer.from('apiVersion: mke.mirantis.com/v1alpha1\nkind: MkeConfig\n' + `# ${'x'.repeat(120)}\n`.repeat(85_000)),
  },
  'binary-garbage.yaml': { code: 'yaml-binary', bytes: () => Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00]), randomBytes(4096)]) },
  'binary-nul-in-text.yaml': {
    code: 'yaml-binary',
    line: 2,
    col: 7,
    bytes: () => Buffer.from('apiVersion: mke.mirantis.com/v1alpha1\nkind: \u0000MkeConfig\n'),
  },
  'binary-invalid-utf8.yaml': { code: 'yaml-binary', line: 1, col: 7, bytes: () => Buffer.concat([Buffer.from('kind: '), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('\n')]) },
};
for (const [name, g] of Object.entries(generated)) writeFileSync(join(work, name), g.bytes());

const files: [string, string, Expected][] = [
  ...Object.entries(expected).map(([name, e]): [string, string, Expected] => [name, join(BAD, name), e]),
  ...Object.entries(generated).map(([name, g]): [string, string, Expected] => [name, join(work, name), g]),
];

interface Outcome {
  readonly validate: CliRun;
  readonly synth: CliRun;
  readonly outDir: string;
}

/**
 * `validate` runs in this process through the CLI's `main` with captured streams (same code path
 * after argument parsing); `synth` runs as a real subprocess for every file, so exit codes, the
 * stream split, time and memory are measured on the real command. This halves the suite's time.
 */
async function validateInProcess(file: string): Promise<CliRun> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const started = Date.now();
  const cpu = process.cpuUsage();
  const code = await main(['validate', '-f', file], { stdout: { write: (s: string) => stdout.push(s) }, stderr: { write: (s: string) => stderr.push(s) } });
  const used = process.cpuUsage(cpu);
  return { code, signal: null, stdout: stdout.join(''), stderr: stderr.join(''), ms: Date.now() - started, cpuMs: (used.user + used.system) / 1000, maxRssKb: 0 };
}
const outcomes = new Map<string, Outcome>();

beforeAll(async () => {
  const runs = await pool(files, async ([name, path]) => {
    const outDir = mkdtempSync(join(work, 'out-'));
    const file = relative(ROOT, path);
    const validate = await validateInProcess(file);
    const synth = await runCli(['synth', '-f', file, '-o', outDir]);
    return [name, { validate, synth, outDir }] as const;
  });
  for (const [name, outcome] of runs) outcomes.set(name, outcome);
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

test('the bad corpus has at least 60 committed files, each listed in EXPECTED.json', () => {
  const onDisk = readdirSync(BAD).filter((f) => f.endsWith('.yaml')).sort();
  expect(onDisk.length).toBeGreaterThanOrEqual(60);
  expect(Object.keys(expected).sort()).toEqual(onDisk);
});

describe.each(files.map(([name, path, e]) => [name, path, e] as const))('%s', (name, path, e) => {
  const file = relative(ROOT, path);
  const where = e.line !== undefined ? `${file}:${e.line}:${e.col}: error ${e.code}:` : `${file}:`;

  test(`validate: exit 1, ${e.code} at ${e.line ?? '?'}:${e.col ?? '?'} on stderr, stdout empty`, () => {
    const run = outcomes.get(name)!.validate;
    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(where);
    expect(run.stderr).toMatch(new RegExp(`^${escape(file)}:\\d+:\\d+: error ${e.code}:`, 'm'));
    expect(run.stderr).not.toMatch(/internal error|at .*\.ts:\d+/);
    expectBounded(run);
  });

  test('synth: exit 1, the same diagnostic, no file written', () => {
    const { synth, outDir } = outcomes.get(name)!;
    expect(synth.signal).toBeNull();
    expect(synth.code).toBe(1);
    expect(synth.stderr).toContain(where);
    expect(readdirSync(outDir)).toEqual([]);
    expectBounded(synth);
  });
});

/** < 5 s of CPU, and peak memory within what a 256 MB heap allows (heap + code + buffers). */
function expectBounded(run: CliRun): void {
  expect(run.cpuMs).toBeDefined();
  expect(run.cpuMs!).toBeLessThan(5000);
  expect(run.maxRssKb!).toBeLessThan(450 * 1024);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
