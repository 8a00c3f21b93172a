/** The committed schema/mke4.schema.json (published for editors) is what `mkeJsonSchema()` generates. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkeJsonSchema } from '../../lib/config/json-schema';
import { ROOT } from './helpers';

test('schema/mke4.schema.json is up to date (npm run build rewrites it via scripts/write-schema.js)', () => {
  const committed = readFileSync(join(ROOT, 'schema', 'mke4.schema.json'), 'utf8');
  expect(committed).toBe(JSON.stringify(mkeJsonSchema(), null, 2) + '\n');
});
