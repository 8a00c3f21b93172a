/**
 * Diagnostics as text: `file:line:col: error|warning CODE: spec.path: message`, the
 * source line with a caret under the column, then `hint: …`. Colour only on a TTY (and not with NO_COLOR).
 */
import type { Diagnostic } from '../config/diagnostics';
import type { SourceDocument } from '../config/source';
import { printable } from '../printable';

export interface PrintOptions {
  readonly color?: boolean;
}

const paint = (on: boolean, code: string, text: string): string => (on ? `\u001b[${code}m${text}\u001b[0m` : text);

export function formatDiagnostic(d: Diagnostic, source?: SourceDocument, options: PrintOptions = {}): string {
  const color = options.color ?? false;
  // Every piece may come from the input (file names, keys, values): printed without control characters.
  const where = printable([d.file, d.line, d.col].filter((x) => x !== undefined && x !== '').join(':'));
  const severity = paint(color, d.severity === 'error' ? '1;31' : '1;33', d.severity);
  const head = `${where ? `${where}: ` : ''}${severity} ${d.code}: ${d.path ? `${printable(d.path)}: ` : ''}${printable(d.message)}`;
  const lines = [head];
  if (source && d.line !== undefined && source.file === d.file) {
    const text = printable(source.lineText(d.line));
    if (text.length <= 300) {
      lines.push(`  ${text}`);
      lines.push(`  ${' '.repeat(Math.max(0, (d.col ?? 1) - 1))}${paint(color, '1;32', '^')}`);
    }
  }
  if (d.hint) lines.push(`  ${paint(color, '36', 'hint')}: ${printable(d.hint)}`);
  return lines.join('\n');
}

export function formatDiagnostics(diagnostics: readonly Diagnostic[], source?: SourceDocument, options: PrintOptions = {}): string {
  return diagnostics.map((d) => formatDiagnostic(d, source, options)).join('\n');
}

/** The `--format json` shape. */
export function diagnosticsJson(diagnostics: readonly Diagnostic[]): object[] {
  return diagnostics.map((d) => ({
    code: d.code,
    severity: d.severity,
    message: d.message,
    path: d.path,
    file: d.file ?? null,
    line: d.line ?? null,
    col: d.col ?? null,
    hint: d.hint ?? null,
  }));
}

export function useColor(stream: NodeJS.WriteStream): boolean {
  return Boolean(stream.isTTY) && !process.env.NO_COLOR;
}
