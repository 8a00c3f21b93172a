/**
 * One diagnostic type for every problem the project reports: YAML syntax, schema, cross-field rules,
 * construct validations and output checks. Code and tests branch on `code`, never on message text.
 * Every code has a row in the README's diagnostics table (a test enforces it).
 */
import { compareText } from './collate';

/** The closed set of diagnostic codes. */
export const DIAGNOSTIC_CODES = [
  // input document
  'yaml-syntax',
  'yaml-duplicate-key',
  'yaml-multiple-documents',
  'yaml-not-mapping',
  'yaml-alias-limit',
  'yaml-too-large',
  'yaml-binary',
  'file-read',
  // header
  'header-api-version',
  'header-kind',
  'header-namespace',
  'header-name',
  'unknown-top-level-key',
  // schema
  'unknown-key',
  'required',
  'invalid-type',
  'invalid-value',
  'invalid-enum',
  'invalid-cidr',
  'invalid-address',
  'invalid-port',
  'invalid-version',
  'unsupported-version',
  'version-inferred',
  // hosts and roles
  'no-hosts',
  'role-controller',
  'single-not-alone',
  'no-controller',
  'duplicate-host-address',
  'duplicate-hostname',
  'duplicate-private-address',
  'even-controller-count',
  'no-taints-role',
  'install-flag-quotes',
  'install-flag-profile',
  // network
  'cni-count',
  'cni-cilium',
  'cni-kuberouter-deprecated',
  'cidr-overlap',
  'external-address-port',
  'external-address-missing',
  'node-port-range',
  'node-port-collision',
  'calico-values',
  'nllb-external-address',
  'nllb-single',
  'cplb-single',
  'cplb-auth-pass',
  'kubelet-root-dir',
  'registry-url',
  'node-local-dns',
  // services and output
  'unverified-chart',
  'delivery-unsupported',
  'mke40-services',
  'secret-missing',
  'duplicate-cluster',
  'template-missing',
  'dependency-cycle',
  'invalid-name',
  'override-path',
  // CLI
  'program-failed',
  'secrets-file',
  // fleets
  'credential-missing',
  'provider-not-enabled',
  'invalid-label',
  'selector-empty',
  'selector-no-match',
  'duplicate-object',
  // airgap
  'airgap-public-reference',
  // run-time behaviour (issue 12a)
  'apply-staging',
  'reference-unresolved',
  'registry-ca-ignored',
  'cluster-template-unknown',
  'wrapper-values',
  'k0rdent-dropped-section',
  // Bitnami images moved (issue 12b)
  'velero-crds-not-upgraded',
  // bootstrap behaviour (k0s/k0sctl run time)
  'audit-log-dir',
  'encryption-provider-dropped',
  'ssh-key-path-relative',
  'host-file-missing',
  'host-file-unreadable',
  'host-dir-mode',
  'node-selector-no-match',
  'helm-oci-repository',
  'k0s-facts-unverified',
  // hostile input and secrets
  'output-cleanup',
  'secret-plaintext',
  'secret-in-url',
  'unsafe-flag',
  'program-timeout',
  'too-many-hosts',
  'hosts-beyond-kubernetes-limit',
  // CLI: usage and internal errors as JSON (`--format json`)
  'usage-error',
  'internal-error',
  // k0s/k0sctl run-time audit of k0sctl.yaml (issue 11)
  'cplb-virtual-servers',
  'cplb-no-vip',
  'windows-kubelet-profile',
  'no-schedulable-node',
  'no-taints-added',
  'cplb-external-address',
] as const;

export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

export type Severity = 'error' | 'warning';

/** A problem found in the input or in a construct tree. Plain data, safe to print (never holds a secret). */
export interface Diagnostic {
  /** Stable identifier of the kind of problem; see the README's diagnostics table. */
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  /** What is wrong, in the user's key names. */
  readonly message: string;
  /** Dotted path in the user's document, e.g. `spec.network.serviceCIDR` or `spec.hosts[2].role`. */
  readonly path: string;
  /** Input file name (`-` for standard input), when the problem comes from a file. */
  readonly file?: string;
  /** 1-based line, when known. */
  readonly line?: number;
  /** 1-based column, when known. */
  readonly col?: number;
  /** What to do about it. */
  readonly hint?: string;
}

/** A path segment: object key or list index. */
export type PathSegment = string | number;

/** Renders a path the way users write it: `spec.hosts[0].ssh.address`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Orders diagnostics by file, position, then code, so output is stable. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compareText(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.col ?? 0) - (b.col ?? 0) ||
      compareText(a.path, b.path) ||
      compareText(a.code, b.code),
  );
}

/** Thrown by library entry points that must not continue after invalid input. Carries every diagnostic. */
export class MkeValidationError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    super(
      `${errors.length} error(s):\n` +
        errors
          .map((d) => {
            const where = [d.file, d.line, d.col].filter((x) => x !== undefined && x !== '').join(':');
            return `  ${where ? `${where}: ` : ''}${d.code}: ${d.path || '(document)'}: ${d.message}${d.hint ? `\n    hint: ${d.hint}` : ''}`;
          })
          .join('\n'),
    );
    this.name = 'MkeValidationError';
    this.diagnostics = diagnostics;
  }
}
