/**
 * Attack class "a program given to export/diff" (issue 13, item 12): programs run in a child
 * process with a time limit; stdout carries only our output; every way a program can end says
 * what happened (exit 1 with a diagnostic), and a deferred synthesize writes nothing.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mke4k, removeWorkspace, workspace } from './helpers';

const ws = workspace('isolation');
afterAll(() => removeWorkspace(ws));

const BASE = `import { App } from 'cdk8s';
import { MkeCluster, synthesize } from 'mke4k-cdk8s';
const app = new App();
new MkeCluster(app, 'p', { name: 'p', spec: { version: 'v4.2.0', hosts: [{ role: 'single', ssh: { address: '192.0.2.1' } }] } });
`;

function program(name: string, body: string): string {
  const path = join(ws, `${name}.ts`);
  writeFileSync(path, BASE + body);
  return path;
}

test("the program's console.log goes to stderr; stdout is the exported YAML only", async () => {
  const run = await mke4k(['export', '-f', program('log', "console.log('HELLO FROM PROGRAM');\nprocess.stdout.write('RAW STDOUT\\n');\nsynthesize(app);\n")], { cwd: ws });
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^# yaml-language-server/);
  expect(run.stdout).not.toContain('HELLO');
  expect(run.stdout).not.toContain('RAW STDOUT');
  expect(run.stderr).toContain('HELLO FROM PROGRAM');
  expect(run.stderr).toContain('RAW STDOUT');
}, 60_000);

test('an unhandled rejection after synthesize is a program-failed diagnostic, exit 1, no YAML and no stack trace', async () => {
  const run = await mke4k(['export', '-f', program('reject', "synthesize(app);\nPromise.reject(new Error('boom later'));\n")], { cwd: ws });
  expect(run.code).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/error program-failed: the program failed: boom later/);
  expect(run.stderr).not.toMatch(/^\s+at /m);
}, 60_000);

test('process.exit(0) before synthesize: exit 1, says no cluster reached synthesize; exit(3) after: says the exit code', async () => {
  const early = await mke4k(['export', '-f', program('exit0', 'process.exit(0);\n')], { cwd: ws });
  expect(early.code).toBe(1);
  expect(early.stderr).toContain('built no MkeCluster that reached synthesize(app)');
  const late = await mke4k(['export', '-f', program('exit3', 'synthesize(app);\nprocess.exit(3);\n')], { cwd: ws });
  expect(late.code).toBe(1);
  expect(late.stderr).toContain('the program exited with code 3');
}, 60_000);

test('a deferred synthesize() is captured, not written', async () => {
  const run = await mke4k(['export', '-f', program('deferred', "setTimeout(() => synthesize(app, 'written-by-deferred'), 10);\n")], { cwd: ws });
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('name: p');
  expect(existsSync(join(ws, 'written-by-deferred'))).toBe(false);
  expect(readdirSync(ws).filter((f) => !f.endsWith('.ts') && f !== 'tsconfig.json')).toEqual([]);
}, 60_000);

test('a program that never ends is stopped at --program-timeout: program-timeout, exit 1; in diff too', async () => {
  const hang = program('hang', 'synthesize(app);\nsetInterval(() => undefined, 1000);\n');
  const run = await mke4k(['export', '-f', hang, '--program-timeout', '2'], { cwd: ws });
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('error program-timeout: the program did not finish within 2 s');
  const diff = await mke4k(['diff', hang, hang, '--program-timeout', '2', '--format', 'json'], { cwd: ws });
  expect(diff.code).toBe(1);
  expect(JSON.parse(diff.stdout).diagnostics.map((d: { code: string }) => d.code)).toEqual(['program-timeout', 'program-timeout']);
  const bad = await mke4k(['export', '-f', hang, '--program-timeout', 'soon'], { cwd: ws });
  expect(bad.code).toBe(2);
}, 90_000);

test('--format json prints JSON on stdout also for a usage error', async () => {
  const run = await mke4k(['export', '-f', program('two', "new MkeCluster(app, 'q', { name: 'q', spec: { version: 'v4.2.0', hosts: [{ role: 'single', ssh: { address: '192.0.2.2' } }] } });\nsynthesize(app);\n"), '--format', 'json'], { cwd: ws });
  expect(run.code).toBe(2);
  expect(JSON.parse(run.stdout).diagnostics).toEqual([expect.objectContaining({ code: 'usage-error', severity: 'error' })]);
}, 60_000);
