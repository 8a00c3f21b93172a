#!/usr/bin/env node
/**
 * Regenerates the typed API objects (cdk8s L1 classes) in imports/ from the schemas this project
 * writes itself (DESIGN 3, STYLE 10):
 *
 * 1. Derives two CRDs from JSON Schemas: `MkeConfig` from schema/mke4.schema.json (the zod model,
 *    kept current by test/cli/schema-file.test.ts) and the k0sctl `Cluster` from
 *    imports/schemas/k0sctl.schema.json. Draft-7 constructs a structural CRD schema (and
 *    `cdk8s import`) cannot express are converted: `$ref` inlined, `const` → `enum`,
 *    `anyOf [T, null]` → nullable T, mixed-type unions and free maps → x-kubernetes-preserve-unknown-fields,
 *    `propertyNames`/`additionalProperties: false`/`if`/`then`/constraint-only `anyOf`/`oneOf` dropped.
 *    Both are written to imports/schemas/ (generated, committed).
 * 2. Runs `cdk8s import` once over every CRD in imports/schemas/*.yaml (one module per API group),
 *    then replaces cdk8s's first line with our "generated — do not edit" header.
 *
 * Every `properties` map is written in sorted key order: an L1 class writes the keys of an object
 * in schema order, and the ApiObjects it replaces wrote them sorted, so sorted schemas keep the
 * output byte-identical.
 *
 * Usage: node scripts/import.js [--output <dir>]
 *   --output  write `<dir>/*.ts` and `<dir>/schemas/*.yaml` instead of imports/ (test/imports
 *             regenerates into a temporary folder and compares).
 */
