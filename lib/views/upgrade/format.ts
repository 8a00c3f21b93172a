/** Text and JSON renderings of an upgrade plan. Values shown are versions, booleans, ports and defaults: never secrets. */
import type { UpgradePlan, UpgradeStep } from './plan';

function value(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

const MARK: Record<string, string> = { set: '~', kept: '=', renamed: '>', removed: '-', review: '?' };

function stepText(step: UpgradeStep, index: number, total: number): string[] {
  const { hop } = step;
  const out = [`step ${index + 1}/${total}: MKE ${hop.from} → ${hop.to} (mkectl ${hop.mkectl}; ${hop.verified ? 'documented path' : 'path inferred from'}: ${hop.source})`];
  if (step.components.length) {
    out.push('  components:');
    const width = Math.max(...step.components.map((c) => c.component.length));
    for (const c of step.components) {
      out.push(`    ${c.component.padEnd(width)}  ${c.from ?? '(none)'} → ${c.to ?? '(removed)'}${c.verified ? '' : '  (unverified version)'}`);
    }
  }
  if (step.migrations.length) {
    out.push('  your mke4.yaml:');
    for (const m of step.migrations) {
      const what =
        m.kind === 'renamed'
          ? `${m.from} → ${m.path}`
          : m.new !== undefined
            ? `${m.path}: ${m.old !== undefined ? `${value(m.old)} → ` : ''}${value(m.new)}`
            : m.path;
      out.push(`    ${MARK[m.kind]} ${what}`);
      out.push(`        ${m.note}`);
    }
  }
  if (step.defaults.length) {
    out.push(`  defaults that change (fields your file leaves out): ${step.defaults.length}`);
    // New sections are one line each; changed defaults are shown value by value.
    const fresh = new Map<string, number>();
    for (const d of step.defaults) {
      const section = d.path.split('.').slice(0, 2).join('.');
      if (d.newSection) {
        fresh.set(section, (fresh.get(section) ?? 0) + 1);
        continue;
      }
      out.push(`    ${d.path}: ${d.from === undefined ? '(absent)' : value(d.from)} → ${d.to === undefined ? '(absent)' : value(d.to)}`);
    }
    for (const [section, n] of fresh) out.push(`    ${section}: new section, ${n} default${n === 1 ? '' : 's'}`);
  }
  if (step.impacts.length) {
    out.push('  on the running cluster:');
    for (const i of step.impacts) out.push(`    - ${i.impact} (${i.paths.join(', ')})`);
  }
  if (step.manual.length) {
    out.push('  by hand:');
    for (const m of step.manual) out.push(`    - ${m.text}`);
  }
  return out;
}

/** The plan as text for a terminal. */
export function formatUpgradePlan(plan: UpgradePlan): string {
  const head = `${plan.name}: MKE ${plan.from} → ${plan.to}`;
  if (plan.blocked) {
    return [`${head}: not possible`, `  ${plan.blocked.reason}`, `  source: ${plan.blocked.source}`, '  instead:', ...plan.blocked.procedure.map((p, i) => `    ${i + 1}. ${p}`)].join('\n') + '\n';
  }
  if (!plan.steps.length && plan.from === plan.to) return `${head}: already there, nothing to do\n`;
  const lines = [`${head} in ${plan.steps.length} step${plan.steps.length === 1 ? '' : 's'}: ${[plan.from, ...plan.steps.map((s) => s.hop.to)].join(' → ')}`];
  plan.steps.forEach((s, i) => lines.push(...stepText(s, i, plan.steps.length)));
  const edits = plan.steps.reduce((n, s) => n + s.migrations.filter((m) => m.kind !== 'review').length, 0);
  const reviews = plan.steps.reduce((n, s) => n + s.migrations.filter((m) => m.kind === 'review').length, 0);
  const manual = plan.steps.reduce((n, s) => n + s.manual.length, 0);
  lines.push(`summary: ${plan.steps.length} step(s), ${edits} edit(s) to mke4.yaml, ${reviews} field(s) to review, ${manual} thing(s) to do by hand${plan.migrated ? '' : '; the migrated file is not valid (see the diagnostics)'}`);
  return lines.join('\n') + '\n';
}

/** The plan as plain JSON (the migrated file is left out; `--write` writes it). */
export function upgradePlanJson(plan: UpgradePlan): object {
  const { migrated: _migrated, diagnostics: _d, ...rest } = plan;
  return { ...rest, steps: plan.steps.map(({ diagnostics: _sd, ...s }) => s) };
}
