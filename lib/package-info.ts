/** Facts about this installed package (version, root folder), found from this file's location. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cached: { root: string; version: string } | undefined;

/** The package root and version (works from `lib/` sources and from compiled `build/lib/`). */
export function packageInfo(): { root: string; version: string } {
  if (cached) return cached;
  let dir = __dirname;
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'mke4k-cdk8s') return (cached = { root: dir, version: pkg.version ?? '0.0.0' });
    }
    const parent = dirname(dir);
    if (parent === dir) return (cached = { root: dirname(__dirname), version: '0.0.0' });
    dir = parent;
  }
}
