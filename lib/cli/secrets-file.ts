/**
 * `synth --secrets-from FILE`: applying without Flux. Reads `NAME=value` lines and
 * makes a filled copy of k0sctl.yaml and manifests/ under `<out>/<cluster>/local/`, with its own
 * `.gitignore` of `*` — never under `manifests/`, which goes to Git. No value is ever printed.
 */
import { readCapped, readErrorReason } from '../config/read-input';
import { MAX_INPUT_BYTES } from '../config/source';
import { parseAllDocuments } from 'yaml';
import type { Diagnostic } from '../config/diagnostics';
import type { RenderedCluster, RenderedFile } from '../output/writer';
import { toYaml, toYamlDocuments } from '../output/yaml';

export interface SecretsFile {
  readonly values: ReadonlyMap<string, string>;
  readonly diagnostics: readonly Diagnostic[];
}

/** `NAME=value` per line; `#` comments, blank lines and a leading `export ` allowed; quotes stripped. */
export function parseSecretsFile(text: string, file: string): SecretsFile {
  const values = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m) {
      // The line may hold a value: say where, never what.
      diagnostics.push({ code: 'secrets-file', severity: 'error', message: 'not a NAME=value line', path: '', file, line: i + 1, col: 1, hint: 'write one VARIABLE=value per line, as in secrets.env.example' });
      return;
    }
    values.set(m[1], unquote(m[2]));
  });
  return { values, diagnostics };
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1);
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\(["\\n])/g, (_m, c: string) => (c === 'n' ? '\n' : c));
  }
  return value;
}

export function readSecretsFile(file: string): SecretsFile {
  const read = readCapped(file, MAX_INPUT_BYTES);
  if (read.kind !== 'text') {
    const reason = read.kind === 'too-large' ? `is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB` : readErrorReason(read.code);
    return { values: new Map(), diagnostics: [{ code: 'secrets-file', severity: 'error', message: `${file}: ${reason}`, path: '', file, hint: 'check the path given with --secrets-from' }] };
  }
  return parseSecretsFile(read.text, file);
}

/** `${MKE_…}` placeholders (not the Flux-escaped `$${…}`) used in a text. */
export function placeholders(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/(\$?)\$\{(MKE_[A-Z0-9_]+)\}/g)) if (m[1] === '') found.add(m[2]);
  return [...found];
}

/** Variable → field, from the `# spec.field` comment above each `NAME=` line of secrets.env.example. */
function fieldsOf(cluster: RenderedCluster): Map<string, string> {
  const example = cluster.files.find((f) => f.path === 'secrets.env.example')?.content ?? '';
  const out = new Map<string, string>();
  const lines = example.split('\n');
  lines.forEach((line, i) => {
    const m = /^([A-Z0-9_]+)=/.exec(line);
    const comment = /^# (spec\.\S+)$/.exec(lines[i - 1] ?? '');
    if (m && comment) out.set(m[1], comment[1]);
  });
  return out;
}

type Fill = (s: string) => string;

function mapStrings(value: unknown, fill: Fill): unknown {
  if (typeof value === 'string') return fill(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fill));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapStrings(v, fill);
    return out;
  }
  return value;
}

const SUBSTITUTE_DISABLED = 'kustomize.toolkit.fluxcd.io/substitute';

function substitutionDisabled(doc: unknown): boolean {
  const annotations = (doc as { metadata?: { annotations?: Record<string, unknown> } } | null)?.metadata?.annotations;
  return annotations?.[SUBSTITUTE_DISABLED] === 'disabled';
}

const HEADER = '# Filled copy with secret values, written by `mke4k synth --secrets-from`. Never commit it (see .gitignore).\n';

function fillFile(file: RenderedFile, values: ReadonlyMap<string, string>): RenderedFile {
  const docs = parseAllDocuments(file.content, { version: '1.1' });
  const objects = (Array.isArray(docs) ? docs : []).map((d) => d.toJS() as unknown).filter((v) => v !== null && v !== undefined);
  if (file.path === 'k0sctl.yaml') {
    // k0sctl expands `$` itself: a value's own `$` must reach it as `$$` (k0sproject/k0sctl#258, k0sproject/k0s#2885).
    const fill: Fill = (s) => s.replace(/\$\{(MKE_[A-Z0-9_]+)\}/g, (m, name: string) => (values.has(name) ? (values.get(name) as string).replace(/\$/g, '$$$$') : m));
    return { path: `local/${file.path}`, content: HEADER + toYaml(mapStrings(objects[0], fill)) };
  }
  // What Flux's postBuild substitution would apply: placeholders filled, `$${` unescaped to `${`,
  // except in objects that opt out of substitution.
  const fill: Fill = (s) => s.replace(/\$\$\{|\$\{(MKE_[A-Z0-9_]+)\}/g, (m, name: string | undefined) => (name === undefined ? '${' : values.get(name) ?? m));
  const filled = objects.map((o) => (substitutionDisabled(o) ? o : mapStrings(o, fill)));
  return { path: `local/${file.path}`, content: HEADER + toYamlDocuments(filled) };
}

/** The `local/` files of one cluster, or `secret-missing` errors (and no files). */
export function localCopy(cluster: RenderedCluster, secrets: SecretsFile, secretsPath: string): { files: RenderedFile[]; diagnostics: Diagnostic[] } {
  const sources = cluster.files.filter((f) => f.path === 'k0sctl.yaml' || (/^(manifests|services|extras)\//.test(f.path) && /\.ya?ml$/.test(f.path)));
  const needed = [...new Set(sources.flatMap((f) => placeholders(f.content)))].sort();
  const fields = fieldsOf(cluster);
  const diagnostics: Diagnostic[] = needed
    .filter((name) => !secrets.values.get(name))
    .map((name) => ({
      code: 'secret-missing' as const,
      severity: 'error' as const,
      message: `${name} is not set in ${secretsPath}${fields.has(name) ? ` (it fills ${fields.get(name)})` : ''}`,
      path: fields.get(name) ?? '',
      file: secretsPath,
      hint: `add a line ${name}=… (see ${cluster.name}/secrets.env.example)`,
    }));
  if (diagnostics.length) return { files: [], diagnostics };
  const files = sources.map((f) => fillFile(f, secrets.values));
  files.push({ path: 'local/.gitignore', content: '# Secret values: never commit this folder.\n*\n' });
  return { files, diagnostics };
}
