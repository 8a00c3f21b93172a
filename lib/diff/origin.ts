/**
 * Who made a change: the user (the files differ there) or the new release (its defaults differ
 * where the user wrote nothing, or wrote the same on both sides). An upgrade of `spec.version`
 * brings the new release's defaults with it; those are part of the upgrade, not edits to review one
 * by one, and their impact is the upgrade's.
 */
import type { MkeRelease } from '../config/releases';
import { isSecretPath } from '../config/secrets';
import { specIdentity } from './spec-diff';
import { Change, diffTrees } from './tree-diff';

export type ChangeOrigin = 'user' | 'release';

function related(p: string, q: string): boolean {
  const under = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || a.startsWith(`${b}[`);
  return under(p, q) || under(q, p);
}

/**
 * Marks each change of a normalized spec diff with its origin, from the two raw `spec`s (as
 * written). A release change keeps its impact only when a running cluster cannot take it (the
 * upgrade's own note covers the rest).
 */
export function withOrigins(changes: readonly Change[], rawA: unknown, rawB: unknown): Change[] {
  const raw = diffTrees(rawA ?? {}, rawB ?? {}, { display: 'spec', real: ['spec'] }, { identity: specIdentity, isSecret: (real) => real[0] === 'spec' && isSecretPath(real.slice(1)) });
  const written = raw.map((c) => c.path);
  return changes.map((c) => {
    if (written.some((q) => related(c.path, q)) || !c.path.startsWith('spec')) return { ...c, origin: 'user' };
    const serious = c.impact !== undefined && /^unsupported|cannot change/.test(c.impact);
    // The group heading says where these come from; only an impossible change keeps its note.
    const impact = serious ? c.impact : undefined;
    const { impact: _own, ...rest } = c;
    return { ...rest, origin: 'release', ...(impact ? { impact } : {}) };
  });
}

/** `N changes of yours, M from MKE X defaults; R restart nodes; I impossible`. */
export function originSummary(changes: readonly Change[], to?: MkeRelease): string {
  const mine = changes.filter((c) => c.origin !== 'release').length;
  const defaults = changes.length - mine;
  const restarts = changes.filter((c) => c.impact && /restart|reinstall|reset the node/.test(c.impact)).length;
  const impossible = changes.filter((c) => c.impact && /^unsupported|cannot change/.test(c.impact)).length;
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  return `${n(mine, 'change', 'changes')} of yours, ${defaults} from ${to ? `MKE ${to}` : 'release'} defaults; ${n(restarts, 'restarts nodes', 'restart nodes')}; ${impossible} impossible`;
}
