/**
 * Authentication: Dex (release `authentication` in `mke`, MKE 4k docs) with OIDC, LDAP
 * and SAML connectors, token expiry, and the dex-http-server companion where the release ships it
 * (row 8). Secret fields (OIDC client secret, LDAP bind password) never reach the output: in
 * operator mode the MkeConfig carries placeholders; in k0rdent mode the Dex config references
 * environment variables that a user-created Secret supplies through `valuesFrom`.
 */
import { Construct } from 'constructs';
import type { Diagnostic } from '../config/diagnostics';
import { secretVariable } from '../config/secrets';
import type { MkeSpec } from '../config/types';
import { ChartOverride, compact, plain, ServiceRelease, SystemService, SystemServiceProps } from './system-service';

type AuthSection = NonNullable<MkeSpec['authentication']>;

/** Variable names Dex expands from its environment (Dex expands `$VAR` in its config) [inf]. */
export const OIDC_CLIENT_SECRET_ENV = secretVariable(['authentication', 'oidc', 'clientSecret']);
export const LDAP_BIND_PW_ENV = secretVariable(['authentication', 'ldap', 'bindPW']);

export interface AuthenticationProps extends SystemServiceProps {
  /**
   * Dex replicas. @see mke4.yaml `authentication.replicaCount`
   * @default - the chart's default (1)
   */
  readonly replicaCount?: number;
  /**
   * Dex pod resources. @see mke4.yaml `authentication.resources` (4.2)
   * @default - the chart's default
   */
  readonly resources?: AuthSection['resources'];
  /**
   * Token lifetimes, Dex `expiry`. @see mke4.yaml `authentication.expiry`
   * @default - Dex defaults
   */
  readonly expiry?: AuthSection['expiry'];
  /**
   * OIDC connector; used when `enabled` is true. The client secret is a secret field.
   * @default - no OIDC connector
   */
  readonly oidc?: AuthSection['oidc'];
  /**
   * LDAP connector; used when `enabled` is true. The bind password is a secret field.
   * @default - no LDAP connector
   */
  readonly ldap?: AuthSection['ldap'];
  /**
   * SAML connector; used when `enabled` is true.
   * @default - no SAML connector
   */
  readonly saml?: AuthSection['saml'];
  /**
   * Dex issuer URL [inf: MKE serves Dex under `/dex` of the external address].
   * @default - `https://<externalAddress>/dex`, where externalAddress defaults to `mke.local`
   */
  readonly issuer?: string;
  /**
   * Address used in the default issuer. @see mke4.yaml `apiServer.externalAddress`
   * @default 'mke.local'
   */
  readonly externalAddress?: string;
  /**
   * Name of the Secret (in namespace `k0rdent`) the user creates with Helm values that set the
   * secret environment variables (`envVars: [{name: MKE_AUTHENTICATION_OIDC_CLIENT_SECRET, value: …}]`).
   * Referenced by `valuesFrom` only when a secret field is in use (k0rdent mode).
   * @default 'mke-authentication-secrets'
   */
  readonly secretValuesName?: string;
  /**
   * Install dex-http-server beside Dex (only 4.0/4.1 component tables list it).
   * @default - true when the release catalog has a dex-http-server chart
   */
  readonly httpServer?: boolean;
  /**
   * Chart override for dex-http-server.
   * @default - from the release catalog
   */
  readonly httpServerChart?: ChartOverride;
}

/** Dex connectors for the enabled sections; secret fields become `$VAR` references. */
export function dexConnectors(props: AuthenticationProps): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const oidc = props.oidc;
  if (oidc?.enabled) {
    out.push({
      type: 'oidc',
      id: 'oidc',
      name: 'OIDC',
      config: compact({
        issuer: oidc.issuer,
        clientID: oidc.clientID,
        clientSecret: oidc.clientSecret ? `$${OIDC_CLIENT_SECRET_ENV}` : undefined,
        redirectURI: oidc.redirectURI,
      }),
    });
  }
  const ldap = props.ldap;
  if (ldap?.enabled) {
    const { enabled: _enabled, bindPW, ...rest } = plain(ldap) as NonNullable<AuthSection['ldap']>;
    out.push({ type: 'ldap', id: 'ldap', name: 'LDAP', config: compact({ ...rest, bindPW: bindPW ? `$${LDAP_BIND_PW_ENV}` : undefined }) });
  }
  const saml = props.saml;
  if (saml?.enabled) {
    const { enabled: _enabled, ...rest } = plain(saml) as NonNullable<AuthSection['saml']>;
    out.push({ type: 'saml', id: 'saml', name: 'SAML', config: compact(rest) });
  }
  return out;
}

