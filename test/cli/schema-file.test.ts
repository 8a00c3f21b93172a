/** The committed schema/mke4.schema.json (published for editors) is what the generator writes, and what `mkeJsonSchema()` returns. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkeJsonSchema } from '../../lib/config/json-schema';
import { generateMkeJsonSchema } from '../../lib/config/json-schema-build';
import { ROOT } from './helpers';

test('schema/mke4.schema.json is up to date (npm run build rewrites it via scripts/write-schema.js)', () => {
  const committed = readFileSync(join(ROOT, 'schema', 'mke4.schema.json'), 'utf8');
  expect(committed).toBe(JSON.stringify(generateMkeJsonSchema(), null, 2) + '\n');
  expect(mkeJsonSchema()).toEqual(JSON.parse(committed));
});
