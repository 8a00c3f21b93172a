/**
 * The edge of the library: mke4.yaml text (or a spec object from TypeScript) in, an immutable
 * validated `MkeSpec` plus every diagnostic out. Steps, in order: parse with positions → header →
 * version → unknown keys → version defaults → schema → cross-field rules.
 */
import type { z } from 'zod';
import { Diagnostic, DiagnosticCode, formatPath, hasErrors, PathSegment, Severity, sortDiagnostics } from './diagnostics';
import { initSpec, Json, JsonObject, mergeDefaults } from './defaults';
import { MKE_RELEASES, MkeRelease, NEWEST_RELEASE, toRelease } from './releases';
import { RuleFinding, runRules } from './rules';
import { MKE_API_VERSION, MKE_KIND, MKE_NAMESPACE, mkeConfigSchema, specSchema } from './schema';
import { findUnknownKeys, isRecord, mapIssue, valueAt } from './schema-walk';
import { MAX_INPUT_BYTES, parseSource, SourceDocument, tooLargeDiagnostic } from './source';
import { deepFreeze, MkeSpec } from './types';
import { readCapped, readErrorReason } from './read-input';
import { findSecrets, isSecretPlaceholder, secretVariable } from './secrets';
import { dns1123SubdomainError } from '../k8s-names';

export interface LoadOptions {
  /** File name used in diagnostics (`-` for standard input). @default 'mke4.yaml' */
  readonly file?: string;
  /** Turn every warning into an error (`--strict`). @default false */
  readonly strict?: boolean;
}

/** A loaded, valid cluster definition. */
export interface LoadedConfig {
  /** `metadata.name` of the MkeConfig. */
  readonly name: string;
  /** The MKE release the spec targets (from `spec.version`, or inferred). */
  readonly release: MkeRelease;
  /** The validated spec with the release's defaults applied. */
  readonly spec: MkeSpec;
}

export interface LoadResult {
  /** Present when there are no errors. */
  readonly config?: LoadedConfig;
  /** Every problem found, sorted by position. */
  readonly diagnostics: readonly Diagnostic[];
  /** The parsed source, for printing source lines under diagnostics. */
  readonly source?: SourceDocument;
}

const TOP_LEVEL_KEYS = ['apiVersion', 'kind', 'metadata', 'spec'];

/**
 * Hosts beyond Kubernetes' documented maximum of 5,000 nodes
 * (https://kubernetes.io/docs/setup/best-practices/cluster-large/) get a warning.
 */
export const KUBERNETES_MAX_NODES = 5000;

/**
 * Hosts one file may have: the hard bound on the cost of validating and synthesizing any input
 * under the 4 MiB size cap (a file of minimal hosts filling 4 MiB holds about 75,000 of them).
 */
export const MAX_HOSTS = 10_000;

/** Keys that only MKE 4.0 files use; a file without `spec.version` that has one is a 4.0 file. */
function looksLike40(spec: Record<string, unknown>): boolean {
  const network = isRecord(spec.network) ? spec.network : {};
  const providers = Array.isArray(network.providers) ? network.providers : [];
  const auth = isRecord(spec.authentication) ? spec.authentication : {};
  const expiry = isRecord(auth.expiry) ? auth.expiry : {};
  return (
    spec.addons !== undefined ||
    expiry.refreshTokens !== undefined ||
    (isRecord(network.cplb) && network.cplb.controlPlaneLoadBalancing !== undefined) ||
    providers.some((p) => isRecord(p) && isRecord(p.extraConfig) && ('clusterCIDRIPv4' in p.extraConfig || 'deployWithOperator' in p.extraConfig))
  );
}

type Emit = (code: DiagnosticCode, severity: Severity, path: PathSegment[], message: string, hint?: string, onKey?: boolean) => void;

/** Loads mke4.yaml text. Never throws for bad input: problems come back as diagnostics. */
export function loadMkeConfig(text: string, options: LoadOptions = {}): LoadResult {
  const file = options.file ?? 'mke4.yaml';
  const parsed = parseSource(text, file);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  if (hasErrors(diagnostics) || parsed.value === undefined) return finish(diagnostics, parsed.source, undefined, options);
  const source = parsed.source;
  const emit: Emit = (code, severity, path, message, hint, onKey) => diagnostics.push(source.diag(code, severity, path, message, hint, onKey));
  const config = validateDocument(parsed.value, emit);
  plaintextSecrets(parsed.value, emit);
  return finish(diagnostics, source, config, options);
}