/** True when a secret field is in use, so k0rdent mode needs the user's Secret. */
export function usesAuthSecrets(props: AuthenticationProps): boolean {
  return Boolean((props.oidc?.enabled && props.oidc.clientSecret) || (props.ldap?.enabled && props.ldap.bindPW));
}

/**
 * Dex chart values [inf: upstream dex chart layout]: `config.connectors` from the sections,
 * `config.expiry`, Kubernetes storage, gRPC API on (dex-http-server talks to it), replicas, resources.
 */
export function dexValues(props: AuthenticationProps): Record<string, unknown> {
  const issuer = props.issuer ?? `https://${props.externalAddress || 'mke.local'}/dex`;
  const expiry = plain(props.expiry) as Record<string, unknown> | undefined;
  return compact({
    replicaCount: props.replicaCount,
    resources: plain(props.resources),
    grpc: { enabled: true },
    config: {
      issuer,
      storage: { type: 'kubernetes', config: { inCluster: true } },
      expiry: expiry && Object.keys(expiry).length ? expiry : undefined,
      connectors: dexConnectors(props),
      oauth2: { skipApprovalScreen: true },
    },
  });
}

/**
 * Dex (https://dexidp.io): MKE's identity service, Helm release `authentication` in namespace `mke`,
 * with OIDC, LDAP and SAML connectors. Always on: an `MkeCluster` creates it from
 * `spec.authentication`; secret fields never reach the output (placeholders or a user-created Secret).
 *
 * @example
 * const dex = cluster.findService(Authentication)!;
 * const [release] = dex.toReleases(); // what k0rdent mode installs: release 'authentication' in 'mke'
 */
export class Authentication extends SystemService {
  readonly props: AuthenticationProps;

  constructor(scope: Construct, id: string, props: AuthenticationProps = {}) {
    super(scope, id, props);
    this.props = props;
  }

  toMkeConfig(): Record<string, unknown> {
    const p = this.props;
    return {
      authentication: compact({
        replicaCount: p.replicaCount,
        resources: plain(p.resources),
        expiry: plain(p.expiry),
        oidc: plain(p.oidc),
        ldap: plain(p.ldap),
        saml: plain(p.saml),
      }),
    };
  }

  toReleases(): ServiceRelease[] {
    const namespace = this.namespaceOr('mke');
    const releases: ServiceRelease[] = [
      {
        name: 'authentication',
        namespace,
        chart: this.chartFor('dex'),
        values: this.withExtraValues(dexValues(this.props)),
        valuesFromSecret: usesAuthSecrets(this.props) ? (this.props.secretValuesName ?? 'mke-authentication-secrets') : undefined,
        dependsOn: [],
      },
    ];
    const hasHttpServer = this.props.httpServerChart !== undefined || this.catalogHas('dex-http-server');
    if (this.props.httpServer ?? hasHttpServer) {
      releases.push({
        name: 'dex-http-server',
        namespace,
        chart: this.resolveChart('dex-http-server', this.props.httpServerChart),
        // dex-http-server's chart default gRPC target is `authentication-dex:5557` [src]; set it so a
        // renamed release still works.
        values: { grpc: { server: 'authentication-dex:5557' } },
        dependsOn: ['authentication'],
      });
    }
    return releases;
  }

  /** k0rdent mode: name the Secret the user must create for the secret fields in use (never their values). */
  k0rdentWarnings(): Diagnostic[] {
    if (!usesAuthSecrets(this.props)) return [];
    const vars = [this.props.oidc?.enabled && this.props.oidc.clientSecret ? OIDC_CLIENT_SECRET_ENV : undefined, this.props.ldap?.enabled && this.props.ldap.bindPW ? LDAP_BIND_PW_ENV : undefined].filter(Boolean);
    const name = this.props.secretValuesName ?? 'mke-authentication-secrets';
    return [
      {
        code: 'secret-missing',
        severity: 'warning',
        path: 'spec.authentication',
        message: `k0rdent delivery reads Dex's secret settings from Secret ${name} in namespace k0rdent, which you create (variables: ${vars.join(', ')})`,
        hint: `create it with a key holding Helm values such as \`envVars: [{name: ${vars[0]}, value: …}]\``,
      },
    ];
  }
}
