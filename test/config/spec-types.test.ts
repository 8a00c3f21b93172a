/**
 * Editor-grade types and schema: the public spec types (`MkeClusterSpec`, generated into
 * lib/config/spec-types.ts) equal the zod model's input type — host roles aside, which are a strict
 * union — every field of them carries JSDoc in the built .d.ts (what users hover), and every
 * property of schema/mke4.schema.json has a description and a markdownDescription.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import type { z } from 'zod';
import type { MkeClusterHost, MkeClusterSpec, MkeHostRole } from '../../lib';
import { FIELD_DOCS } from '../../lib/config/field-docs';
import { forEachProperty, generateMkeJsonSchema, type JsonSchema } from '../../lib/config/json-schema-build';
import type { specSchema } from '../../lib/config/schema';
import type { MKE_ROLES } from '../../lib/config/schema-hosts';
import { specTypesSource } from '../../lib/config/spec-types-build';

const ROOT = join(__dirname, '..', '..');

// ---- Type-level: checked by `npm run typecheck` (tsc over test/), which `npm test` runs. ----
/** True only when A and B are identical types (not merely assignable either way). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type SpecInput = z.input<typeof specSchema>;
type HostInput = SpecInput['hosts'][number];
// The generated interfaces describe exactly what the loader's zod schema accepts…
const specEqual: Equal<Omit<MkeClusterSpec, 'hosts'>, Omit<SpecInput, 'hosts'>> = true;
const hostEqual: Equal<Omit<MkeClusterHost, 'role'>, Omit<HostInput, 'role'>> = true;
// …except `role`: a strict union in TypeScript, a string for the loader (which gives a wrong role
// from YAML its own diagnostic, e.g. `role-controller`).
const roleEqual: Equal<MkeClusterHost['role'], (typeof MKE_ROLES)[number]> = true;
const roleNamed: Equal<MkeHostRole, (typeof MKE_ROLES)[number]> = true;
const roleIsLoose: Equal<HostInput['role'], string> = true;
// A wrong role or enum value is a type error.
// @ts-expect-error 'controller' is not an MKE role
const wrongRole: MkeClusterHost = { role: 'controller', ssh: { address: '10.0.0.1' } };
// @ts-expect-error 'userspace' is not a kube-proxy mode MKE accepts
const wrongMode: MkeClusterSpec = { hosts: [], network: { kubeProxy: { mode: 'userspace' } } };
// @ts-expect-error 'maglev' is not an IPVS scheduler kube-proxy accepts
const wrongScheduler: MkeClusterSpec = { hosts: [], network: { kubeProxy: { ipvs: { scheduler: 'maglev' } } } };

test('the spec types equal the zod input type (checked by tsc; the values record that it compiled)', () => {
  expect([specEqual, hostEqual, roleEqual, roleNamed, roleIsLoose]).toEqual([true, true, true, true, true]);
  expect([wrongRole.role, wrongMode.network?.kubeProxy?.mode, wrongScheduler.network?.kubeProxy?.ipvs?.scheduler]).toEqual(['controller', 'userspace', 'maglev']);
});

// ---- The generated files are current. ----
const schema = generateMkeJsonSchema();

test('lib/config/spec-types.ts is what the generator writes (npm run build rewrites it)', () => {
  expect(readFileSync(join(ROOT, 'lib', 'config', 'spec-types.ts'), 'utf8')).toBe(specTypesSource(schema));
});

// ---- Every property of the JSON Schema is described. ----
function schemaProperties(): Map<string, JsonSchema> {
  const out = new Map<string, JsonSchema>();
  forEachProperty(schema as JsonSchema, (path, node) => out.set(path, node));
  return out;
}

test('every property of schema/mke4.schema.json has a non-empty description and markdownDescription', () => {
  const onDisk = JSON.parse(readFileSync(join(ROOT, 'schema', 'mke4.schema.json'), 'utf8')) as JsonSchema;
  const paths: string[] = [];
  const undescribed: string[] = [];
  forEachProperty(onDisk, (path, node) => {
    paths.push(path);
    if (!node.description?.trim() || !node.markdownDescription?.trim()) undescribed.push(path);
    // The hover text starts with the field's own description.
    else if (!node.markdownDescription.startsWith(node.description)) undescribed.push(`${path} (markdownDescription)`);
  });
  expect(undescribed).toEqual([]);
  expect(paths.length).toBeGreaterThanOrEqual(420);
  expect(new Set(paths)).toEqual(new Set(Object.keys(FIELD_DOCS)));
});

test('descriptions state facts, never internal documents', () => {
  const internal = /DECISIONS|pitfalls|reference\/|mke4-fields|mke4-services|k0rdent-reference|k0sctl-and-k0s|\.\.\/shared|§/;
  expect(Object.entries(FIELD_DOCS).filter(([, text]) => internal.test(text)).map(([path]) => path)).toEqual([]);
});

test('hover texts carry the defaults per release and the allowed values', () => {
  const props = schemaProperties();
  const md = (path: string) => props.get(path)?.markdownDescription ?? '';
  expect(md('spec.network.serviceCIDR')).toContain('Default (MKE 4.2.0): `"10.96.0.0/16"`');
  // A default that changed between releases lists the earlier ones.
  expect(md('spec.apiServer.audit.logPath')).toContain('4.0.0–4.0.1: `"/var/lib/k0s/audit.log"`; 4.1.0–4.1.1: `"/var/log/k0s/audit/mke4_audit.log"`');
  expect(md('spec.ingressController.enabled')).toMatch(/Default \(MKE 4\.2\.0\): `false`[\s\S]*4\.0\.0–4\.1\.2: `true`/);
  expect(md('spec.hosts[].role')).toContain('Allowed: `controller+worker`, `worker`, `single`');
  expect(md('spec.network.kubeProxy.ipvs.scheduler')).toContain('`lblcr`');
  expect(props.get('spec.network.kubeProxy.ipvs.scheduler')?.enum).toEqual(['rr', 'wrr', 'lc', 'wlc', 'lblc', 'lblcr', 'sh', 'dh', 'sed', 'nq', '']);
});

// ---- Every field of the public spec type has JSDoc in the built .d.ts. ----
const DTS = join(ROOT, 'build', 'lib', 'index.d.ts');

test('every property reachable from MkeClusterProps has hover docs in the built .d.ts (TypeScript compiler API)', () => {
  if (!existsSync(DTS)) throw new Error(`${DTS} is missing: run \`npm run build\` first (npm test does)`);
  const program = ts.createProgram([DTS], { strict: true, skipLibCheck: true, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(DTS);
  if (!source) throw new Error('index.d.ts not loaded');
  const moduleSymbol = checker.getSymbolAtLocation(source);
  const exported = checker.getExportsOfModule(moduleSymbol as ts.Symbol);
  const propsSymbol = exported.find((s) => s.name === 'MkeClusterProps');
  if (!propsSymbol) throw new Error('MkeClusterProps is not exported');
  const propsType = checker.getDeclaredTypeOfSymbol(checker.getAliasedSymbol(propsSymbol));

  const undocumented: string[] = [];
  const seen = new Set<string>();
  const visited = new Set<ts.Type>();
  const walk = (type: ts.Type, path: string): void => {
    if (visited.has(type)) return;
    visited.add(type);
    if (type.isUnion()) return type.types.forEach((t) => walk(t, path));
    if (checker.isArrayType(type)) return walk(checker.getTypeArguments(type as ts.TypeReference)[0], `${path}[]`);
    if (!(type.flags & ts.TypeFlags.Object)) return;
    for (const prop of checker.getPropertiesOfType(type)) {
      const propPath = `${path}.${prop.name}`;
      seen.add(propPath);
      if (!ts.displayPartsToString(prop.getDocumentationComment(checker)).trim()) undocumented.push(propPath);
      const declaration = prop.valueDeclaration ?? prop.declarations?.[0];
      if (declaration) walk(checker.getTypeOfSymbolAtLocation(prop, declaration), propPath);
    }
  };
  // MkeClusterProps' own fields, then everything below `spec` (not the loaded-config class behind `config`).
  for (const prop of checker.getPropertiesOfType(propsType)) {
    if (!ts.displayPartsToString(prop.getDocumentationComment(checker)).trim()) undocumented.push(`props.${prop.name}`);
  }
  const specProp = propsType.getProperty('spec') as ts.Symbol;
  walk(checker.getTypeOfSymbolAtLocation(specProp, specProp.valueDeclaration as ts.Declaration), 'spec');

  expect(undocumented).toEqual([]);
  // The walk reached every field the JSON Schema has below `spec`.
  const specPaths = [...schemaProperties().keys()].filter((p) => p.startsWith('spec.'));
  expect([...seen].sort()).toEqual(specPaths.sort());
  // The JSDoc carries the per-release default as @default.
  const text = readFileSync(join(ROOT, 'build', 'lib', 'config', 'spec-types.d.ts'), 'utf8');
  expect(text).toMatch(/IP range of Kubernetes Services[^]*?@default "10\.96\.0\.0\/16"\s*\*\/\s*serviceCIDR\?: string;/);
});
