/** The fleet's diagnostic codes; structured validations live in lib/construct-diagnostics.ts. */
import type { DiagnosticCode } from '../config/diagnostics';

export { addDiagnosticValidation, structuredDiagnostics, structuredWarnings } from '../construct-diagnostics';

/** Codes of the fleet's problems (rows in docs/diagnostics.md). */
export const FLEET_CODES = {
  unsupportedRelease: 'unsupported-version',
  invalidName: 'invalid-name',
  invalidLabel: 'invalid-label',
  templateMissing: 'template-missing',
  credentialMissing: 'credential-missing',
  providerNotEnabled: 'provider-not-enabled',
  duplicateCluster: 'duplicate-cluster',
  duplicateObject: 'duplicate-object',
  selectorEmpty: 'selector-empty',
  selectorNoMatch: 'selector-no-match',
  invalidValue: 'invalid-value',
  clusterTemplateUnknown: 'cluster-template-unknown',
  wrapperValues: 'wrapper-values',
} as const satisfies Record<string, DiagnosticCode>;

