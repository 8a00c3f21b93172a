/**
 * Pitfall 15: previews are pure. `validate`, `diff` and `init` write nothing — not in the working
 * folder, not next to their inputs — whatever the input.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readTree } from '../cli/helpers';
import { ENTRY, ROOT } from './run-cli';

test('validate, diff and init leave the working folder and the inputs untouched', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'mke4k-pure-cwd-'));
  const inputs = mkdtempSync(join(tmpdir(), 'mke4k-pure-in-'));
  cpSync(join(ROOT, 'examples', 'prod-mke4.yaml'), join(inputs, 'a.yaml'));
  cpSync(join(ROOT, 'test', 'fixtures', 'bad'), join(inputs, 'bad'), { recursive: true });
  const synth = spawnSync(process.execPath, [...ENTRY.map((e) => (e.endsWith('.ts') ? resolve(ROOT, e) : e)), 'synth', '-f', join(inputs, 'a.yaml'), '-o', join(inputs, 'out')], { cwd: ROOT, encoding: 'utf8' });
  expect(synth.status).toBe(0);
  const before = readTree(inputs);
  const entry = ENTRY.map((e) => (e.endsWith('.ts') ? resolve(ROOT, e) : e));
  const badFile = readdirSync(join(inputs, 'bad')).find((f) => f.endsWith('.yaml'))!;
  const runs: [string[], number][] = [
    [['validate', '-f', join(inputs, 'a.yaml')], 0],
    [['validate', '-f', join(inputs, 'bad', badFile)], 1],
    [['diff', join(inputs, 'a.yaml'), join(inputs, 'a.yaml')], 0],
    [['diff', join(inputs, 'out', 'prod'), join(inputs, 'out', 'prod')], 0],
    [['init', '--mke-version', '4.1.5'], 0],
  ];
  for (const [args, status] of runs) {
    // tsx resolves its loader from the project, so the sources run with NODE_PATH-free absolute paths.
    const run = spawnSync(process.execPath, [...entry, ...args], { cwd: entry[0] === '--import' ? ROOT : cwd, encoding: 'utf8' });
    expect({ args, status: run.status }).toEqual({ args, status });
  }
  expect(readdirSync(cwd)).toEqual([]);
  expect(readTree(inputs)).toEqual(before);
});
