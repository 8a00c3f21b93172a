/**
 * Diff of two synthesized cluster folders (`dist/<cluster>/`): files added or removed, and inside
 * YAML files the objects (matched by kind and name) compared field by field. `local/` (the filled
 * copy with secret values) is never read.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { diffArrays } from 'diff';
import { parseAllDocuments } from 'yaml';
import type { PathSegment } from '../config/diagnostics';
import { readCapped } from '../config/read-input';
import { isSecretAt, URL_CREDENTIALS } from '../config/secrets';
import { MAX_ALIAS_COUNT, MAX_INPUT_BYTES, MAX_YAML_NODES, nodeEstimate } from '../config/source';
import { fileImpactOf } from './impact';
import { specIdentity } from './spec-diff';
import { Change, diffTrees, isPlainObject } from './tree-diff';

/** Folders never compared: the filled secret copy and our own temporary folders. */
const SKIPPED = new Set(['local']);

/** Every file below `root`, as sorted `/`-separated relative paths. */
export function listFiles(root: string, sub = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, sub), { withFileTypes: true })) {
    const rel = sub ? `${sub}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!(sub === '' && SKIPPED.has(entry.name))) out.push(...listFiles(root, rel));
    } else if (entry.isFile()) out.push(rel);
  }
  return out.sort();
}

/** The objects of a YAML file keyed `Kind/namespace/name`, or undefined when it is not YAML objects. */
function yamlObjects(text: string): Map<string, unknown> | undefined {
  // The parser's time grows with the nodes, not the bytes: big files are compared as lines.
  if (nodeEstimate(text, MAX_YAML_NODES + 1).count > MAX_YAML_NODES) return undefined;
  // Parsed as the input is: no library warnings on stderr, aliases bounded.
  const docs = parseAllDocuments(text, { version: '1.1', logLevel: 'error', uniqueKeys: false });
  if (!Array.isArray(docs) || docs.length > 1000 || docs.some((d) => d.errors.length)) return undefined;
  const out = new Map<string, unknown>();
  docs.forEach((doc, i) => {
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch {
      value = { '(unreadable)': `document ${i + 1} expands too many aliases` };
    }
    if (value === null || value === undefined) return;
    const meta = isPlainObject(value) && isPlainObject(value.metadata) ? value.metadata : {};
    const kind = isPlainObject(value) && typeof value.kind === 'string' ? value.kind : undefined;
    const name = typeof meta.name === 'string' ? meta.name : undefined;
    let key = kind && name ? [kind, typeof meta.namespace === 'string' ? meta.namespace : undefined, name].filter(Boolean).join('/') : `#${i}`;
    while (out.has(key)) key += `#${i}`;
    out.set(key, value);
  });
  return out;
}

/**
 * Edits listed per file in a line diff. The diff costs O((N+M)·D) for D edits, so this bounds its
 * time whatever the files hold; beyond it the file is reported changed with its line counts.
 */
export const MAX_LINE_EDITS = 1000;

function lineChanges(file: string, a: string, b: string): Change[] {
  const linesA = maskLines(a.split('\n').filter((l) => l !== ''));
  const linesB = maskLines(b.split('\n').filter((l) => l !== ''));
  const parts = diffArrays(linesA, linesB, { maxEditLength: MAX_LINE_EDITS });
  if (!parts) {
    return [{ path: file, kind: 'changed', old: `(${linesA.length} lines)`, new: `(${linesB.length} lines; more than ${MAX_LINE_EDITS} lines differ, not listed)` }];
  }
  const changes: Change[] = [];
  for (const part of parts) {
    if (part.removed) for (const l of part.value) changes.push({ path: file, kind: 'removed', old: l });
    else if (part.added) for (const l of part.value) changes.push({ path: file, kind: 'added', new: l });
  }
  return changes.length ? changes : [{ path: file, kind: 'changed', old: '(empty lines)', new: '(empty lines)' }];
}

