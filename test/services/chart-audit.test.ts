/**
 * Findings of the audit of our Helm values against each chart's templates at the chart version we
 * emit, and against the run-time behaviour of the binaries. Each test fails on the output before
 * its fix.
 */
import { Testing } from 'cdk8s';
import { Authentication, dexConnectorProblems } from '../../lib/services/authentication';
import { awsCloudControllerValues } from '../../lib/services/cloud-provider';
import { EnvoyGateway, envoyGatewayValues } from '../../lib/services/envoy-gateway';
import { metalLbValues } from '../../lib/services/metallb';
import { cadvisorValues, kubePrometheusStackValues, Monitoring } from '../../lib/services/monitoring';
import { k0sControllerTolerations, withK0sControllerTolerations } from '../../lib/services/tolerations';
import { tolerates } from '../support/tolerates';
import { everyServiceSpec, mcsService, synthSpec } from '../control-plane/fixtures';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The taint k0s puts on controller+worker nodes: `node-role.kubernetes.io/master=:NoSchedule` up to
 * k0s 1.32 (MKE 4.1), `node-role.kubernetes.io/control-plane:NoSchedule` from k0s 1.33 (MKE 4.2: k0s 1.35).
 */
const K0S_132_TAINT = { key: 'node-role.kubernetes.io/master', value: '', effect: 'NoSchedule' };
const K0S_133_TAINT = { key: 'node-role.kubernetes.io/control-plane', value: '', effect: 'NoSchedule' };

