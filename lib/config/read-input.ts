/**
 * Reads an input file (`-` = standard input) with a size cap, in chunks: a FIFO, a device such as
 * /dev/zero or an endless pipe (`yes | mke4k validate -f -`) stops at the cap instead of filling
 * memory. Used for every file the CLI reads: mke4.yaml, `--secrets-from`, `init --hosts`, and the
 * files of folders given to `diff`.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export type CappedRead =
  | { readonly kind: 'text'; readonly text: string }
  /** More than `max` bytes: nothing more was read. */
  | { readonly kind: 'too-large' }
  | { readonly kind: 'error'; readonly code: string };

const CHUNK = 64 * 1024;

/** Sleeps without spinning (a non-blocking standard input that has no data yet). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Reads at most `max` bytes of `path` as UTF-8 (invalid bytes become U+FFFD, which the parser reports). */
export function readCapped(path: string, max: number): CappedRead {
  let fd: number;
  try {
    fd = path === '-' ? 0 : openSync(path, 'r');
  } catch (e) {
    return { kind: 'error', code: (e as NodeJS.ErrnoException).code ?? 'EIO' };
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return { kind: 'error', code: 'EISDIR' };
    // A regular file says its size: refuse before reading a byte.
    if (stat.isFile() && stat.size > max) return { kind: 'too-large' };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(Math.min(CHUNK, max + 1 - total));
      let n: number;
      try {
        n = readSync(fd, buffer, 0, buffer.length, null);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') {
          pause(5);
          continue;
        }
        if (code === 'EOF') break;
        return { kind: 'error', code: code ?? 'EIO' };
      }
      if (n === 0) break;
      chunks.push(buffer.subarray(0, n));
      total += n;
      if (total > max) return { kind: 'too-large' };
    }
    return { kind: 'text', text: Buffer.concat(chunks, total).toString('utf8') };
  } catch (e) {
    return { kind: 'error', code: (e as NodeJS.ErrnoException).code ?? 'EIO' };
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}

/** "no such file", "is a directory", … for a read error code. */
export function readErrorReason(code: string): string {
  return code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : `cannot be read (${code})`;
}
