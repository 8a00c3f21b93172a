/**
 * Editors show docs for `MkeClusterSpec` fields: hovering a field of a spec literal shows its
 * description (JSDoc on the zod shape keys, which TypeScript carries into the inferred type), and
 * `role` offers the three MKE roles. The JSDoc of each key equals its `.describe()` text (the JSON
 * Schema's description), so the two never drift.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
const PROBE = join(ROOT, 'test', 'api', '__hover_probe__.ts');
const SOURCE = `import type { MkeClusterSpec } from '../../lib';
export const spec: MkeClusterSpec = {
  version: 'v4.2.0',
  hosts: [{ role: 'single', ssh: { address: '10.0.0.5', port: 22 } }],
  network: { serviceCIDR: '10.96.0.0/16' },
};
`;

function hover(service: ts.LanguageService, needle: string): { type: string; doc: string } {
  const info = service.getQuickInfoAtPosition(PROBE, SOURCE.indexOf(needle));
  return { type: ts.displayPartsToString(info?.displayParts), doc: ts.displayPartsToString(info?.documentation) };
}

test('hovers on a spec literal show each field’s description; role lists the MKE roles', () => {
  const options: ts.CompilerOptions = { strict: true, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, target: ts.ScriptTarget.ES2022, types: [], skipLibCheck: true };
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [PROBE],
    getScriptVersion: () => '1',
    getScriptSnapshot: (f) => (f === PROBE ? ts.ScriptSnapshot.fromString(SOURCE) : ts.sys.fileExists(f) ? ts.ScriptSnapshot.fromString(ts.sys.readFile(f) ?? '') : undefined),
    getCurrentDirectory: () => ROOT,
    getCompilationSettings: () => options,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (f) => f === PROBE || ts.sys.fileExists(f),
    readFile: (f) => (f === PROBE ? SOURCE : ts.sys.readFile(f)),
    readDirectory: ts.sys.readDirectory,
  };
  const service = ts.createLanguageService(host);
  expect(service.getSemanticDiagnostics(PROBE).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  expect(hover(service, 'version').doc).toBe('MKE version to install or upgrade to.');
  expect(hover(service, 'address').doc).toBe('Address mkectl connects to (IP or DNS name).');
  expect(hover(service, 'port: 22').doc).toBe('SSH port. Default 22.');
  expect(hover(service, 'hosts').doc).toContain('The machines of the cluster');
  const role = hover(service, 'role');
  for (const r of ['"controller+worker"', '"worker"', '"single"']) expect(role.type).toContain(r);
  expect(role.doc).toContain('`controller+worker`: control plane that also runs workloads');
}, 60_000);

test('each documented zod key has JSDoc equal to its .describe() text', () => {
  const problems: string[] = [];
  for (const name of ['schema.ts', 'schema-hosts.ts', 'schema-network.ts', 'schema-services.ts']) {
    const text = readFileSync(join(ROOT, 'lib', 'config', name), 'utf8');
    for (const m of text.matchAll(/\/\*\* (.*?) \*\/\n\s*([\w$]+): [^\n]*?\.describe\('((?:[^'\\]|\\.)*)'\)/g)) {
      if (m[1] !== m[3].replace(/\\'/g, "'")) problems.push(`${name}: ${m[2]}: JSDoc "${m[1]}" ≠ describe "${m[3]}"`);
    }
  }
  expect(problems).toEqual([]);
});
