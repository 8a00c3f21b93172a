/**
 * Library warnings at synth: what the CLI prints for a file (unknown keys with "did you mean",
 * unverified charts, what a delivery mode cannot do), one line each on stderr, so a program that uses
 * the library directly sees them too.
 */
import type { Diagnostic } from '../config/diagnostics';
import { MkeValidationError } from '../config/diagnostics';
/** What the report reads of a rendered folder (a `RenderedCluster` fits). */
export interface FolderWarnings {
  readonly name: string;
  readonly warnings: readonly Diagnostic[];
}

/** What synth does with warnings: print them (default), keep quiet, or fail like `--strict`. */
export type WarningMode = 'print' | 'ignore' | 'error';

/** One line: `mke4k-cdk8s: <cluster>: [file:line:col: ]warning CODE: path: message (hint: …)`. */
export function warningLine(cluster: string, d: Diagnostic): string {
  const where = [d.file, d.line, d.col].filter((x) => x !== undefined && x !== '').join(':');
  const text = `${where ? `${where}: ` : ''}${d.severity} ${d.code}: ${d.path ? `${d.path}: ` : ''}${d.message}${d.hint ? ` (hint: ${d.hint})` : ''}`;
  return `mke4k-cdk8s: ${cluster}: ${text.replace(/\s*\n\s*/g, ' ')}`;
}

/** Writes (or, in `error` mode, throws) the warnings of rendered clusters; each distinct one once. */
export function reportWarnings(rendered: readonly FolderWarnings[], mode: WarningMode = 'print', write: (line: string) => void = (l) => process.stderr.write(l + '\n')): void {
  if (mode === 'ignore') return;
  const lines: string[] = [];
  const errors: Diagnostic[] = [];
  for (const cluster of rendered) {
    const seen = new Set<string>();
    for (const d of cluster.warnings) {
      const line = warningLine(cluster.name, d);
      if (seen.has(line)) continue;
      seen.add(line);
      lines.push(line);
      errors.push({ ...d, severity: 'error', message: `${cluster.name}: ${d.message}` });
    }
  }
  if (mode === 'error') {
    if (errors.length) throw new MkeValidationError(errors);
    return;
  }
  for (const line of lines) write(line);
}
