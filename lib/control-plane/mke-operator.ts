/**
 * Operator delivery (the default): Namespace `mke` and the `MkeConfig` resource that
 * mke-operator renders the system services from. The spec is the normalized spec with each added
 * service's section merged in; secret fields become `${MKE_…}` placeholders (listed through
 * `onSecret`) and any other literal `${` is written `$${` so Flux substitution keeps it.
 */
import { ApiObject, Lazy } from 'cdk8s';
import { KubeNamespace } from '../k8s-namespace';
import { Construct } from 'constructs';
import { MKE_API_VERSION, MKE_KIND, MKE_NAMESPACE } from '../config/schema';
import { isRecord } from '../config/schema-walk';
import { replaceSecrets } from '../config/secrets';
import type { MkeSpec } from '../config/types';
import { SUBSTITUTE_DISABLED, SystemService } from '../services/system-service';

export interface MkeOperatorProps {
  /** `metadata.name` of the MkeConfig (the input's name). */
  readonly name: string;
  /**
   * The normalized spec the sections are merged into.
   * @default - an empty spec: only the added services' sections
   */
  readonly spec?: MkeSpec;
  /**
   * Told each secret placeholder used (variable, field path), e.g. `MkeCluster.useSecret`.
   * @default - ignored
   */
  readonly onSecret?: (variable: string, field: string) => void;
  /**
   * Where the Namespace `mke` goes.
   * @default - beside the MkeConfig
   */
  readonly namespaceScope?: Construct;
}

function isNamedList(v: unknown): v is Record<string, unknown>[] {
  return Array.isArray(v) && v.every((x) => isRecord(x) && typeof x.name === 'string');
}

/**
 * Merges a service section into a spec: mappings key by key; lists of named items (`addons`,
 * `services`) by name, so one service does not replace another's entry; anything else replaced.
 */
export function mergeSection(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (isRecord(base) && isRecord(over)) {
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(over)) out[k] = mergeSection(base[k], v);
    return out;
  }
  if (isNamedList(base) && isNamedList(over)) {
    const out = [...base];
    for (const item of over) {
      const i = out.findIndex((x) => x.name === item.name);
      if (i >= 0) out[i] = mergeSection(out[i], item) as Record<string, unknown>;
      else out.push(item);
    }
    return out;
  }
  return over;
}

/** Every literal `${` becomes `$${` (Flux's escape), so only our placeholders are substituted. */
export function escapeFluxVariables<T>(value: T): T {
  if (typeof value === 'string') return escapeFluxString(value) as T;
  if (Array.isArray(value)) return value.map((v) => escapeFluxVariables(v)) as T;
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = escapeFluxVariables(v);
    return out as T;
  }
  return value;
}

// `$$$$` in a replacement pattern is two literal dollars.
const escapeFluxString = (s: string): string => (s.includes('${') ? s.replace(/\$\{/g, '$$$${') : s);

/** `JSON.stringify` replacer: string values escaped as by `escapeFluxVariables` (keys stay as they are). */
const escapeFluxReplacer = (_key: string, v: unknown): unknown => (typeof v === 'string' ? escapeFluxString(v) : v);

export class MkeOperator extends Construct {
  /** The merged spec, already escaped: escaping changes strings only, one to one, so it commutes with `mergeSection`. */
  private escaped: unknown;
  private rendered: unknown;
  private readonly onSecret?: (variable: string, field: string) => void;

  constructor(scope: Construct, id: string, props: MkeOperatorProps) {
    super(scope, id);
    this.onSecret = props.onSecret;
    // One plain copy of the spec, escaped as it is made; each service's section is escaped when merged.
    this.escaped = JSON.parse(JSON.stringify(props.spec ?? {}, escapeFluxReplacer));
    new KubeNamespace(props.namespaceScope ?? this, 'namespace', {
      metadata: { name: MKE_NAMESPACE, annotations: { ...SUBSTITUTE_DISABLED } },
    });
    this.render();
    new ApiObject(this, 'mke-config', {
      apiVersion: MKE_API_VERSION,
      kind: MKE_KIND,
      metadata: { name: props.name, namespace: MKE_NAMESPACE },
      spec: Lazy.any({ produce: () => this.rendered }),
    });
  }

  /** Merges a service's `MkeConfig` section into the spec. */
  addService(service: SystemService): void {
    this.escaped = mergeSection(this.escaped, escapeFluxVariables(service.toMkeConfig()));
    this.render();
  }

  /** The spec as written (placeholders in, escaping applied). */
  get spec(): Record<string, unknown> {
    return this.rendered as Record<string, unknown>;
  }

  private render(): void {
    // Escaped first: the secret values are replaced wholesale afterwards, placeholders stay intact.
    this.rendered = replaceSecrets(this.escaped, this.onSecret);
  }
}