'use strict';
const { execFileSync } = require('node:child_process');
const { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { dirname, join, relative } = require('node:path');
const YAML = require('yaml');

const ROOT = join(__dirname, '..');
const SCHEMAS = join(ROOT, 'imports', 'schemas');

/** CRDs derived from JSON Schemas: output file (in schemas/) → how to build it. */
const DERIVED = [
  {
    file: 'mke.mirantis.com.yaml',
    source: 'schema/mke4.schema.json',
    // Same as MKE_API_VERSION / MKE_KIND in lib/config/schema.ts (test/imports checks it).
    group: 'mke.mirantis.com',
    version: 'v1alpha1',
    kind: 'MkeConfig',
    plural: 'mkeconfigs',
    scope: 'Namespaced',
    description: 'The MKE 4k cluster configuration mke-operator renders the system services from (mke4.yaml `spec`).',
  },
  {
    file: 'k0sctl.k0sproject.io.yaml',
    source: 'imports/schemas/k0sctl.schema.json',
    group: 'k0sctl.k0sproject.io',
    version: 'v1beta1',
    kind: 'Cluster',
    plural: 'clusters',
    scope: 'Cluster',
    description: 'The k0sctl configuration (k0sctl.yaml): hosts, the k0s version and the k0s ClusterConfig.',
  },
];

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
/** Keys copied as they are (after their values are converted where they hold schemas). */
const KEPT = ['description', 'type', 'format', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems', 'enum', 'default', 'required'];
/** Keys a structural schema cannot hold and that carry no type information. */
const DROPPED = ['$schema', '$id', 'title', 'propertyNames', 'if', 'then', 'else', 'examples', 'markdownDescription'];
const PRESERVE = 'x-kubernetes-preserve-unknown-fields';

function isPlainObject(v) {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function freeForm(description) {
  return { ...(description ? { description } : {}), [PRESERVE]: true };
}

/** Does a union branch say anything about the type (not just `format` or `required`)? */
function isTypedBranch(branch) {
  return ['type', '$ref', 'properties', 'items', 'enum', 'const', 'additionalProperties'].some((k) => k in branch);
}

/**
 * Converts one draft-7 schema node into a structural OpenAPI v3 schema node. Returns `undefined`
 * for a node that can only be `null` (the property is left out). Throws on keys it does not know,
 * so a new construct in the source schema is noticed rather than silently dropped.
 */
function convert(node, ctx, path) {
  if (node === true || (isPlainObject(node) && Object.keys(node).length === 0)) return freeForm();
  if (!isPlainObject(node)) throw new Error(`${path}: unsupported schema ${JSON.stringify(node)}`);

  if (typeof node.$ref === 'string') {
    const { $ref, ...rest } = node;
    const local = /^#\/(\$defs|definitions)\/(.+)$/.exec($ref);
    if (!local) return freeForm(rest.description ?? `See ${$ref}.`);
    const name = local[2];
    // A recursive definition (ssh.bastion → ssh) ends one level down, as free-form.
    if (ctx.stack.includes(name)) return { type: 'object', ...freeForm(rest.description) };
    const target = ctx.definitions[name];
    if (!target) throw new Error(`${path}: unresolved ${$ref}`);
    ctx.stack.push(name);
    const resolved = convert({ ...target, ...rest }, ctx, path);
    ctx.stack.pop();
    return resolved;
  }

  let n = { ...node };
  for (const key of ['anyOf', 'oneOf']) {
    if (!(key in n)) continue;
    const branches = n[key];
    delete n[key];
    const typed = branches.filter(isTypedBranch);
    if (typed.length === 0) continue; // alternatives of formats or required keys only
    const nonNull = typed.filter((b) => b.type !== 'null');
    if (nonNull.length === 1 && !('type' in n)) {
      const inner = convert(nonNull[0], ctx, path);
      n = { ...n, ...inner, ...(n.description ? { description: n.description } : {}) };
      if (nonNull.length < typed.length) n.nullable = true;
      return finish(n, ctx, path, true);
    }
    // Mixed types (string | number, string | object): any value.
    return freeForm(n.description);
  }
  return finish(n, ctx, path, false);
}

/** Converts the remaining keys of a node whose unions are resolved. */
function finish(n, ctx, path, converted) {
  if (converted) return n;
  if (n.type === 'null') return undefined;
  if (Array.isArray(n.type)) return freeForm(n.description);
  const out = {};
  for (const [key, value] of Object.entries(n)) {
    if (DROPPED.includes(key)) continue;
    if (key === 'const') {
      out.enum = [value];
      continue;
    }
    if (key === 'minimum' || key === 'maximum') {
      if (Math.abs(value) < MAX_SAFE) out[key] = value; // zod's ±2^53 bounds say nothing
      continue;
    }
    if (KEPT.includes(key) || key === 'nullable' || key === PRESERVE) {
      out[key] = value;
      continue;
    }
    if (key === 'properties' || key === 'items' || key === 'additionalProperties') continue;
    throw new Error(`${path}: unsupported keyword "${key}"`);
  }
  if (out.enum && !out.type && out.enum.every((v) => typeof v === 'string')) out.type = 'string';

  if (isPlainObject(n.properties)) {
    out.type = 'object';
    const properties = {};
    for (const key of Object.keys(n.properties).sort()) {
      const child = convert(n.properties[key], ctx, `${path}.${key}`);
      if (child !== undefined) properties[key] = child;
    }
    out.properties = properties;
    if (Array.isArray(out.required)) {
      out.required = out.required.filter((k) => k in properties);
      if (!out.required.length) delete out.required;
    }
  } else if (n.additionalProperties !== undefined && n.additionalProperties !== false) {
    out.type = 'object';
    out.additionalProperties = convert(n.additionalProperties, ctx, `${path}.*`) ?? freeForm();
    delete out.required;
  } else if (out.type === 'object' || (!out.type && !out.enum)) {
    return { ...out, ...(out.type ? {} : { type: 'object' }), [PRESERVE]: true };
  }
  if (n.items !== undefined) out.items = convert(n.items, ctx, `${path}[]`) ?? freeForm();
  return out;
}

/** The CRD (a plain object) of one derived kind. */
function deriveCrd(def) {
  const source = JSON.parse(readFileSync(join(ROOT, def.source), 'utf8'));
  const ctx = { definitions: { ...(source.definitions ?? {}), ...(source.$defs ?? {}) }, stack: [] };
  const spec = convert(source.properties.spec, ctx, 'spec');
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${def.plural}.${def.group}` },
    spec: {
      group: def.group,
      names: { kind: def.kind, listKind: `${def.kind}List`, plural: def.plural, singular: def.kind.toLowerCase() },
      scope: def.scope,
      versions: [
        {
          name: def.version,
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              description: def.description,
              type: 'object',
              properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, spec },
              required: ['spec'],
            },
          },
        },
      ],
    },
  };
}

function derivedText(def) {
  const header = [
    `# Generated by scripts/import.js from ${def.source} — do not edit.`,
    `# ${def.kind} (${def.group}/${def.version}) as a CRD for \`cdk8s import\`; regenerate with \`node scripts/import.js\`.`,
  ];
  return `${header.join('\n')}\n${YAML.stringify(deriveCrd(def), { lineWidth: 0 })}`;
}

/** Every CustomResourceDefinition of a YAML file (also those inside a `List`). */
function crdsOf(text) {
  const out = [];
  const collect = (o) => {
    if (!isPlainObject(o)) return;
    if (o.kind === 'CustomResourceDefinition') out.push(o);
    if (o.kind === 'List') (o.items ?? []).forEach(collect);
  };
  for (const doc of YAML.parseAllDocuments(text)) collect(doc.toJS());
  return out;
}

function writeIfChanged(file, text) {
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return;
  writeFileSync(file, text);
  console.log(`wrote ${relative(process.cwd(), file)}`);
}

function main(argv) {
  const i = argv.indexOf('--output');
  const output = i >= 0 ? argv[i + 1] : join(ROOT, 'imports');
  if (!output) throw new Error('--output needs a folder');
  const schemaOut = join(output, 'schemas');
  mkdirSync(schemaOut, { recursive: true });

  // 1. The derived CRDs.
  const texts = new Map();
  for (const def of DERIVED) {
    const text = derivedText(def);
    texts.set(def.file, text);
    writeIfChanged(join(schemaOut, def.file), text);
  }
  // Hand-written CRDs are read from imports/schemas/, derived ones from what was just produced.
  for (const file of readdirSync(SCHEMAS).filter((f) => f.endsWith('.yaml')).sort()) {
    if (!texts.has(file)) texts.set(file, readFileSync(join(SCHEMAS, file), 'utf8'));
  }

  // 2. One `cdk8s import` over every CRD; the module (file) of each API group names its schema file.
  const crds = [];
  const sourceOfGroup = new Map();
  for (const [file, text] of [...texts].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const crd of crdsOf(text)) {
      crds.push(crd);
      const previous = sourceOfGroup.get(crd.spec.group);
      if (previous && previous !== file) throw new Error(`API group ${crd.spec.group} is defined in both ${previous} and ${file}`);
      sourceOfGroup.set(crd.spec.group, file);
    }
  }
  const work = mkdtempSync(join(tmpdir(), 'mke4k-import-'));
  try {
    const all = join(work, 'crds.json');
    writeFileSync(all, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: crds }, null, 1));
    const cli = join(dirname(require.resolve('cdk8s-cli/package.json', { paths: [ROOT] })), 'bin', 'cdk8s');
    // cwd = the temporary folder: no cdk8s.yaml is read or written (--no-save keeps it so anyway).
    execFileSync(process.execPath, [cli, 'import', all, '--language', 'typescript', '--output', join(work, 'out'), '--no-save', '--no-check-upgrade'], {
      cwd: work,
      stdio: 'pipe', // its progress lines are noise; on failure its stderr is in the error message
    });
    for (const [group, file] of [...sourceOfGroup].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const generated = readFileSync(join(work, 'out', `${group}.ts`), 'utf8');
      if (!generated.startsWith('// generated by cdk8s\n')) throw new Error(`unexpected header in ${group}.ts`);
      const header = `// Generated by scripts/import.js (cdk8s import) from imports/schemas/${file} — do not edit.\n`;
      writeIfChanged(join(output, `${group}.ts`), header + generated.slice('// generated by cdk8s\n'.length));
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    console.error(`import: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}

module.exports = { convert, deriveCrd, DERIVED };
