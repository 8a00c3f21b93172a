/**
 * `init --hosts FILE`: the hosts file is checked like the hosts of an mke4.yaml — YAML syntax, the
 * `spec.hosts[]` schema and the host rules — and each problem is reported at its line in the hosts
 * file (`hosts.yaml:4:7: error … hosts[1].ssh.address`), all at once.
 */
import { readCapped, readErrorReason } from '../config/read-input';
import type { Diagnostic, PathSegment } from '../config/diagnostics';
import { loadMkeConfig } from '../config/load';
import { isSeq } from 'yaml';
import { MAX_ALIAS_COUNT, MAX_INPUT_BYTES, parseSource, SourceDocument, tooLargeDiagnostic } from '../config/source';

export interface HostsFile {
  readonly hosts?: unknown[];
  readonly diagnostics: Diagnostic[];
  readonly source?: SourceDocument;
}

/** Reads and parses the hosts file: a non-empty YAML list. */
export function readHostsFile(file: string): HostsFile {
  // Read in chunks with a cap: standard input, FIFOs and devices have no size to ask for.
  const read = readCapped(file, MAX_INPUT_BYTES);
  if (read.kind === 'too-large') return { diagnostics: [tooLargeDiagnostic(file)] };
  if (read.kind === 'error') return { diagnostics: [{ code: 'file-read', severity: 'error', message: `${file}: ${readErrorReason(read.code)}`, path: '', file, hint: 'check the path given with --hosts' }] };
  const text = read.text;
  const parsed = parseSource(text, file);
  // parseSource wants a mapping (an mke4.yaml); here a list is right, anything else is not.
  const doc = parsed.source.doc;
  const onlyNotMapping = parsed.diagnostics.length > 0 && parsed.diagnostics.every((d) => d.code === 'yaml-not-mapping');
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error' && !(onlyNotMapping && isSeq(doc?.contents)));
  if (errors.length) return { diagnostics: parsed.diagnostics, source: parsed.source };
  let value: unknown;
  try {
    value = doc?.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    return { diagnostics: [{ code: 'yaml-syntax', severity: 'error', message: (e as Error).message.split('\n')[0], path: '', file, line: 1, col: 1 }], source: parsed.source };
  }
  if (!Array.isArray(value) || value.length === 0) {
    return {
      diagnostics: [{ code: 'invalid-type', severity: 'error', message: 'must be a non-empty YAML list of hosts in the spec.hosts[] shape', path: '', file, line: 1, col: 1, hint: 'e.g. `- role: controller+worker` / `  ssh: {address: 10.0.0.1, keyPath: ~/.ssh/id_rsa}`' }],
      source: parsed.source,
    };
  }
  return { hosts: value, diagnostics: [], source: parsed.source };
}

/** `spec.hosts[1].ssh.address` → `[1, 'ssh', 'address']` (the path inside the hosts list). */
function hostsPath(path: string): PathSegment[] | undefined {
  const m = /^spec\.hosts(\[.*)?$/.exec(path);
  if (!m) return undefined;
  const out: PathSegment[] = [];
  for (const part of (m[1] ?? '').matchAll(/\[(\d+)\]|\.([^.[\]]+)|\["((?:[^"\\]|\\.)*)"\]/g)) {
    if (part[1] !== undefined) out.push(Number(part[1]));
    else out.push(part[2] ?? JSON.parse(`"${part[3]}"`));
  }
  return out;
}

/**
 * Checks the hosts by loading the generated mke4.yaml (`document`), and maps each host problem back
 * to the hosts file. Problems outside `spec.hosts` (none are expected from defaults) keep their path.
 */
export function checkHosts(document: string, hostsFile: string, source: SourceDocument | undefined): Diagnostic[] {
  const result = loadMkeConfig(document, { file: hostsFile });
  return result.diagnostics.map((d) => {
    const path = hostsPath(d.path);
    if (!path) return { ...d, file: hostsFile, line: undefined, col: undefined };
    const where = source?.locate(path) ?? {};
    const shown = d.path.replace(/^spec\./, '');
    return { ...d, path: shown, file: hostsFile, ...where, message: d.message };
  });
}
