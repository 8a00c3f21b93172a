/**
 * Kubernetes label selectors (metav1.LabelSelector): the shape a MultiClusterService's
 * `clusterSelector` takes, its syntax rules and how it matches a cluster's labels. Pure functions,
 * so the fleet can tell at synth time which child clusters a selector reaches.
 */
import { labelKeyError, labelValueError } from '../k8s-names';

/** `In`/`NotIn` need values; `Exists`/`DoesNotExist` must have none (apimachinery rules). */
export type LabelSelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

/** One requirement of a label selector. */
export interface LabelSelectorRequirement {
  /** Label key the requirement applies to. */
  readonly key: string;
  /** How the key relates to `values`. */
  readonly operator: LabelSelectorOperator;
  /**
   * Values for `In`/`NotIn` (non-empty); must be empty or absent for `Exists`/`DoesNotExist`.
   * @default - none
   */
  readonly values?: readonly string[];
}

/** A label selector; the requirements are ANDed. */
export interface LabelSelector {
  /**
   * Labels a cluster must carry with exactly these values.
   * @default - no label equality requirement
   */
  readonly matchLabels?: Readonly<Record<string, string>>;
  /**
   * Further requirements.
   * @default - no expression requirement
   */
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
}

const OPERATORS: readonly string[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** True when the selector has no requirement at all (which k0rdent 1.3–1.8 reads as "every cluster"). */
export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}

/** Every syntax problem of a selector, in the user's terms. */
export function labelSelectorErrors(selector: LabelSelector): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    const keyError = labelKeyError(key);
    if (keyError) out.push(`matchLabels key "${key}" ${keyError}`);
    const valueError = labelValueError(value);
    if (valueError) out.push(`matchLabels["${key}"] value "${value}" ${valueError}`);
  }
  (selector.matchExpressions ?? []).forEach((req, i) => {
    const where = `matchExpressions[${i}]`;
    const keyError = labelKeyError(req.key);
    if (keyError) out.push(`${where} key "${req.key}" ${keyError}`);
    if (!OPERATORS.includes(req.operator)) {
      out.push(`${where} operator "${req.operator}" must be one of ${OPERATORS.join(', ')}`);
      return;
    }
    const values = req.values ?? [];
    if ((req.operator === 'In' || req.operator === 'NotIn') && values.length === 0) out.push(`${where} operator ${req.operator} needs at least one value`);
    if ((req.operator === 'Exists' || req.operator === 'DoesNotExist') && values.length > 0) out.push(`${where} operator ${req.operator} takes no values`);
    for (const value of values) {
      const valueError = labelValueError(value);
      if (valueError) out.push(`${where} value "${value}" ${valueError}`);
    }
  });
  return out;
}

/** Whether `labels` satisfy the selector (an empty selector matches everything, as in Kubernetes). */
export function selectorMatches(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) if (labels[key] !== value) return false;
  for (const req of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, req.key);
    const values = req.values ?? [];
    switch (req.operator) {
      case 'In':
        if (!has || !values.includes(labels[req.key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[req.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
    }
  }
  return true;
}

/** The selector as written in a manifest: only the parts that are set, list order as given. */
export function selectorToJson(selector: LabelSelector): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (selector.matchLabels && Object.keys(selector.matchLabels).length) out.matchLabels = { ...selector.matchLabels };
  if (selector.matchExpressions?.length) {
    out.matchExpressions = selector.matchExpressions.map((req) => ({
      key: req.key,
      operator: req.operator,
      ...(req.values && req.values.length ? { values: [...req.values] } : {}),
    }));
  }
  return out;
}
