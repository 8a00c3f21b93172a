/** Paths to the shared corpus (present inside this workplace only; tests skip with a note elsewhere). */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const SHARED = resolve(__dirname, '..', '..', 'shared');
export const CORPUS = join(SHARED, 'corpus');
export const HAVE_SHARED = existsSync(CORPUS);

/** `describe` that runs only when ../shared is present, and says so when it is not. */
export const describeShared: jest.Describe = HAVE_SHARED
  ? describe
  : (((name: string, fn: () => void) => describe.skip(`${name} (skipped: ../shared/corpus is absent outside this workplace)`, fn)) as unknown as jest.Describe);

export function corpusFiles(sub: string): string[] {
  const dir = join(CORPUS, sub);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(dir, f));
}