/**
 * mke4.yaml is the file users keep in Git: a secret value in it is a leak waiting to happen, even
 * though our output never carries it. A `${MKE_…}` placeholder is what belongs there.
 */
function plaintextSecrets(value: unknown, emit: Emit): void {
  const spec = isRecord(value) && isRecord(value.spec) ? value.spec : undefined;
  if (!spec) return;
  for (const [path, secret] of findSecrets(spec)) {
    if (isSecretPlaceholder(secret)) continue;
    const variable = secretVariable(path);
    emit('secret-plaintext', 'warning', ['spec', ...path], `a secret value is written in the file (the output uses the placeholder \${${variable}} instead)`, `write "\${${variable}}" here and give the value when applying: a Flux Secret, the environment of k0sctl, or mke4k synth --secrets-from`);
  }
}

/** Reads and loads a file (`-` reads standard input). */
export function loadMkeConfigFile(path: string, options: Omit<LoadOptions, 'file'> = {}): LoadResult {
  // Read with a cap, in chunks: standard input, a FIFO or a device has no size to ask for first.
  const read = readCapped(path, MAX_INPUT_BYTES);
  if (read.kind === 'too-large') return { diagnostics: [tooLargeDiagnostic(path)] };
  if (read.kind === 'error') return { diagnostics: [{ code: 'file-read', severity: 'error', message: `${path}: ${readErrorReason(read.code)}`, path: '', file: path, hint: 'check the path given with -f' }] };
  const text = read.text;
  return loadMkeConfig(text, { ...options, file: path });
}

/**
 * Validates a spec given as data (the TypeScript path): same schema, defaults and rules as a file,
 * diagnostics carry paths but no positions.
 */
export function validateSpec(spec: unknown, options: { name?: string; strict?: boolean } = {}): LoadResult {
  const diagnostics: Diagnostic[] = [];
  const emit: Emit = (code, severity, path, message, hint) => diagnostics.push({ code, severity, path: formatPath(path), message, ...(hint ? { hint } : {}) });
  const config = validateDocument(
    { apiVersion: MKE_API_VERSION, kind: MKE_KIND, metadata: { name: options.name ?? 'mke', namespace: MKE_NAMESPACE }, spec },
    emit,
  );
  return finish(diagnostics, undefined, config, options);
}

function finish(diagnostics: Diagnostic[], source: SourceDocument | undefined, config: LoadedConfig | undefined, options: { strict?: boolean }): LoadResult {
  const final = sortDiagnostics(options.strict ? diagnostics.map((d) => ({ ...d, severity: 'error' as const })) : diagnostics);
  return hasErrors(final) ? { diagnostics: final, source } : { config, diagnostics: final, source };
}

