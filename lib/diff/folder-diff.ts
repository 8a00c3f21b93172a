/**
 * Diff of two synthesized cluster folders (`dist/<cluster>/`): files added or removed, and inside
 * YAML files the objects (matched by kind and name) compared field by field. `local/` (the filled
 * copy with secret values, DECISIONS 17) is never read.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
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
  const docs = parseAllDocuments(text, { version: '1.1' });
  if (!Array.isArray(docs) || docs.some((d) => d.errors.length)) return undefined;
  const out = new Map<string, unknown>();
  docs.forEach((doc, i) => {
    const value: unknown = doc.toJS();
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

function lineChanges(file: string, a: string, b: string): Change[] {
  const linesA = a.split('\n').filter((l) => l !== '');
  const linesB = b.split('\n').filter((l) => l !== '');
  const changes: Change[] = [];
  for (const l of linesA) if (!linesB.includes(l)) changes.push({ path: file, kind: 'removed', old: l });
  for (const l of linesB) if (!linesA.includes(l)) changes.push({ path: file, kind: 'added', new: l });
  return changes.length ? changes : [{ path: file, kind: 'changed', old: '(line order)', new: '(line order)' }];
}

export function fileChanges(file: string, a: string, b: string): Change[] {
  if (a === b) return [];
  const objectsA = /\.ya?ml$/.test(file) ? yamlObjects(a) : undefined;
  const objectsB = objectsA && yamlObjects(b);
  if (!objectsA || !objectsB) return lineChanges(file, a, b);
  const changes: Change[] = [];
  const keys = [...objectsA.keys(), ...[...objectsB.keys()].filter((k) => !objectsA.has(k))];
  for (const key of keys) {
    for (const change of diffTrees(objectsA.get(key), objectsB.get(key), { display: `${file}[${key}]`, real: [] }, { identity: specIdentity })) {
      const impact = fileImpactOf(change);
      changes.push(impact ? { ...change, impact } : change);
    }
  }
  // Only comments or formatting differ.
  return changes.length ? changes : [{ path: file, kind: 'changed', old: '(formatting)', new: '(formatting)' }];
}

/** Changes from folder `a` to folder `b`. */
export function diffFolders(a: string, b: string): Change[] {
  const filesA = listFiles(a);
  const filesB = listFiles(b);
  const all = [...new Set([...filesA, ...filesB])].sort();
  const changes: Change[] = [];
  for (const file of all) {
    const inA = filesA.includes(file);
    const inB = filesB.includes(file);
    if (!inB) changes.push({ path: file, kind: 'removed', old: '(file)' });
    else if (!inA) changes.push({ path: file, kind: 'added', new: '(file)' });
    else changes.push(...fileChanges(file, readFileSync(join(a, file), 'utf8'), readFileSync(join(b, file), 'utf8')));
  }
  return changes;
}

export function isFolder(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}
