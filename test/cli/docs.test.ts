/** docs/cli.md documents every command and option the CLI has, and every exit code. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildProgram } from '../../lib/cli/main';
import { formatChange } from '../../lib/diff/format';
import { ROOT } from './helpers';

const doc = readFileSync(join(ROOT, 'docs', 'cli.md'), 'utf8');
const program = buildProgram({ stdout: { write: () => true }, stderr: { write: () => true } }, () => undefined);

test.each(program.commands.map((c) => [c.name(), c] as const))('mke4k %s is documented with all its options', (name, command) => {
  expect(doc).toContain(`### \`mke4k ${name}`);
  for (const option of command.options) expect(doc).toContain(option.long as string);
});

test('every exit code has a row', () => {
  for (const code of [0, 1, 2, 3]) expect(doc).toMatch(new RegExp(`^\\| \`${code}\` \\|`, 'm'));
});

test('diff lines are coloured only when asked (a TTY)', () => {
  const change = { path: 'spec.version', kind: 'changed' as const, old: 'v4.1.5', new: 'v4.2.0', impact: 'unsupported: x' };
  expect(formatChange(change)).toBe('~ spec.version: v4.1.5 → v4.2.0  # unsupported: x');
  expect(formatChange(change, true)).toContain('\u001b[');
});
