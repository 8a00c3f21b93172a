/** What a cross-field rule reports (rules.ts runs them; rules-*.ts define them). */
import type { DiagnosticCode, PathSegment, Severity } from './diagnostics';

/** A rule's finding, positioned by path only. */
export interface RuleFinding {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly path: PathSegment[];
  readonly message: string;
  readonly hint?: string;
}