function validateDocument(value: unknown, emit: Emit): LoadedConfig | undefined {
  if (!isRecord(value)) {
    emit('yaml-not-mapping', 'error', [], 'the document must be a mapping with apiVersion, kind, metadata and spec');
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (!TOP_LEVEL_KEYS.includes(key)) {
      emit('unknown-top-level-key', 'error', [key], `unknown top-level key ${JSON.stringify(key)}`, 'only apiVersion, kind, metadata and spec are allowed here', true);
    }
  }
  if (value.apiVersion !== MKE_API_VERSION) {
    emit('header-api-version', 'error', ['apiVersion'], value.apiVersion === undefined ? 'apiVersion is missing' : `apiVersion must be ${MKE_API_VERSION}`, `write \`apiVersion: ${MKE_API_VERSION}\``);
  }
  if (value.kind !== MKE_KIND) {
    emit('header-kind', 'error', ['kind'], value.kind === undefined ? 'kind is missing' : `kind must be ${MKE_KIND}`, `write \`kind: ${MKE_KIND}\``);
  }
  const metadata = isRecord(value.metadata) ? value.metadata : undefined;
  // Without metadata at all the schema reports `metadata` as required; one diagnostic is enough.
  if (metadata && metadata.namespace === undefined) {
    emit('header-namespace', 'warning', ['metadata', 'namespace'], `metadata.namespace is missing; MKE reads the MkeConfig from namespace ${MKE_NAMESPACE}`, `add \`namespace: ${MKE_NAMESPACE}\` under metadata`);
  } else if (metadata && metadata.namespace !== MKE_NAMESPACE) {
    emit('header-namespace', 'error', ['metadata', 'namespace'], `metadata.namespace must be ${MKE_NAMESPACE}`, `write \`namespace: ${MKE_NAMESPACE}\``);
  }
  if (typeof metadata?.name === 'string' && dns1123SubdomainError(metadata.name)) {
    emit('header-name', 'error', ['metadata', 'name'], 'metadata.name must be a DNS-1123 name (lower-case letters, digits, - and .)', 'e.g. `name: mke`');
  }
  const rawSpec = isRecord(value.spec) ? value.spec : undefined;
  if (!rawSpec) {
    emit(value.spec === undefined ? 'required' : 'invalid-type', 'error', ['spec'], value.spec === undefined ? 'spec is required' : 'spec must be a mapping');
    return undefined;
  }
  const release = resolveRelease(rawSpec, emit);
  if (!release) return undefined;
  // Checked before the schema: validating and synthesizing cost time per host.
  if (Array.isArray(rawSpec.hosts) && rawSpec.hosts.length > MAX_HOSTS) {
    emit('too-many-hosts', 'error', ['spec', 'hosts'], `${rawSpec.hosts.length.toLocaleString('en-US')} hosts; at most ${MAX_HOSTS.toLocaleString('en-US')} are supported`, 'Kubernetes supports clusters of up to 5,000 nodes (kubernetes.io/docs/setup/best-practices/cluster-large); split the hosts into several clusters (a fleet)');
    return undefined;
  }
  if (Array.isArray(rawSpec.hosts) && rawSpec.hosts.length > KUBERNETES_MAX_NODES) {
    emit('hosts-beyond-kubernetes-limit', 'warning', ['spec', 'hosts'], `${rawSpec.hosts.length.toLocaleString('en-US')} hosts; Kubernetes supports clusters of up to ${KUBERNETES_MAX_NODES.toLocaleString('en-US')} nodes (kubernetes.io/docs/setup/best-practices/cluster-large)`, 'split the hosts into several clusters (a fleet of child clusters)');
  }

  // Unknown keys are reported after the schema and the rules: a misspelled key whose intended field
  // is then reported missing or needed (a typo that loses `externalAddress`) is an error, not a warning.
  const unknowns = findUnknownKeys(specSchema, rawSpec, ['spec']);
  const needed: { path: PathSegment[]; code: DiagnosticCode }[] = [];
  const emitFinding: Emit = (code, severity, path, message, hint, onKey) => {
    needed.push({ path, code });
    emit(code, severity, path, message, hint, onKey);
  };
  const reportUnknowns = (): void => {
    for (const unknown of unknowns) {
      const intended = unknown.suggestion !== undefined ? [...unknown.path.slice(0, -1), unknown.suggestion] : undefined;
      // Only when the intended key is really absent, and a finding sits at it or below it.
      const absent = intended !== undefined && valueAt({ spec: rawSpec }, intended) === undefined;
      const lost = absent ? needed.find((f) => intended.every((seg, i) => f.path[i] === seg)) : undefined;
      if (intended && lost) {
        emit('unknown-key', 'error', unknown.path, `unknown key ${JSON.stringify(unknown.key)} (ignored), so ${formatPath(intended)} is not set, which this cluster needs (${lost.code})`, `did you mean ${JSON.stringify(unknown.suggestion)}?`, true);
      } else {
        emit('unknown-key', 'warning', unknown.path, `unknown key ${JSON.stringify(unknown.key)} (ignored)`, unknown.suggestion ? `did you mean ${JSON.stringify(unknown.suggestion)}?` : 'remove it; see `mke4k schema` for the fields of this section', true);
      }
    }
  };
  const merged = { ...value, spec: mergeDefaults(initSpec(release), { version: `v${release}`, ...(rawSpec as JsonObject) } as Json) };
  const result = mkeConfigSchema.safeParse(merged, parseOptions(merged));
  if (!result.success) {
    for (const issue of result.error.issues) {
      const mapped = mapIssue(issue, merged);
      // Header fields have their own diagnostics above.
      if (['apiVersion', 'kind'].includes(String(mapped.path[0]))) continue;
      emitFinding(mapped.code, 'error', mapped.path, mapped.message, mapped.hint);
    }
    for (const f of rulesDespiteSchemaErrors(merged, result.error.issues, release)) emitFinding(f.code, f.severity, f.path, f.message, f.hint);
    reportUnknowns();
    return undefined;
  }
  const spec = deepFreeze(result.data.spec) as MkeSpec;
  for (const f of runRules(spec, release)) emitFinding(f.code, f.severity, f.path, f.message, f.hint);
  reportUnknowns();
  return { name: result.data.metadata.name, release, spec };
}

