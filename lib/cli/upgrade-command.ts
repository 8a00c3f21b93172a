/**
 * `mke4k upgrade -f mke4.yaml --to V [--write OUT] [--format json]`: the upgrade ladder, per step the
 * component, configuration and running-cluster changes, and (with --write) the migrated mke4.yaml.
 * Exit 0 when the upgrade can be done, 1 when the input or the migrated file is invalid or the path is
 * refused, 2 for usage errors.
 */
import { writeFileSync } from 'node:fs';
import { hasErrors } from '../config/diagnostics';
import { loadMkeConfigFile } from '../config/load';
import { toRelease, MKE_RELEASES } from '../config/releases';
import type { Delivery } from '../cluster';
import { formatUpgradePlan, upgradePlanJson } from '../views/upgrade/format';
import { planUpgrade } from '../views/upgrade/plan';
import { diagnosticsJson } from './print';
import { EXIT_INVALID, EXIT_OK, Io, UsageError } from './io';
import { report } from './commands';

export interface UpgradeOptions {
  readonly file: string;
  readonly to: string;
  readonly write?: string;
  readonly delivery?: Delivery;
  readonly format?: 'text' | 'json';
}

export function upgradeCommand(options: UpgradeOptions, io: Io): number {
  const target = toRelease(options.to);
  if (!target) throw new UsageError(`unknown MKE version ${options.to}; supported: ${MKE_RELEASES.join(', ')}`);
  const json = options.format === 'json';
  const loaded = loadMkeConfigFile(options.file);
  if (!loaded.config || !loaded.source) {
    if (json) io.stdout.write(JSON.stringify({ diagnostics: diagnosticsJson(loaded.diagnostics), plan: null }, null, 2) + '\n');
    else report(io, loaded);
    return EXIT_INVALID;
  }
  const plan = planUpgrade(loaded.source.text, target, { file: options.file, delivery: options.delivery });
  const stepDiagnostics = plan.steps.flatMap((s) => s.diagnostics);
  const diagnostics = [...loaded.diagnostics.filter((d) => d.severity === 'error'), ...stepDiagnostics, ...plan.diagnostics.filter((d) => !stepDiagnostics.includes(d))];
  let wrote: string | undefined;
  if (options.write && plan.migrated !== undefined && !plan.blocked) {
    writeFileSync(options.write, plan.migrated);
    wrote = options.write;
  }
  if (json) {
    io.stdout.write(JSON.stringify({ diagnostics: diagnosticsJson(diagnostics), plan: upgradePlanJson(plan), ...(wrote ? { wrote } : {}) }, null, 2) + '\n');
  } else {
    if (diagnostics.length) report(io, { diagnostics });
    io.stdout.write(formatUpgradePlan(plan));
    if (wrote) io.stdout.write(`wrote ${wrote} (MKE ${plan.to})\n`);
    else if (options.write) io.stderr.write(`not written: ${plan.blocked ? 'the upgrade path is refused' : 'the migrated file is not valid'}\n`);
  }
  return plan.blocked || hasErrors(plan.diagnostics) || plan.migrated === undefined ? EXIT_INVALID : EXIT_OK;
}
