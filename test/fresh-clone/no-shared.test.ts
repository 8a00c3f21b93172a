/**
 * A fresh clone has no ../shared. Every suite that refers to it is collected in a copy of the repo
 * whose ../shared does not exist: nothing may read it at import time or while collecting tests, the
 * skipped suites say why in one line, and no committed snapshot is reported obsolete (jest would
 * suggest `-u`, which deletes them). Only collection and the skip lines run (`-t`), plus the suites
 * that own snapshots, so this costs seconds; CI on a clean clone runs the whole suite without it.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { SHARED_ABSENT } from '../corpus';

const ROOT = join(__dirname, '..', '..');

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === '__snapshots__' ? [] : testFiles(path);
    return e.name.endsWith('.test.ts') ? [path] : [];
  });
}

test('suites that use ../shared load and skip cleanly without it', () => {
  const users = testFiles(join(ROOT, 'test'))
    .filter((f) => f !== __filename && /from '\.\.\/corpus'|\.\.\/support\/crd-schemas|\/crd-schema'|\.\/schemas'/.test(readFileSync(f, 'utf8')))
    .map((f) => relative(ROOT, f));
  expect(users.length).toBeGreaterThan(5);
  const work = mkdtempSync(join(tmpdir(), 'mke4k-fresh-'));
  const repo = join(work, 'repo');
  try {
    for (const entry of ['lib', 'test', 'imports', 'schema', 'examples', 'apps', 'package.json', 'jest.config.js', 'tsconfig.json']) {
      cpSync(join(ROOT, entry), join(repo, entry), { recursive: true });
    }
    symlinkSync(join(ROOT, 'node_modules'), join(repo, 'node_modules'), 'dir');
    const jest = (args: string[]): string => {
      const run = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', '--colors=false', '--verbose', ...args], {
        cwd: repo,
        encoding: 'utf8',
        env: { ...process.env, FORCE_COLOR: '0' },
      });
      const output = `${run.stdout}${run.stderr}`;
      if (run.status !== 0) throw new Error(`jest failed without ../shared:\n${output}`);
      return output;
    };
    // Every suite: collected, and only the skip lines run.
    expect(jest(['-t', SHARED_ABSENT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), ...users])).toMatch(/Test Suites: \d+ skipped, /);
    // Suites with committed snapshots run whole: none of their snapshots may be reported obsolete.
    const withSnapshots = users.filter((f) => existsSync(join(ROOT, dirname(f), '__snapshots__', `${basename(f)}.snap`)));
    expect(withSnapshots.length).toBeGreaterThan(0);
    const output = jest(withSnapshots);
    expect(output).toMatch(/Tests: +\d+ skipped, (\d+ passed, )?\d+ total/);
    expect(output).not.toMatch(/obsolete/i);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}, 180_000);