/**
 * Collect every problem (STYLE habit 8): after schema errors, run the cross-field rules on a copy in
 * which each invalid value is replaced by the release's default (or removed), so a file with a bad
 * port and a `controller` role reports both in one run. Findings at or under a replaced path are
 * dropped (they would judge our stand-in, not the user's value). When the copy still fails the
 * schema (a missing required key, a broken list item) the rules are skipped.
 */
function rulesDespiteSchemaErrors(merged: Record<string, unknown>, issues: readonly z.core.$ZodIssue[], release: MkeRelease): RuleFinding[] {
  const copy = structuredClone(merged);
  const defaults = { spec: initSpec(release) };
  const replaced: PathSegment[][] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (path[0] !== 'spec' || path.length < 2) return [];
    const parent = valueAt(copy, path.slice(0, -1));
    const key = path[path.length - 1];
    if (!isRecord(parent) || typeof key !== 'string') return [];
    const fallback = valueAt(defaults, path);
    if (fallback === undefined) delete parent[key];
    else parent[key] = structuredClone(fallback);
    replaced.push(path);
  }
  let again = mkeConfigSchema.safeParse(copy, parseOptions(copy));
  // A required key missing inside an optional object (a host's `ssh` without `address`): drop the
  // object, and do not judge it nor the object that held it — up to two more rounds.
  const exact: PathSegment[][] = [];
  for (let round = 0; round < 2 && !again.success; round++) {
    for (const issue of again.error.issues) {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      const at = path.slice(0, -1);
      const key = at[at.length - 1];
      const holder = valueAt(copy, at.slice(0, -1));
      if (at.length < 3 || typeof key !== 'string' || !isRecord(holder)) return [];
      delete holder[key];
      replaced.push(at);
      // The object that held it may now look incomplete (a host without a connection): not judged.
      exact.push(at.slice(0, -1));
    }
    again = mkeConfigSchema.safeParse(copy, parseOptions(copy));
  }
  if (!again.success) return [];
  const within = (path: readonly PathSegment[], prefix: readonly PathSegment[]) => prefix.every((seg, i) => path[i] === seg);
  return runRules(deepFreeze(again.data.spec) as MkeSpec, release).filter((f) => !replaced.some((r) => within(f.path, r)) && !exact.some((e) => e.length === f.path.length && within(f.path, e)));
}

/**
 * zod compiles a fast parser per object schema with \`new Function\` on first use: that pays off for
 * many hosts, but for a small file compiling dozens of parsers costs more than it saves (and eval'd
 * code is not in the CLI's code cache). Measured with \`npm run bench\`.
 */
const JIT_FROM_HOSTS = 200;
function parseOptions(doc: Record<string, unknown>): { jitless: boolean } {
  const spec = isRecord(doc.spec) ? doc.spec : {};
  return { jitless: !Array.isArray(spec.hosts) || spec.hosts.length < JIT_FROM_HOSTS };
}

function resolveRelease(spec: Record<string, unknown>, emit: Emit): MkeRelease | undefined {
  const version = spec.version;
  if (version === undefined) {
    const inferred: MkeRelease = looksLike40(spec) ? '4.0.1' : NEWEST_RELEASE;
    emit('version-inferred', 'warning', ['spec', 'version'], `spec.version is missing; treating the file as MKE ${inferred}${inferred === '4.0.1' ? ' (it uses 4.0-only keys)' : ' (the newest release)'}`, `add \`version: v${inferred}\` under spec`);
    return inferred;
  }
  if (typeof version !== 'string' || !/^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) {
    emit('invalid-version', 'error', ['spec', 'version'], 'must be an MKE version such as v4.2.0', `supported: ${MKE_RELEASES.map((r) => `v${r}`).join(', ')}`);
    return undefined;
  }
  const release = toRelease(version);
  if (!release) {
    emit('unsupported-version', 'error', ['spec', 'version'], `MKE ${version} is not a release this library knows`, `supported: ${MKE_RELEASES.map((r) => `v${r}`).join(', ')}`);
    return undefined;
  }
  return release;
}
