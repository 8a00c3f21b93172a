/**
 * Cross-field rules: what the schema cannot say about one field alone. They run after the schema on
 * the typed spec, and report paths; the loader turns paths into file positions. The list of rules
 * is here, in order; each lives beside the part of the spec it checks.
 */
import { MkeRelease } from './releases';
import type { RuleFinding } from './rule-finding';
import { hostReleaseRules, hostRules } from './rules-hosts';
import { auditRules } from './rules-bootstrap';
import { addressRules, cidrRules, cniRules, nodePortRules, registryRules, serviceRules } from './rules-network';
import type { MkeSpec } from './types';
import { flagRules } from './rules-flags';

export type { RuleFinding } from './rule-finding';

/** Runs every cross-field rule; returns all findings (never stops at the first). */
export function runRules(spec: MkeSpec, release: MkeRelease): RuleFinding[] {
  return [
    ...hostRules(spec),
    ...hostReleaseRules(spec, release),
    ...cniRules(spec, release),
    ...cidrRules(spec),
    ...addressRules(spec),
    ...nodePortRules(spec, release),
    ...registryRules(spec),
    ...serviceRules(spec, release),
    ...auditRules(spec),
    ...flagRules(spec),
  ];
}
