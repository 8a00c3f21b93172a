#!/usr/bin/env node
/**
 * Writes schema/mke4.schema.json from the compiled zod model (run after `tsc` by `npm run build`).
 * The file is committed and published so editors can point at it; test/cli/schema-file.test.ts fails
 * when it is out of date. The file is rewritten only when its content changes.
 */
'use strict';
const { existsSync, mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const { mkeJsonSchema } = require(join(root, 'build', 'lib', 'config', 'json-schema.js'));
const target = join(root, 'schema', 'mke4.schema.json');
const text = JSON.stringify(mkeJsonSchema(), null, 2) + '\n';
if (!existsSync(target) || readFileSync(target, 'utf8') !== text) {
  mkdirSync(join(root, 'schema'), { recursive: true });
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}