export function fileChanges(file: string, a: string, b: string): Change[] {
  if (a === b) return [];
  const objectsA = /\.ya?ml$/.test(file) ? yamlObjects(a) : undefined;
  const objectsB = objectsA && yamlObjects(b);
  if (!objectsA || !objectsB) return lineChanges(file, a, b);
  const changes: Change[] = [];
  const keys = [...objectsA.keys(), ...[...objectsB.keys()].filter((k) => !objectsA.has(k))];
  for (const key of keys) {
    const kind = key.split('/')[0];
    for (const change of diffTrees(objectsA.get(key), objectsB.get(key), { display: `${file}[${key}]`, real: [] }, { identity: specIdentity, isSecret: (real, values) => isOutputSecret(kind, real, values) })) {
      const impact = fileImpactOf(change);
      changes.push(impact ? { ...change, impact } : change);
    }
  }
  // Only comments or formatting differ.
  return changes.length ? changes : [{ path: file, kind: 'changed', old: '(formatting)', new: '(formatting)' }];
}

/** Files compared per folder: a synthesized cluster folder holds about ten. */
export const MAX_FOLDER_FILES = 10_000;

/** A file's text, read with the input size cap; what stands in for it when it cannot be read. */
function readFile(root: string, file: string): string {
  const read = readCapped(join(root, file), MAX_INPUT_BYTES);
  if (read.kind === 'text') return read.text;
  return read.kind === 'too-large' ? `(larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB, not compared)` : `(cannot be read: ${read.code})`;
}

/** Changes from folder `a` to folder `b`. */
export function diffFolders(a: string, b: string): Change[] {
  const filesA = listFiles(a);
  const filesB = listFiles(b);
  if (filesA.length > MAX_FOLDER_FILES || filesB.length > MAX_FOLDER_FILES) {
    return [{ path: '', kind: 'changed', old: `(${filesA.length} files)`, new: `(${filesB.length} files; more than ${MAX_FOLDER_FILES} files, not compared)` }];
  }
  const inA = new Set(filesA);
  const inB = new Set(filesB);
  const all = [...new Set([...filesA, ...filesB])].sort();
  const changes: Change[] = [];
  for (const file of all) {
    if (!inB.has(file)) changes.push({ path: file, kind: 'removed', old: '(file)' });
    else if (!inA.has(file)) changes.push({ path: file, kind: 'added', new: '(file)' });
    else changes.push(...fileChanges(file, readFile(a, file), readFile(b, file)));
  }
  return changes;
}

/** Keys whose value is a credential wherever they appear in an output object. */
const SECRET_KEYS = /^(password|passwd|authPass|bindPW|clientSecret|secret|token|apiKey|privateKey)$/i;
/** A PEM private key. */
const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;

/**
 * True when a value in a synthesized object is a secret. Diffs mask these wherever they are — a
 * filled `local/` copy compared directly, or any folder — not only by skipping `local/`: the
 * mke4.yaml secret fields inside the MkeConfig and k0sctl's hosts, any key named like a credential
 * (keepalived `authPass`, …), every value of a Secret, URLs with a password and private keys.
 */
export function isOutputSecret(kind: string, real: readonly PathSegment[], values: readonly unknown[]): boolean {
  if (real[0] === 'spec' && isSecretAt(real.slice(1), ...values)) return true;
  if (kind === 'Secret' && (real[0] === 'data' || real[0] === 'stringData')) return true;
  const last = real[real.length - 1];
  if (typeof last === 'string' && SECRET_KEYS.test(last)) return true;
  return values.some((v) => typeof v === 'string' && (URL_CREDENTIALS.test(v) || /:\/\/[^\s/@:]+:[^\s/@]*@/.test(v) || PRIVATE_KEY.test(v)));
}

/**
 * Lines of a file compared as text (not YAML objects), with secrets masked: `NAME=value` lines
 * (secrets files), `key: value` lines whose key names a credential, passwords in URLs, and every
 * line of a PEM private key.
 */
export function maskLines(lines: readonly string[]): string[] {
  let inKey = false;
  return lines.map((line) => {
    if (PRIVATE_KEY.test(line)) inKey = true;
    if (inKey) {
      if (/-----END [A-Z ]*PRIVATE KEY-----/.test(line)) inKey = false;
      return line.replace(/\S.*$/, '***');
    }
    const env = /^(\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*=)(.+)$/.exec(line);
    if (env) return `${env[1]}***`;
    const pair = /^(\s*(?:- )?["']?([A-Za-z0-9_.-]+)["']?\s*:)\s*(\S.*)$/.exec(line);
    if (pair && SECRET_KEYS.test(pair[2])) return `${pair[1]} ***`;
    return line.replace(/(:\/\/[^\s/@:]+:)[^\s/@]*@/g, '$1***@');
  });
}

export function isFolder(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}
