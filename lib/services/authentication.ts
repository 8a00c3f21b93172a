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
import { defaultIngressRoute, httpRoute, INGRESS_NGINX_CLASS, IngressRoute } from './ingress-route';
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
  /**
   * How `/dex` (and dex-http-server's `/api/dex`) is exposed: an Ingress of this class, or an
   * HTTPRoute on the MKE gateway.
   * @default - the MKE Envoy gateway from 4.1.3, ingress-nginx (class `nginx`) before
   */
  readonly ingress?: IngressRoute;
}

/** Helm release name of Dex; the dex chart names its Service `<release>-dex`. */
export const DEX_RELEASE = 'authentication';
/** Dex's Service (dex chart `dex.fullname`: release name + `-dex`); dex-http-server's default gRPC target. */
export const DEX_SERVICE = `${DEX_RELEASE}-dex`;
/** dex chart `service.ports`: HTTP 5556, gRPC 5557 (dexidp/helm-charts charts/dex/values.yaml). */
export const DEX_HTTP_PORT = 5556;
export const DEX_GRPC_PORT = 5557;
/**
 * The Secret dex-http-server mounts at /etc/dex-grpc-certs (its chart's values.yaml `volumes`),
 * reading `ca.crt`, `tls.crt` and `tls.key` (MirantisContainers/dex-http-server
 * internal/tls/tls.go) — the chart always passes `--grpc-certs-path`, so the client always uses TLS.
 */
export const AUTH_GRPC_TLS_SECRET = 'auth-grpc.tls';
/** Where Dex mounts that Secret (outside /etc/dex, where the dex chart mounts its config). */
export const DEX_GRPC_TLS_DIR = '/etc/dex-grpc-tls';

/** `<issuer>/callback`: the only redirect URI Dex accepts for an upstream connector (dex server/handlers.go). */
export function dexCallbackURL(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/callback`;
}

/** The issuer: the prop, else `https://<externalAddress>/dex`. */
export function dexIssuer(props: Pick<AuthenticationProps, 'issuer' | 'externalAddress'>): string {
  return props.issuer ?? `https://${props.externalAddress || 'mke.local'}/dex`;
}

/**
 * Dex connectors for the enabled sections; secret fields become `$VAR` references. OIDC and SAML
 * need `redirectURI` (dex connector/saml/saml.go lists it as required; connector/oidc/oidc.go
 * refuses a callback that differs from it): when mke4.yaml has none it is `<issuer>/callback`.
 */
export function dexConnectors(props: AuthenticationProps): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const callback = dexCallbackURL(dexIssuer(props));
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
        redirectURI: oidc.redirectURI || callback,
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
    const { enabled: _enabled, redirectURI, ...rest } = plain(saml) as NonNullable<AuthSection['saml']>;
    out.push({ type: 'saml', id: 'saml', name: 'SAML', config: compact({ ...rest, redirectURI: redirectURI || callback }) });
  }
  return out;
}

/**
 * Connector settings without which Dex does not start: Dex opens every configured connector at
 * start and exits when one fails (dex server/server.go `OpenConnector` → "server: Failed to open
 * connector"), which takes MKE's local users down with it. Required fields per connector (dex v2.42
 * and v2.44, the apps of dex charts 0.23.0 and 0.24.0):
 * - LDAP: `host`, `userSearch.baseDN`, `userSearch.username` (connector/ldap/ldap.go `requiredFields`);
 * - SAML: `ssoURL`, `usernameAttr`, `emailAttr` (connector/saml/saml.go `requiredFields`; `redirectURI`
 *   is derived), and exactly one of `ca` / `caData` unless `insecureSkipSignatureValidation`
 *   ("must provide either 'ca' or 'caData'");
 * - OIDC: `issuer` (discovered at start, connector/oidc/oidc.go) and `clientID`.
 *
 * SAML `ca` and LDAP `rootCA` are paths that Dex reads inside its pod when it opens the connector
 * (`os.ReadFile`, connector/saml/saml.go and connector/ldap/ldap.go), and the dex chart mounts only its
 * config Secret at /etc/dex plus `volumes` (charts/dex/templates/deployment.yaml): no file of the
 * user's reaches the pod, so a path fails the start. The inline fields (`caData`, `rootCAData`: the
 * base64 of the PEM, decoded by Dex's JSON `[]byte`) need no file.
 */
