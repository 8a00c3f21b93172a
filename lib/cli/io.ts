/** Exit codes, streams and the usage error: the CLI pieces every command shares, with no heavy imports. */

export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;
export const EXIT_DIFF = 3;

export interface Io {
  readonly stdout: NodeJS.WriteStream | { write(s: string): unknown; isTTY?: boolean };
  readonly stderr: NodeJS.WriteStream | { write(s: string): unknown; isTTY?: boolean };
}

/** A mistake in the command line (exit 2), as opposed to invalid input (exit 1). */
export class UsageError extends Error {}
