#!/usr/bin/env node
/**
 * Writes schema/mke4.schema.json and lib/config/spec-types.ts (the documented TypeScript types of
 * `spec`) from the compiled zod model and lib/config/field-docs.ts (run after `tsc` by
 * `npm run build`). Both files are committed; the schema is published so editors can point at it.
 * test/cli/schema-file.test.ts and test/config/spec-types.test.ts fail when they are out of date.
 * A file is rewritten only when its content changes; when spec-types.ts changes, the library is
 * compiled again so that build/ carries the new types.
 */
'use strict';
const { execFileSync } = require('node:child_process');
const { existsSync, mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const { generateMkeJsonSchema } = require(join(root, 'build', 'lib', 'config', 'json-schema-build.js'));
const { specTypesSource } = require(join(root, 'build', 'lib', 'config', 'spec-types-build.js'));

function write(target, text) {
  if (existsSync(target) && readFileSync(target, 'utf8') === text) return false;
  mkdirSync(join(target, '..'), { recursive: true });
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
  return true;
}

const schema = generateMkeJsonSchema();
write(join(root, 'schema', 'mke4.schema.json'), JSON.stringify(schema, null, 2) + '\n');
if (write(join(root, 'lib', 'config', 'spec-types.ts'), specTypesSource(schema))) {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
}