export function dexConnectorProblems(props: Pick<AuthenticationProps, 'ldap' | 'saml' | 'oidc'>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const missing = (section: string, fields: [string, unknown][]) => {
    const absent = fields.filter(([, v]) => v === undefined || v === '').map(([k]) => k);
    if (absent.length) {
      out.push({
        code: 'required',
        severity: 'warning',
        path: `spec.authentication.${section}`,
        message: `Dex will not start: its ${section.toUpperCase()} connector needs ${absent.join(', ')}`,
        hint: `set ${absent.map((f) => `authentication.${section}.${f}`).join(', ')}, or disable the ${section} connector`,
      });
    }
  };
  const { ldap, saml, oidc } = props;
  const path = (section: string, field: string, inline: string) =>
    out.push({
      code: 'invalid-value',
      severity: 'warning',
      path: `spec.authentication.${section}.${field}`,
      message: `Dex will not start: ${section}.${field} is a file path Dex reads inside its pod, and no volume of the Dex chart provides that file`,
      hint: `put the CA itself in authentication.${section}.${inline} (base64 of the PEM) and remove ${field}`,
    });
  if (ldap?.enabled) missing('ldap', [['host', ldap.host], ['userSearch.baseDN', ldap.userSearch?.baseDN], ['userSearch.username', ldap.userSearch?.username]]);
  // LDAP reads rootCA only when rootCAData is empty (connector/ldap/ldap.go).
  if (ldap?.enabled && ldap.rootCA && !ldap.rootCAData) path('ldap', 'rootCA', 'rootCAData');
  if (oidc?.enabled) missing('oidc', [['issuer', oidc.issuer], ['clientID', oidc.clientID]]);
  if (saml?.enabled) {
    missing('saml', [['ssoURL', saml.ssoURL], ['usernameAttr', saml.usernameAttr], ['emailAttr', saml.emailAttr]]);
    if (!saml.insecureSkipSignatureValidation && Boolean(saml.ca) === Boolean(saml.caData)) {
      out.push({
        code: 'required',
        severity: 'warning',
        path: 'spec.authentication.saml',
        message: saml.ca ? "Dex will not start: its SAML connector takes either 'ca' or 'caData', not both" : "Dex will not start: its SAML connector needs the IdP's signing CA ('caData') to check assertions",
        hint: 'set authentication.saml.caData to the base64 of the PEM CA',
      });
    } else if (!saml.insecureSkipSignatureValidation && saml.ca) path('saml', 'ca', 'caData');
  }
  out.push(...dexExpansionProblems(props));
  return out;
}

