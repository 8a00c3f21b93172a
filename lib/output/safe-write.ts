/**
 * Path safety and crash safety for the writer: names that become folders, paths that must stay
 * inside the output folder, temporary names that fit in a file name, leftovers of processes that
 * died mid-write, and signals during a write. Kept apart from the writer so its rendering code
 * does not mix with file-system hygiene.
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { dns1123SubdomainError } from '../k8s-names';

/** Longest file name (in bytes) common file systems accept (ext4, xfs, btrfs, APFS, NTFS in UTF-16 units). */
export const MAX_FILE_NAME_BYTES = 255;

/** Why `name` cannot be a cluster folder (a DNS-1123 subdomain: no `/`, `..`, newline, upper case), or undefined. */
export function clusterNameError(name: string): string | undefined {
  return dns1123SubdomainError(name);
}

/** Thrown when a path would leave the folder it must stay in (a bug or a hostile name, never written). */
export class UnsafePathError extends Error {}

/**
 * `root/rel`, refused when it resolves outside `root` (absolute `rel`, `..` segments) or when a
 * segment is too long for a file name.
 */
export function joinInside(root: string, rel: string): string {
  const target = resolve(root, rel);
  const back = relative(resolve(root), target);
  if (rel === '' || isAbsolute(rel) || back === '' || back.startsWith('..') || isAbsolute(back)) {
    throw new UnsafePathError(`refusing to write ${JSON.stringify(rel)}: it is not a path inside ${root}`);
  }
  for (const segment of rel.split(/[\\/]/)) {
    if (Buffer.byteLength(segment) > MAX_FILE_NAME_BYTES) throw new UnsafePathError(`refusing to write ${JSON.stringify(rel)}: a name is longer than ${MAX_FILE_NAME_BYTES} bytes`);
  }
  return join(root, rel);
}

/**
 * 12 hex digits naming a cluster in temporary names (any cluster name fits in 255 bytes this way).
 * Two 32-bit multiplicative hashes of the name's UTF-16 units (cyrb53): no need for a cryptographic
 * hash here, and loading Node's crypto module cost every synth ~3 ms.
 */
