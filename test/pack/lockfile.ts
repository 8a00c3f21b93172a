/**
 * A package-lock.json for a project created by `mke4k new`, cut from this repository's own lock:
 * the exact packages (name, version, integrity) `npm ci` of this repo installed, so the project's
 * `npm ci --offline` is served from the npm cache alone — no registry metadata, no network — and the
 * packed mke4k-cdk8s tarball. Only the closure of the project's dependencies is kept, with this
 * repo's node_modules layout (which is valid for any subset that is closed under dependencies).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

interface LockEntry {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  peer?: boolean;
  [key: string]: unknown;
}

interface PackageJson {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [key: string]: unknown;
}

/** Where Node would find `name` required from the package installed at `from` (a lock path). */
function locate(packages: Record<string, LockEntry>, from: string, name: string): string | undefined {
  let dir = from;
  for (;;) {
    const candidate = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!dir) return undefined;
    const up = dir.lastIndexOf('/node_modules/');
    dir = up < 0 ? '' : dir.slice(0, up);
  }
}

/**
 * The lock for `project` (its package.json) whose `mke4k-cdk8s` dependency is the tarball at
 * `tarball` (`file:` spec relative to the project, as in its package.json).
 */
export function projectLock(repoLockFile: string, project: PackageJson, library: PackageJson, tarballFile: string, tarballSpec: string): object {
  const repo = JSON.parse(readFileSync(repoLockFile, 'utf8')) as { packages: Record<string, LockEntry> };
  const packages: Record<string, LockEntry> = {};
  for (const [path, entry] of Object.entries(repo.packages)) if (path) packages[path] = entry;
  const integrity = 'sha512-' + createHash('sha512').update(readFileSync(tarballFile)).digest('base64');
  const libraryEntry: LockEntry = {
    version: library.version,
    resolved: tarballSpec,
    integrity,
    license: library.license,
    dependencies: library.dependencies,
    bin: library.bin,
    engines: library.engines,
    peerDependencies: library.peerDependencies as Record<string, string> | undefined,
    peerDependenciesMeta: library.peerDependenciesMeta as Record<string, { optional?: boolean }> | undefined,
  };
  packages['node_modules/mke4k-cdk8s'] = libraryEntry;

  const keep = new Set<string>();
  const visit = (from: string, deps: Record<string, string> | undefined, optional: (name: string) => boolean) => {
    for (const name of Object.keys(deps ?? {})) {
      const path = locate(packages, from, name);
      if (!path) {
        if (optional(name)) continue;
        throw new Error(`${from || 'the project'} needs ${name}, which this repository's lock does not have`);
      }
      if (keep.has(path)) continue;
      keep.add(path);
      const entry = packages[path];
      visit(path, entry.dependencies, () => false);
      visit(path, entry.optionalDependencies, () => true);
      visit(path, entry.peerDependencies, (n) => entry.peerDependenciesMeta?.[n]?.optional === true);
    }
  };
  visit('', { ...project.dependencies, ...project.devDependencies }, () => false);
  // Bundled dependencies ship inside their parent's tarball.
  for (const path of Object.keys(packages)) {
    if (packages[path].inBundle && [...keep].some((k) => path.startsWith(`${k}/node_modules/`))) keep.add(path);
  }

  const out: Record<string, LockEntry> = {
    '': { name: project.name, version: project.version, dependencies: project.dependencies, devDependencies: project.devDependencies },
  };
  // The dev/optional/peer flags are left out: npm installs every entry (nothing is omitted here).
  for (const path of [...keep].sort()) {
    const { dev: _dev, optional: _optional, devOptional: _devOptional, peer: _peer, ...entry } = packages[path];
    out[path] = entry;
  }
  return { name: project.name, version: project.version, lockfileVersion: 3, requires: true, packages: out };
}
