/**
 * `mke4k export`: runs a program in-process with synthesis captured (nothing written) and prints
 * the normalized mke4.yaml of each cluster; synthesizing that file gives the program's output.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mke4k, readTree, removeWorkspace, ROOT, runNode, workspace } from './helpers';

jest.setTimeout(120_000);

let ws: string;
beforeAll(() => {
  ws = workspace('export');
});
afterAll(() => removeWorkspace(ws));

const HOSTS = "[{ role: 'single', ssh: { address: '10.0.0.5', keyPath: '~/.ssh/id_rsa' } }]";

function program(name: string, body: string): string {
  const file = join(ws, `${name}.ts`);
  writeFileSync(file, `import { App } from 'cdk8s';\nimport { MkeCluster, synthesize } from 'mke4k-cdk8s';\nconst app = new App();\n${body}\n`);
  return file;
}

test('export of apps/main.ts, then synth of the exported file == synth of the program; export writes nothing', async () => {
  const guard = join(ws, 'must-not-exist');
  const exported = await mke4k(['export', '-f', join(ROOT, 'apps', 'main.ts')], { cwd: ws, env: { CDK8S_OUTDIR: guard } });
  // The only diagnostic: the program keeps MKE's default encryptionProvider, which k0sctl.yaml cannot carry.
  expect(exported.stderr.split('\n').filter((l) => / (error|warning) /.test(l) && !l.includes('warning encryption-provider-dropped'))).toEqual([]);
  expect(exported.code).toBe(0);
  expect(existsSync(guard)).toBe(false);
  expect(exported.stdout).toMatch(/^# yaml-language-server: \$schema=/);
  expect(exported.stdout).toContain('kind: MkeConfig');
  expect(exported.stdout).toContain('  name: prod\n');
  const file = join(ws, 'prod.mke4.yaml');
  writeFileSync(file, exported.stdout);
  const synth = await mke4k(['synth', '-f', file, '-o', join(ws, 'from-yaml')], { cwd: ws });
  expect(synth.code).toBe(0);
  const ran = await runNode([join(ROOT, 'apps', 'main.ts')], { cwd: ws, env: { CDK8S_OUTDIR: join(ws, 'from-program') } });
  expect(ran.code).toBe(0);
  expect(readTree(join(ws, 'from-yaml'))).toEqual(readTree(join(ws, 'from-program')));
});

test('the exported file is explicit: every default written, and it validates without warnings', async () => {
  const file = program('minimal', `new MkeCluster(app, 'm', { name: 'minimal', spec: { version: 'v4.2.0', hosts: ${HOSTS} } });\nsynthesize(app);`);
  const exported = await mke4k(['export', '-f', file], { cwd: ws });
  expect(exported.code).toBe(0);
  for (const section of ['apiServer:', 'authentication:', 'network:', 'monitoring:', 'ingressController:']) expect(exported.stdout).toContain(`\n  ${section}`);
  const validated = await mke4k(['validate', '-f', '-', '--strict'], { cwd: ws, input: exported.stdout });
  expect(validated.stderr).toBe('');
  expect(validated.code).toBe(0);
});

test('secrets are exported as placeholders, never values', async () => {
  const file = program('secret', `new MkeCluster(app, 's', { name: 'secret', spec: { version: 'v4.2.0', hosts: ${HOSTS}, license: { token: 'tok-0123456789' } } });\nsynthesize(app);`);
  const exported = await mke4k(['export', '-f', file], { cwd: ws });
  expect(exported.code).toBe(0);
  expect(exported.stdout).toContain('token: ${MKE_LICENSE_TOKEN}');
  expect(exported.stdout + exported.stderr).not.toContain('tok-0123456789');
});

test('several clusters: one file each with -o; without -o it is a usage error', async () => {
  const file = program(
    'fleet',
    `for (const name of ['east', 'west']) new MkeCluster(app, name, { name, delivery: 'k0rdent', spec: { version: 'v4.2.0', hosts: ${HOSTS} } });\nsynthesize(app);`,
  );
  const toStdout = await mke4k(['export', '-f', file], { cwd: ws });
  expect(toStdout.code).toBe(2);
  expect(toStdout.stdout).toBe('');
  const out = join(ws, 'fleet-out');
  const written = await mke4k(['export', '-f', file, '-o', out], { cwd: ws });
  expect(written.code).toBe(0);
  expect(readdirSync(out).sort()).toEqual(['east.mke4.yaml', 'west.mke4.yaml']);
  expect(readFileSync(join(out, 'west.mke4.yaml'), 'utf8')).toContain('  name: west\n');
  // delivery is not stored in mke4.yaml: the user is told.
  expect(written.stderr).toContain('--delivery k0rdent');
});

test('a program with an invalid spec exits 1 with the diagnostics', async () => {
  const file = program('invalid', `new MkeCluster(app, 'x', { name: 'x', spec: { version: 'v4.2.0', hosts: [{ role: 'controller', ssh: { address: '10.0.0.5' } }] } });\nsynthesize(app);`);
  const run = await mke4k(['export', '-f', file, '--format', 'json'], { cwd: ws });
  expect(run.code).toBe(1);
  const json = JSON.parse(run.stdout) as { diagnostics: { code: string }[] };
  expect(json.diagnostics.map((d) => d.code)).toContain('role-controller');
});

test('a program that throws, or never calls synthesize, exits 1 with program-failed', async () => {
  const throws = program('throws', "throw new Error('boom');");
  const silent = program('silent', `new MkeCluster(app, 'x', { name: 'x', spec: { version: 'v4.2.0', hosts: ${HOSTS} } });`);
  for (const file of [throws, silent]) {
    const run = await mke4k(['export', '-f', file], { cwd: ws });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('error program-failed');
  }
  const missing = await mke4k(['export', '-f', join(ws, 'nope.ts')], { cwd: ws });
  expect(missing.code).toBe(1);
  expect(missing.stderr).toContain('file-read');
});