/** What Go's os.ExpandEnv replaces: `$` then a name, `{`, or one of the shell's special characters. */
const EXPANDED = /\$(?:[A-Za-z_0-9{*#$@!?-])/;

/**
 * Settings Dex would change: it runs `os.ExpandEnv` over each connector's whole config (dex
 * cmd/dex/config.go `Connector.UnmarshalJSON`, on unless `DEX_EXPAND_ENV` is false — and the secret
 * fields need it on), so a `$NAME` or `${NAME}` in a plain setting (an LDAP filter, a bind DN) becomes
 * the value of an environment variable, mostly the empty string. Go's expansion has no escape
 * (`$$` is the variable `$`). The secret fields are exempt: their `$VAR` is ours.
 */
export function dexExpansionProblems(props: Pick<AuthenticationProps, 'ldap' | 'saml' | 'oidc'>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const secret = new Set(['oidc.clientSecret', 'ldap.bindPW']);
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'string') {
      if (!secret.has(path) && EXPANDED.test(value)) {
        out.push({
          code: 'invalid-value',
          severity: 'warning',
          path: `spec.authentication.${path}`,
          message: `Dex expands environment variables in connector settings: the '$' here is replaced (mostly by nothing) before the ${path.split('.')[0].toUpperCase()} connector sees it`,
          hint: 'Dex has no escape for a literal $ followed by a name; rewrite the value without it',
        });
      }
    } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
  };
  for (const section of ['oidc', 'ldap', 'saml'] as const) {
    const s = props[section];
    if (s?.enabled) for (const [k, v] of Object.entries(plain(s) as Record<string, unknown>)) walk(v, `${section}.${k}`);
  }
  return out;
}

/** True when a secret field is in use, so k0rdent mode needs the user's Secret. */
export function usesAuthSecrets(props: AuthenticationProps): boolean {
  return Boolean((props.oidc?.enabled && props.oidc.clientSecret) || (props.ldap?.enabled && props.ldap.bindPW));
}

/**
 * Dex chart values (dexidp/helm-charts charts/dex/values.yaml; `config` is Dex's own config file):
 * - `config.enablePasswordDB: true` — MKE's local users are Dex passwords (managed through
 *   dex-http-server's gRPC API), and without any connector Dex refuses to start ("server: no
 *   connectors specified", dex server/server.go); the password DB adds the `local` connector
 *   (dex cmd/dex/serve.go);
 * - `config.connectors` from the sections, `config.expiry`, Kubernetes storage;
 * - gRPC API on (`grpc.enabled` adds `--grpc-addr 0.0.0.0:5557`) with TLS from `auth-grpc.tls`
 *   (`config.grpc.tlsCert`/`tlsKey`, client certificates checked against `tlsClientCA`; dex
 *   cmd/dex/config.go), the Secret mounted through `volumes`/`volumeMounts`;
 * - `/dex` through ingress-nginx (`ingress.className`, a host-less rule) when that is the ingress;
 *   on the MKE gateway an HTTPRoute does it (`authenticationObjects`).
 */
export function dexValues(props: AuthenticationProps): Record<string, unknown> {
  const issuer = dexIssuer(props);
  const expiry = plain(props.expiry) as Record<string, unknown> | undefined;
  const route = props.ingress ?? { kind: 'ingress', className: INGRESS_NGINX_CLASS };
  const path = new URL(issuer).pathname.replace(/\/+$/, '') || '/';
  return compact({
    replicaCount: props.replicaCount,
    resources: plain(props.resources),
    grpc: { enabled: true },
    volumes: [{ name: 'grpc-tls', secret: { secretName: AUTH_GRPC_TLS_SECRET } }],
    volumeMounts: [{ name: 'grpc-tls', mountPath: DEX_GRPC_TLS_DIR, readOnly: true }],
    ingress:
      route.kind === 'ingress'
        ? { enabled: true, className: route.className, hosts: [{ host: '', paths: [{ path, pathType: 'Prefix' }] }] }
        : undefined,
    config: {
      issuer,
      storage: { type: 'kubernetes', config: { inCluster: true } },
      enablePasswordDB: true,
      grpc: { tlsCert: `${DEX_GRPC_TLS_DIR}/tls.crt`, tlsKey: `${DEX_GRPC_TLS_DIR}/tls.key`, tlsClientCA: `${DEX_GRPC_TLS_DIR}/ca.crt` },
      expiry: expiry && Object.keys(expiry).length ? expiry : undefined,
      connectors: dexConnectors(props),
      oauth2: { skipApprovalScreen: true },
    },
  });
}

/**
 * dex-http-server values (MirantisContainers/dex-http-server charts/dex-http-server): the gRPC
 * target, and its `/api/dex` Ingress with the class (templates/ingress.yaml reads
 * `ingress.className`), or no Ingress when the MKE gateway routes it.
 */
export function dexHttpServerValues(props: AuthenticationProps): Record<string, unknown> {
  const route = props.ingress ?? { kind: 'ingress', className: INGRESS_NGINX_CLASS };
  return {
    // The chart's default gRPC target is `authentication-dex:5557`; set it so a renamed release still works.
    grpc: { server: `${DEX_SERVICE}:${DEX_GRPC_PORT}` },
    ingress: route.kind === 'ingress' ? { enabled: true, className: route.className } : { enabled: false },
  };
}

/**
 * The gRPC certificates, issued by cert-manager (installed with CRDs by the k0rdent/kcm chart,
 * `cert-manager.enabled: true`, `crds.enabled: true` in kcm's values.yaml, before any manifest is
 * applied): a self-signed CA and, from it, `auth-grpc.tls` (`ca.crt`, `tls.crt`, `tls.key`) for
 * Dex's Service names, usable as server (Dex) and client (dex-http-server) certificate. No key
 * material is in the output.
 */
export function authGrpcCertificates(namespace: string): Record<string, unknown>[] {
  const ca = 'mke-auth-grpc-ca';
  const selfSigned = 'mke-auth-grpc-selfsigned';
  const meta = (name: string) => ({ name, namespace });
  return [
    { apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: meta(selfSigned), spec: { selfSigned: {} } },
    {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: meta(ca),
      spec: { isCA: true, commonName: ca, secretName: ca, duration: '87600h', privateKey: { algorithm: 'ECDSA', size: 256 }, issuerRef: { group: 'cert-manager.io', kind: 'Issuer', name: selfSigned } },
    },
    { apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: meta(ca), spec: { ca: { secretName: ca } } },
    {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: meta('auth-grpc'),
      spec: {
        secretName: AUTH_GRPC_TLS_SECRET,
        commonName: DEX_SERVICE,
        // Dex reloads its gRPC certificate (dex cmd/dex/serve.go newTLSReloader), but dex-http-server
        // reads its client certificate once at start (internal/tls/tls.go): a cluster-internal
        // certificate as long-lived as its CA keeps that link up without restarts.
        duration: '87600h',
        dnsNames: [DEX_SERVICE, `${DEX_SERVICE}.${namespace}`, `${DEX_SERVICE}.${namespace}.svc`, `${DEX_SERVICE}.${namespace}.svc.cluster.local`],
        usages: ['digital signature', 'key encipherment', 'server auth', 'client auth'],
        privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
        issuerRef: { group: 'cert-manager.io', kind: 'Issuer', name: ca },
      },
    },
  ];
}

/** Objects beside the charts: the gRPC certificates, and the HTTPRoutes on the MKE gateway. */
export function authenticationObjects(props: AuthenticationProps, namespace: string, httpServer: boolean): Record<string, unknown>[] {
  const out = authGrpcCertificates(namespace);
  const route = props.ingress;
  if (route?.kind === 'gateway') {
    const path = new URL(dexIssuer(props)).pathname.replace(/\/+$/, '') || '/';
    out.push(httpRoute(route, { name: DEX_SERVICE, namespace, path, service: DEX_SERVICE, port: DEX_HTTP_PORT }));
    // dex-http-server serves at `/`; its chart's nginx Ingress rewrites `/api/dex(/|$)(.*)` to `/$2`.
    if (httpServer) out.push(httpRoute(route, { name: 'dex-http-server', namespace, path: '/api/dex', service: 'dex-http-server', port: 80, stripPrefix: true }));
  }
  return out;
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
    this.props = { ...props, ingress: props.ingress ?? defaultIngressRoute(this.release) };
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
        name: DEX_RELEASE,
        namespace,
        chart: this.chartFor('dex'),
        values: this.withExtraValues(dexValues(this.props)),
        valuesFromSecret: usesAuthSecrets(this.props) ? (this.props.secretValuesName ?? 'mke-authentication-secrets') : undefined,
        dependsOn: [],
      },
    ];
    if (this.hasHttpServer()) {
      releases.push({
        name: 'dex-http-server',
        namespace,
        chart: this.resolveChart('dex-http-server', this.props.httpServerChart),
        values: dexHttpServerValues(this.props),
        dependsOn: [DEX_RELEASE],
      });
    }
    return releases;
  }

  k0rdentObjects(): Record<string, unknown>[] {
    return authenticationObjects(this.props, this.namespaceOr('mke'), this.hasHttpServer());
  }

  private hasHttpServer(): boolean {
    return this.props.httpServer ?? (this.props.httpServerChart !== undefined || this.catalogHas('dex-http-server'));
  }

  /**
   * k0rdent mode: connectors Dex cannot open (`dexConnectorProblems`), and the Secret the user must
   * create for the secret fields in use (never their values).
   */
  k0rdentWarnings(): Diagnostic[] {
    const problems = dexConnectorProblems(this.props);
    if (!usesAuthSecrets(this.props)) return problems;
    const vars = [this.props.oidc?.enabled && this.props.oidc.clientSecret ? OIDC_CLIENT_SECRET_ENV : undefined, this.props.ldap?.enabled && this.props.ldap.bindPW ? LDAP_BIND_PW_ENV : undefined].filter(Boolean);
    const name = this.props.secretValuesName ?? 'mke-authentication-secrets';
    return [
      ...problems,
      {
        code: 'secret-missing',
        severity: 'warning',
        path: 'spec.authentication',
        message: `k0rdent delivery reads Dex's secret settings from Secret ${name} in namespace k0rdent, which you create (variables: ${vars.join(', ')})`,
        // Sveltos reads valuesFrom Secrets of this type only (projectsveltos/addon-controller controllers/handlers_utils.go `getSecret`).
        hint: `create it with type addons.projectsveltos.io/cluster-profile and a key holding Helm values such as \`envVars: [{name: ${vars[0]}, value: …}]\``,
      },
    ];
  }
}
