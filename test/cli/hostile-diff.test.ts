/**
 * Attack classes of `mke4k diff` over folders (issue 13, items 6 and 11): secret values are masked
 * wherever they are (a filled `local/` copy compared directly, env files, Secrets, URLs, keys), and
 * the line diff has an edit bound, so two large different files cost seconds, not minutes.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatChanges } from '../../lib/diff/format';
import { diffFolders, maskLines, MAX_LINE_EDITS } from '../../lib/diff/folder-diff';
import { mke4k, removeWorkspace, SMALL_SPEC_YAML, workspace } from './helpers';

jest.setTimeout(180_000);
const MARK = 'S3KRET';
const ws = workspace('hostile-diff');
afterAll(() => removeWorkspace(ws));

function printedDiff(a: string, b: string): string {
  const changes = diffFolders(a, b);
  return formatChanges(changes) + JSON.stringify(changes);
}

describe('6. diffs mask secret values wherever they are', () => {
  test('two filled local/ folders compared directly: no secret value in text or JSON', async () => {
    const spec = (token: string, pass: string) =>
      SMALL_SPEC_YAML('v4.2.0', `  license:\n    token: \${MKE_LICENSE_TOKEN}\n`).replace('keyPath: ~/.ssh/id_rsa', `keyPath: ~/.ssh/id_rsa\n      environment:\n        HTTPS_PROXY: http://bob:\${PROXY_PASS}@proxy:3128`) + `# ${token} ${pass}\n`;
    const outs: string[] = [];
    for (const [i, token] of [`${MARK}-lic-one`, `${MARK}-lic-two`].entries()) {
      const file = join(ws, `c${i}.yaml`);
      writeFileSync(file, spec('', ''));
      const secrets = join(ws, `s${i}.env`);
      writeFileSync(secrets, `MKE_LICENSE_TOKEN=${token}\nMKE_HOSTS_0_ENVIRONMENT_HTTPS_PROXY=http://bob:${MARK}-proxy-${i}@proxy:3128\n`);
      const out = join(ws, `out${i}`);
      const run = await mke4k(['synth', '-f', file, '-o', out, '--secrets-from', secrets], { cwd: ws });
      expect(run.stderr).not.toContain('error');
      expect(readFileSync(join(out, 'lab', 'local', 'services', '40-mke-config.yaml'), 'utf8')).toContain(token);
      outs.push(join(out, 'lab', 'local'));
    }
    const text = printedDiff(outs[0], outs[1]);
    expect(text).toContain('(secret changed)');
    expect(text).not.toContain(MARK);
    const run = await mke4k(['diff', outs[0], outs[1], '--format', 'json'], { cwd: ws });
    expect(run.code).toBe(3);
    expect(run.stdout + run.stderr).not.toContain(MARK);
  });

  test('text files: NAME=value lines, credential keys, URL passwords and private keys are masked', () => {
    expect(maskLines(['MKE_LICENSE_TOKEN=abc', 'export X="y"', 'password: hunter2', '  - token: t', 'url: https://u:pw@h/x', 'plain: value'])).toEqual([
      'MKE_LICENSE_TOKEN=***',
      'export X=***',
      'password: ***',
      '  - token: ***',
      'url: https://u:***@h/x',
      'plain: value',
    ]);
    expect(maskLines(['key: |', '  -----BEGIN RSA PRIVATE KEY-----', `  ${MARK}abc`, '  -----END RSA PRIVATE KEY-----', 'after: 1'])).toEqual(['key: |', '  ***', '  ***', '  ***', 'after: 1']);
  });

  test('YAML objects: a Secret\'s data, authPass and URL credentials anywhere are masked', () => {
    const a = mkdtempSync(join(tmpdir(), 'mke4k-da-'));
    const b = mkdtempSync(join(tmpdir(), 'mke4k-db-'));
    const doc = (v: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  anything: ${v}-1\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  authPass: ${v}-2\n  repo: https://u:${v}-3@git.example.com/x\n  env.txt: A=b\n`;
    writeFileSync(join(a, 'x.yaml'), doc(`${MARK}a`));
    writeFileSync(join(b, 'x.yaml'), doc(`${MARK}b`));
    writeFileSync(join(a, 'secrets.env'), `X=${MARK}a\n`);
    writeFileSync(join(b, 'secrets.env'), `X=${MARK}b\n`);
    const text = printedDiff(a, b);
    expect(text.match(/\(secret changed\)/g)).toHaveLength(3);
    expect(text).not.toContain(MARK);
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
  });
});

describe('11. the folder line diff is a real diff with a bound', () => {
  test('two 2 MB files that differ everywhere: one bounded change, under 5 s of CPU', () => {
    const a = mkdtempSync(join(tmpdir(), 'mke4k-la-'));
    const b = mkdtempSync(join(tmpdir(), 'mke4k-lb-'));
    const lines = (seed: string) => Array.from({ length: 100_000 }, (_, i) => `line ${seed} ${i} ${'x'.repeat(8)}`).join('\n');
    writeFileSync(join(a, 'big.txt'), lines('a'));
    writeFileSync(join(b, 'big.txt'), lines('b'));
    const cpu = process.cpuUsage();
    const changes = diffFolders(a, b);
    const used = process.cpuUsage(cpu);
    expect(changes).toEqual([{ path: 'big.txt', kind: 'changed', old: '(100000 lines)', new: `(100000 lines; more than ${MAX_LINE_EDITS} lines differ, not listed)` }]);
    expect((used.user + used.system) / 1000).toBeLessThan(5000);
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
  });

  test('a moved line is one removal and one addition at its places, repeated lines count (not "is it anywhere")', () => {
    const a = mkdtempSync(join(tmpdir(), 'mke4k-ma-'));
    const b = mkdtempSync(join(tmpdir(), 'mke4k-mb-'));
    writeFileSync(join(a, 'f.txt'), 'one\ntwo\nthree\nx\n');
    writeFileSync(join(b, 'f.txt'), 'two\nthree\none\nx\nx\n');
    expect(diffFolders(a, b)).toEqual([
      { path: 'f.txt', kind: 'removed', old: 'one' },
      { path: 'f.txt', kind: 'added', new: 'one' },
      { path: 'f.txt', kind: 'added', new: 'x' },
    ]);
    cpSync(join(a, 'f.txt'), join(b, 'f.txt'));
    expect(diffFolders(a, b)).toEqual([]);
    mkdirSync(join(a, 'sub'));
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
  });
});
