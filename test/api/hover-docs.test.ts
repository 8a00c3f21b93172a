/**
 * Editors show docs for `MkeClusterSpec` fields: hovering a field of a spec literal shows what it
 * does (the JSDoc of the generated spec types, lib/config/spec-types.ts) with its `@default`, and
 * `role` offers the three MKE roles.
 */
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

function hover(service: ts.LanguageService, needle: string): { type: string; doc: string; tags: string } {
  const info = service.getQuickInfoAtPosition(PROBE, SOURCE.indexOf(needle));
  const tags = (info?.tags ?? []).map((t) => `@${t.name} ${ts.displayPartsToString(t.text)}`).join('\n');
  return { type: ts.displayPartsToString(info?.displayParts), doc: ts.displayPartsToString(info?.documentation), tags };
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
  expect(hover(service, 'version').doc).toMatch(/^MKE version to install or upgrade to/);
  expect(hover(service, 'version').tags).toBe('@default "v4.2.0"');
  expect(hover(service, 'address').doc).toBe('IP address or DNS name of the host, without port or scheme.');
  expect(hover(service, 'port: 22').doc).toContain('SSH port of the host (1–65535). When unset: `22`.');
  expect(hover(service, 'hosts').doc).toContain('The machines of the cluster');
  const cidr = hover(service, 'serviceCIDR');
  expect(cidr.doc).toContain('IP range of Kubernetes Services');
  expect(cidr.tags).toBe('@default "10.96.0.0/16"');
  const role = hover(service, 'role');
  expect(role.type).toContain('MkeHostRole');
  expect(role.doc).toContain('`controller+worker`: a manager');
  expect(role.doc).toContain('Allowed: `"controller+worker"`, `"worker"`, `"single"`.');
}, 60_000);
