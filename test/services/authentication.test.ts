import { Testing } from 'cdk8s';
import { Authentication, dexValues } from '../../lib/services/authentication';

const SECRET = 'very-secret-value-123';

describe('authentication (Dex)', () => {
  const props = {
    replicaCount: 2,
    externalAddress: 'mke.example.com',
    expiry: { idTokens: '24h', refreshTokens: { absoluteLifetime: '720h' } },
    oidc: { enabled: true, issuer: 'https://idp.example.com', clientID: 'mke', clientSecret: SECRET },
    ldap: { enabled: true, host: 'ldap:636', bindDN: 'cn=a', bindPW: SECRET, userSearch: { baseDN: 'dc=x', username: 'uid' } },
    saml: { enabled: true, ssoURL: 'https://sso', usernameAttr: 'name', emailAttr: 'mail' },
  };

  test('connectors, expiry, issuer, replicas; secrets only as $VAR references', () => {
    const v = dexValues(props) as { replicaCount: number; config: { issuer: string; expiry: unknown; connectors: { type: string; config: Record<string, unknown> }[] } };
    expect(v.replicaCount).toBe(2);
    expect(v.config.issuer).toBe('https://mke.example.com/dex');
    expect(v.config.expiry).toEqual({ idTokens: '24h', refreshTokens: { absoluteLifetime: '720h' } });
    expect(v.config.connectors.map((c) => c.type)).toEqual(['oidc', 'ldap', 'saml']);
    expect(v.config.connectors[0].config).toEqual({ issuer: 'https://idp.example.com', clientID: 'mke', clientSecret: '$MKE_AUTHENTICATION_OIDC_CLIENT_SECRET', redirectURI: 'https://mke.example.com/dex/callback' });
    expect(v.config.connectors[1].config).toEqual({ host: 'ldap:636', bindDN: 'cn=a', bindPW: '$MKE_AUTHENTICATION_LDAP_BIND_PW', userSearch: { baseDN: 'dc=x', username: 'uid' } });
    expect(v.config.connectors[2].config).toEqual({ ssoURL: 'https://sso', usernameAttr: 'name', emailAttr: 'mail', redirectURI: 'https://mke.example.com/dex/callback' });
    expect(JSON.stringify(v)).not.toContain(SECRET);
  });

  test('disabled connectors are left out', () => {
    const v = dexValues({ oidc: { enabled: false, clientSecret: SECRET } }) as { config: { connectors: unknown[] } };
    expect(v.config.connectors).toEqual([]);
  });

  test('k0rdent: release authentication in mke with valuesFrom the user Secret, and a warning naming it', () => {
    const svc = new Authentication(Testing.chart(), 'auth', { ...props, release: '4.1.1' });
    const [dex, http] = svc.toReleases();
    expect(dex).toMatchObject({ name: 'authentication', namespace: 'mke', valuesFromSecret: 'mke-authentication-secrets', chart: { name: 'dex', version: '0.23.0' } });
    expect(http).toMatchObject({ name: 'dex-http-server', dependsOn: ['authentication'] });
    // The SAML connector here has no CA: Dex would not start (chart-audit.test.ts), warned first.
    expect(svc.k0rdentWarnings().map((d) => d.code)).toEqual(['required', 'secret-missing']);
    const w = svc.k0rdentWarnings().find((d) => d.code === 'secret-missing')!;
    expect(w.message).not.toContain(SECRET);
  });

  test('no secret in use: no valuesFrom', () => {
    const [dex] = new Authentication(Testing.chart(), 'auth', { release: '4.2.0' }).toReleases();
    expect(dex.valuesFromSecret).toBeUndefined();
  });

  test('operator section keeps the fields (secrets replaced later by MkeOperator)', () => {
    expect(new Authentication(Testing.chart(), 'a', { replicaCount: 3 }).toMkeConfig()).toEqual({ authentication: { replicaCount: 3 } });
  });
});