describe('pods pinned to (or meant for) controller+worker nodes tolerate the k0s taint of every k0s version', () => {
  test('the helper tolerates both keys and keeps what the user gave', () => {
    for (const taint of [K0S_132_TAINT, K0S_133_TAINT]) expect(tolerates(k0sControllerTolerations(), taint)).toBe(true);
    const user = [{ key: 'dedicated', operator: 'Equal', value: 'gw', effect: 'NoSchedule' }];
    expect(withK0sControllerTolerations(user)).toEqual([...user, ...k0sControllerTolerations()]);
    // Already tolerated (Equal with the empty value k0s sets, or a key-less Exists): nothing added.
    const master = { key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' };
    expect(withK0sControllerTolerations([master])).toEqual([master, k0sControllerTolerations()[1]]);
    expect(withK0sControllerTolerations([{ operator: 'Exists' }])).toEqual([{ operator: 'Exists' }]);
    // A NoExecute-only toleration does not let a pod schedule onto a NoSchedule taint.
    expect(withK0sControllerTolerations([{ operator: 'Exists', effect: 'NoExecute' }])).toHaveLength(3);
  });

  test('Envoy Gateway: the fixed control-plane node selector comes with the tolerations, also when mke4.yaml has none', () => {
    // envoyproxy/gateway charts/gateway-helm/templates/envoy-gateway-deployment.yaml: deployment.pod.{nodeSelector,tolerations}.
    const v = envoyGatewayValues({}) as Obj;
    expect(v.deployment.pod.nodeSelector['node-role.kubernetes.io/control-plane']).toBe('true');
    for (const taint of [K0S_132_TAINT, K0S_133_TAINT]) expect(tolerates(v.deployment.pod.tolerations, taint)).toBe(true);
    // 4.1.3 init prints only the master toleration: on k0s 1.33+ the control-plane one is added.
    const own = envoyGatewayValues({ tolerations: [{ key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' }] }) as Obj;
    expect(tolerates(own.deployment.pod.tolerations, K0S_133_TAINT)).toBe(true);
    expect(own.deployment.pod.tolerations).toHaveLength(2);
    const release = new EnvoyGateway(Testing.chart(), 'eg', { release: '4.2.0' }).toReleases()[0];
    expect(tolerates((release.values as Obj).deployment.pod.tolerations, K0S_133_TAINT)).toBe(true);
  });

  test('AWS CCM: runs on control-plane nodes under the 4.2 taint key, and on uninitialized nodes', () => {
    const v = awsCloudControllerValues() as Obj;
    expect(v.nodeSelector).toEqual({ 'node-role.kubernetes.io/control-plane': 'true' });
    for (const taint of [K0S_132_TAINT, K0S_133_TAINT, { key: 'node.cloudprovider.kubernetes.io/uninitialized', value: 'true', effect: 'NoSchedule' }]) {
      expect(tolerates(v.tolerations, taint)).toBe(true);
    }
  });

  test('cAdvisor DaemonSet covers controller+worker nodes (kubelet cAdvisor scraping is off when it runs)', () => {
    // ckotzbauer/helm-charts charts/cadvisor/templates/daemonset.yaml renders `.Values.tolerations`; the default is [].
    const v = cadvisorValues() as Obj;
    for (const taint of [K0S_132_TAINT, K0S_133_TAINT]) expect(tolerates(v.tolerations, taint)).toBe(true);
    const releases = new Monitoring(Testing.chart(), 'm', { release: '4.2.0', enableCAdvisor: true }).toReleases();
    expect(tolerates((releases.find((r) => r.name === 'cadvisor')!.values as Obj).tolerations, K0S_133_TAINT)).toBe(true);
  });

  test('Prometheus pinned to control-plane nodes (monitoring.prometheus.nodeSelector) tolerates their taint', () => {
    // kube-prometheus-stack templates/prometheus/prometheus.yaml renders prometheusSpec.{nodeSelector,tolerations}.
    const pinned = (kubePrometheusStackValues({ prometheus: { nodeSelector: { 'node-role.kubernetes.io/control-plane': 'true' } } }, '4.2.0') as Obj).prometheus.prometheusSpec;
    for (const taint of [K0S_132_TAINT, K0S_133_TAINT]) expect(tolerates(pinned.tolerations, taint)).toBe(true);
    // Any other selector is the user's business: no toleration added.
    expect((kubePrometheusStackValues({ prometheus: { nodeSelector: { disk: 'ssd' } } }, '4.2.0') as Obj).prometheus.prometheusSpec.tolerations).toBeUndefined();
    expect((kubePrometheusStackValues({}, '4.1.1') as Obj).prometheus.prometheusSpec.tolerations).toBeUndefined();
  });

  test('MetalLB controller tolerates managers under both taint keys', () => {
    const v = metalLbValues({}) as Obj;
    for (const taint of [K0S_132_TAINT, K0S_133_TAINT]) expect(tolerates(v.controller.tolerations, taint)).toBe(true);
    expect(metalLbValues({ tolerateManagers: false })).not.toHaveProperty('controller');
  });

  test('k0rdent output for 4.2.0 with every service on: the MultiClusterService values carry the tolerations', () => {
    const s = synthSpec({ ...everyServiceSpec('v4.2.0') }, 'k0rdent');
    for (const name of ['envoy-gateway', 'aws-cloud-controller-manager', 'cadvisor', 'metallb']) {
      const svc = mcsService(s, name);
      expect(svc).toBeDefined();
    }
    const values = (name: string) => mcsValues(s, name);
    expect(tolerates(values('envoy-gateway').deployment.pod.tolerations, K0S_133_TAINT)).toBe(true);
    expect(tolerates(values('aws-cloud-controller-manager').tolerations, K0S_133_TAINT)).toBe(true);
    expect(tolerates(values('cadvisor').tolerations, K0S_133_TAINT)).toBe(true);
    expect(tolerates(values('metallb').controller.tolerations, K0S_133_TAINT)).toBe(true);
    expect(tolerates(values('monitoring').prometheus.prometheusSpec.tolerations, K0S_133_TAINT)).toBe(true);
  });
});

/** The parsed Helm values of a service entry of the MultiClusterService. */
function mcsValues(s: ReturnType<typeof synthSpec>, name: string): Obj {
  return mcsService(s, name)!.values as Obj;
}

describe('Dex starts only when each enabled connector has what dex needs to open it', () => {
  test('SAML without the IdP CA (dex connector/saml/saml.go: "must provide either \'ca\' or \'caData\'"): warned', () => {
    const saml = { enabled: true, ssoURL: 'https://sso', usernameAttr: 'name', emailAttr: 'email' };
    expect(dexConnectorProblems({ saml }).map((d) => [d.code, d.path, d.message])).toEqual([
      ['required', 'spec.authentication.saml', "Dex will not start: its SAML connector needs the IdP's signing CA ('caData') to check assertions"],
    ]);
    expect(dexConnectorProblems({ saml: { ...saml, caData: 'LS0tLS1CRUdJTg==' } })).toEqual([]);
    expect(dexConnectorProblems({ saml: { ...saml, insecureSkipSignatureValidation: true } })).toEqual([]);
    expect(dexConnectorProblems({ saml: { ...saml, ca: '/etc/ca.pem', caData: 'x' } })[0].message).toMatch(/either 'ca' or 'caData', not both/);
    expect(dexConnectorProblems({ saml: { ...saml, enabled: false } })).toEqual([]);
  });

  test('required fields of LDAP (ldap.go), SAML (saml.go) and OIDC (issuer, clientID)', () => {
    expect(dexConnectorProblems({ ldap: { enabled: true, host: 'ldap:636', userSearch: { baseDN: 'dc=x' } } })[0].message).toBe('Dex will not start: its LDAP connector needs userSearch.username');
    expect(dexConnectorProblems({ saml: { enabled: true, insecureSkipSignatureValidation: true } })[0].message).toBe('Dex will not start: its SAML connector needs ssoURL, usernameAttr, emailAttr');
    expect(dexConnectorProblems({ oidc: { enabled: true, issuer: 'https://idp' } })[0].message).toBe('Dex will not start: its OIDC connector needs clientID');
    expect(dexConnectorProblems({ ldap: { enabled: true, host: 'h', userSearch: { baseDN: 'b', username: 'uid' } }, oidc: { enabled: true, issuer: 'https://i', clientID: 'c' } })).toEqual([]);
  });

  test('the k0rdent warnings of the service carry them, beside the secret-missing note', () => {
    const auth = new Authentication(Testing.chart(), 'a', { release: '4.1.1', saml: { enabled: true, ssoURL: 's', usernameAttr: 'u', emailAttr: 'e' }, ldap: { enabled: true, host: 'h', bindPW: 'x', userSearch: { baseDN: 'b', username: 'u' } } });
    expect(auth.k0rdentWarnings().map((d) => d.code)).toEqual(['required', 'secret-missing']);
  });
});