function nameHash(name: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return ((h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0')).slice(0, 12);
}

const LEFTOVER = /^\.mke4k-([0-9a-f]{12})-(\d+)\.(tmp|old|name)$/;
/** The temporary names of earlier versions: `.<name>.tmp-<pid>` / `.<name>.old-<pid>`. */
const LEGACY_LEFTOVER = /^\.(.+)\.(tmp|old)-(\d+)$/;

/** The sibling folders (and name marker) one write of `name` by process `pid` uses. */
export function tempPaths(outdir: string, name: string, pid = process.pid): { tmp: string; old: string; marker: string } {
  const base = join(outdir, `.mke4k-${nameHash(name)}-${pid}`);
  return { tmp: `${base}.tmp`, old: `${base}.old`, marker: `${base}.name` };
}

/** True when a process with this id runs (EPERM: it runs, under another user). */
export function processAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Cleans what writes killed with SIGKILL (or a power cut) left in `outdir`: temporary folders of
 * dead processes are removed; a previous output that was moved aside but never replaced is moved
 * back; one whose replacement is in place is removed. Leftovers of running processes are not
 * touched. Returns what was done, one sentence each.
 */
export function recoverLeftovers(outdir: string, alive: (pid: number) => boolean = processAlive): string[] {
  let entries: string[];
  try {
    entries = readdirSync(outdir);
  } catch {
    return [];
  }
  const notes: string[] = [];
  const markers = new Map<string, string>();
  for (const entry of entries) {
    const m = LEFTOVER.exec(entry);
    if (m && m[3] === 'name' && !alive(Number(m[2]))) {
      try {
        const name = readFileSync(join(outdir, entry), 'utf8');
        if (!clusterNameError(name) && nameHash(name) === m[1]) markers.set(`${m[1]}-${m[2]}`, name);
      } catch {
        // unreadable marker: the old folder it names is kept (below)
      }
    }
  }
  for (const entry of entries) {
    const m = LEFTOVER.exec(entry);
    const legacy = m ? undefined : LEGACY_LEFTOVER.exec(entry);
    if (!m && !legacy) continue;
    // An old-style name is only ours when it names a cluster and holds what synth writes.
    if (legacy && (clusterNameError(legacy[1]) || !['k0sctl.yaml', 'secrets.env.example'].some((f) => existsSync(join(outdir, entry, f))))) continue;
    const pid = Number(m ? m[2] : legacy![3]);
    const kind = m ? m[3] : legacy![2];
    if (alive(pid) || kind === 'name') continue;
    const path = join(outdir, entry);
    if (kind === 'tmp') {
      rmSync(path, { recursive: true, force: true });
      notes.push(`removed ${path}, left by an interrupted write (process ${pid})`);
      continue;
    }
    const name = m ? markers.get(`${m[1]}-${m[2]}`) : legacy![1];
    if (name === undefined || clusterNameError(name)) {
      notes.push(`kept ${path}: an interrupted write (process ${pid}) left it and its cluster name is unknown; it may hold a previous output`);
      continue;
    }
    const final = join(outdir, name);
    if (existsSync(final)) {
      rmSync(path, { recursive: true, force: true });
      notes.push(`removed ${path}, the previous output of ${name} an interrupted write (process ${pid}) had already replaced`);
    } else {
      renameSync(path, final);
      notes.push(`restored ${final} from ${path}: an interrupted write (process ${pid}) had moved it aside`);
    }
  }
  for (const entry of entries) {
    const m = LEFTOVER.exec(entry);
    if (m && m[3] === 'name' && !alive(Number(m[2])) && !existsSync(join(outdir, `.mke4k-${m[1]}-${m[2]}.old`))) rmSync(join(outdir, entry), { force: true });
  }
  return notes;
}

/** Records the cluster name of an `.old` folder while it exists, so recovery can move it back. */
export function writeMarker(marker: string, name: string): void {
  writeFileSync(marker, name);
}

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** One set of listeners for all writes of this process; removed one turn of the event loop after the last write. */
const deferral = { listeners: new Map<NodeJS.Signals, () => void>(), writing: 0, removal: undefined as NodeJS.Immediate | undefined };

function removeListeners(): void {
  for (const [signal, listener] of deferral.listeners) process.removeListener(signal, listener);
  deferral.listeners.clear();
}

/**
 * Runs a synchronous write so that SIGINT, SIGTERM and SIGHUP cannot cut it in half: while it runs a
 * listener is installed (Node then delivers the signal on the event loop, after the write), and the
 * signal is raised again once the write is over, with the default action (the process ends as it
 * would have), unless the program has listeners of its own for it.
 */
export function withSignalsDeferred<T>(write: () => T): T {
  if (deferral.removal) clearImmediate(deferral.removal);
  deferral.removal = undefined;
  if (!deferral.listeners.size) {
    for (const signal of SIGNALS) {
      const listener = () => {
        removeListeners();
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      };
      deferral.listeners.set(signal, listener);
      process.on(signal, listener);
    }
  }
  deferral.writing++;
  try {
    return write();
  } finally {
    deferral.writing--;
    // A signal that arrived during the write is delivered in the next poll phase, before this runs.
    if (deferral.writing === 0) {
      deferral.removal = setImmediate(() => {
        deferral.removal = undefined;
        if (deferral.writing === 0) removeListeners();
      });
    }
  }
}

/**
 * Writes `dir/fileName` by rename, so a reader never sees half of it; the temporary sibling has a
 * short name (any file name that fits fits with it) and is removed when the write fails.
 */
export function writeFileAtomic(dir: string, fileName: string, content: string): string {
  const path = joinInside(dir, fileName);
  const tmp = join(dir, `.mke4k-${nameHash(fileName)}-${process.pid}.tmp`);
  try {
    withSignalsDeferred(() => {
      writeFileSync(tmp, content);
      renameSync(tmp, path);
    });
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  return path;
}
