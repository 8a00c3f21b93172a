/**
 * Paths to the shared corpus (present inside this workplace only). Where it is absent — a fresh
 * clone — suites that need it are skipped with one line saying why, and nothing reads it at import
 * time: `describeShared` does not even run its body.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const SHARED = resolve(__dirname, '..', '..', 'shared');
export const CORPUS = join(SHARED, 'corpus');
export const HAVE_SHARED = existsSync(CORPUS);

/** The one line a skipped suite shows. */
export const SHARED_ABSENT = 'needs ../shared (corpus, CRDs, schemas, charts), absent outside this workplace';

/**
 * `describe` that runs only when ../shared is present. Elsewhere its body is never run (it may read
 * ../shared while collecting tests); a single skipped test carries the reason.
 */
export const describeShared: jest.Describe = HAVE_SHARED
  ? describe
  : (((name: string) =>
      describe.skip(name, () => {
        test(SHARED_ABSENT, () => undefined);
      })) as unknown as jest.Describe);

export function corpusFiles(sub: string): string[] {
  const dir = join(CORPUS, sub);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * The names a committed snapshot file records for a parameterized test (`before<name>after 1`).
 * Where ../shared is absent, registering the same tests as skipped keeps their snapshots: jest
 * would otherwise call them obsolete and suggest `-u`, which deletes them.
 */
export function snapshotNames(snapshotFile: string, before: string, after: string): string[] {
  if (!existsSync(snapshotFile)) return [];
  const names: string[] = [];
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp('^exports\\[`' + escape(before) + '(.+?)' + escape(after) + ' \\d+`\\]', 'gm');
  for (const m of readFileSync(snapshotFile, 'utf8').matchAll(pattern)) names.push(m[1]);
  return [...new Set(names)];
}
