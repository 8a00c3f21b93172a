/**
 * Second audit of the services against the charts' templates and the binaries at the versions we
 * emit, for k0s specifically (its taints, its containerd, its lack of storage). Each test fails on
 * the output before its fix, or pins a fact that was checked and found to hold.
 */
import { Testing } from 'cdk8s';
import { Authentication, dexConnectorProblems, dexValues, LDAP_BIND_PW_ENV, OIDC_CLIENT_SECRET_ENV } from '../../lib/services/authentication';
import { Backup, minioValues } from '../../lib/services/backup';
import { cadvisorValues, K0S_CONTAINERD_SOCKET } from '../../lib/services/monitoring';
import { NodeFeatureDiscovery } from '../../lib/services/node-feature-discovery';
import { nvidiaGpuValues } from '../../lib/services/nvidia-gpu';
import { tolerates } from '../support/tolerates';
import { everyServiceSpec, mcsService, synthSpec } from '../control-plane/fixtures';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The NoSchedule taints k0s puts on controller+worker nodes (k0s ≤ 1.32 / ≥ 1.33). */
const TAINTS = ['node-role.kubernetes.io/master', 'node-role.kubernetes.io/control-plane'].map((key) => ({ key, value: '', effect: 'NoSchedule' }));

describe('DaemonSets that must cover controller+worker nodes tolerate the k0s taint', () => {
  test('node-feature-discovery worker (chart default worker.tolerations: [])', () => {
    const [release] = new NodeFeatureDiscovery(Testing.chart(), 'nfd', { release: '4.2.0' }).toReleases();
    const worker = (release.values as Obj).worker;
    for (const taint of TAINTS) expect(tolerates(worker.tolerations, taint)).toBe(true);
    // The master keeps the chart's own tolerations (it already tolerates both keys).
    expect(release.values).not.toHaveProperty('master');
  });

  test('gpu-operator operands keep the chart default nvidia.com/gpu toleration and add the k0s taint', () => {
    const tolerations = (nvidiaGpuValues({}) as Obj).daemonsets.tolerations as Obj[];
    expect(tolerates(tolerations, { key: 'nvidia.com/gpu', value: '', effect: 'NoSchedule' })).toBe(true);
    for (const taint of TAINTS) expect(tolerates(tolerations, taint)).toBe(true);
  });

  test('k0rdent output for 4.1.5 and 4.2.0 carries them', () => {
    for (const version of ['v4.1.5', 'v4.2.0']) {
      const s = synthSpec(everyServiceSpec(version), 'k0rdent');
      for (const taint of TAINTS) {
        expect(tolerates((mcsService(s, 'node-feature-discovery')!.values as Obj).worker.tolerations, taint)).toBe(true);
        expect(tolerates((mcsService(s, 'gpu-operator')!.values as Obj).daemonsets.tolerations, taint)).toBe(true);
      }
    }
  });
});

describe('cAdvisor reaches k0s containerd without privileges', () => {
  test('--containerd points inside a mounted host path that is the k0s socket on the host', () => {
    const v = cadvisorValues() as Obj;
    const flag = (v.container.additionalArgs as string[]).find((a) => a.startsWith('--containerd='))!;
    const inPod = flag.slice('--containerd='.length);
    // Mount path (mount, else path) → host path, as the chart's templates/daemonset.yaml renders them.
    const mounts = (v.container.hostPaths as Obj[]).map((h) => ({ pod: (h.mount ?? h.path) as string, host: h.path as string }));
    const via = mounts.find((m) => inPod.startsWith(`${m.pod}/`))!;
    expect(via).toBeDefined();
    // /var/run on the host is /run (FHS); the socket k0s's containerd listens on is /run/k0s/containerd.sock.
    const onHost = `${via.host}${inPod.slice(via.pod.length)}`.replace(/^\/var\/run\//, '/run/');
    expect(onHost).toBe(K0S_CONTAINERD_SOCKET);
    // No securityContext: upstream's own DaemonSet (google/cadvisor deploy/kubernetes/base/daemonset.yaml)
    // runs unprivileged with the same read-only mounts; the chart adds one only with podSecurityContext.create.
    expect(v).not.toHaveProperty('podSecurityContext');
    expect(v.container.additionalArgs).not.toContain('--docker_only');
  });
});

describe('MinIO starts on a k0s cluster, which has no StorageClass', () => {
  test('no PersistentVolumeClaim by default (emptyDir, as MKE runs it); a named class turns persistence on', () => {
    expect(minioValues({})).toMatchObject({ persistence: { enabled: false } });
    expect(minioValues({ minioStorageClass: 'local-path' })).toMatchObject({ persistence: { enabled: true, storageClass: 'local-path' } });
    const [minio] = new Backup(Testing.chart(), 'b', { release: '4.1.1', minioStorageClass: 'openebs-hostpath' }).toReleases();
    expect(minio.name).toBe('minio');
    expect((minio.values as Obj).persistence).toEqual({ enabled: true, storageClass: 'openebs-hostpath' });
  });

  test('the k0rdent output for 4.1.5 says so', () => {
    const s = synthSpec(everyServiceSpec('v4.1.5'), 'k0rdent');
    expect((mcsService(s, 'minio')!.values as Obj).persistence).toEqual({ enabled: false });
  });
});

describe('Dex: secret values arrive through environment expansion, CA files do not exist in the pod', () => {
  const spec = everyServiceSpec('v4.2.0').authentication!;

  test('every $VAR sits in a connector config, the only part besides storage that Dex expands', () => {
    // dex cmd/dex/config.go (v2.38 – v2.44): Connector.UnmarshalJSON and Storage.UnmarshalJSON run
    // os.ExpandEnv over the connector's / storage's config when DEX_EXPAND_ENV is not false (default on);
    // nothing else in the config file is expanded.
    const v = dexValues({ oidc: spec.oidc, ldap: spec.ldap, saml: spec.saml }) as Obj;
    const found: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (typeof node === 'string' && node.includes('$')) found.push(path);
      else if (Array.isArray(node)) node.forEach((x, i) => walk(x, `${path}[${i}]`));
      else if (node && typeof node === 'object') for (const [k, x] of Object.entries(node)) walk(x, `${path}.${k}`);
    };
    walk(v, '');
    expect(found.sort()).toEqual(['.config.connectors[0].config.clientSecret', '.config.connectors[1].config.bindPW']);
    expect(v.config.connectors[0].config.clientSecret).toBe(`$${OIDC_CLIENT_SECRET_ENV}`);
    expect(v.config.connectors[1].config.bindPW).toBe(`$${LDAP_BIND_PW_ENV}`);
    // The dex chart renders `envVars` into the container's env (charts/dex/templates/deployment.yaml),
    // and our values leave it to the user's valuesFrom Secret, which the warning names.
    expect(v).not.toHaveProperty('envVars');
    const auth = new Authentication(Testing.chart(), 'a', { release: '4.2.0', oidc: spec.oidc, ldap: spec.ldap });
    expect(auth.k0rdentWarnings().find((d) => d.code === 'secret-missing')!.hint).toContain('envVars: [{name: MKE_AUTHENTICATION_OIDC_CLIENT_SECRET');
  });

  test("a plain connector setting with '$NAME' is warned: Dex would replace it from its environment", () => {
    const ldap = { enabled: true, host: 'ldap:636', bindPW: 'pa$$word', userSearch: { baseDN: 'dc=x', username: 'uid', filter: '(sAMAccountName=$USER)' } };
    expect(dexConnectorProblems({ ldap }).map((d) => [d.code, d.path])).toEqual([['invalid-value', 'spec.authentication.ldap.userSearch.filter']]);
    // `${…}`, specials and `$$` are expanded too (Go os.Expand has no escape); a lone or trailing `$` is kept.
    for (const filter of ['(cn=${X})', '(cn=$$)', '(cn=$1)']) expect(dexConnectorProblems({ ldap: { ...ldap, userSearch: { ...ldap.userSearch, filter } } })).toHaveLength(1);
    for (const filter of ['(cn=a$)', '(cn=$ )', '(cn=x)']) expect(dexConnectorProblems({ ldap: { ...ldap, userSearch: { ...ldap.userSearch, filter } } })).toEqual([]);
    // Disabled connectors are not rendered, so not checked.
    expect(dexConnectorProblems({ ldap: { ...ldap, enabled: false } })).toEqual([]);
  });

  test('SAML ca and LDAP rootCA file paths are warned; the inline data fields are not', () => {
    const saml = { enabled: true, ssoURL: 'https://sso', usernameAttr: 'name', emailAttr: 'email' };
    const ldap = { enabled: true, host: 'ldap:636', userSearch: { baseDN: 'dc=x', username: 'uid' } };
    expect(dexConnectorProblems({ saml: { ...saml, ca: '/etc/dex/saml-ca.pem' } }).map((d) => [d.code, d.path])).toEqual([['invalid-value', 'spec.authentication.saml.ca']]);
    expect(dexConnectorProblems({ ldap: { ...ldap, rootCA: '/etc/ldap/ca.pem' } }).map((d) => [d.code, d.path])).toEqual([['invalid-value', 'spec.authentication.ldap.rootCA']]);
    expect(dexConnectorProblems({ saml: { ...saml, caData: 'LS0t' }, ldap: { ...ldap, rootCAData: 'LS0t' } })).toEqual([]);
    // Dex ignores rootCA when rootCAData is set (connector/ldap/ldap.go), and SAML skips the CA when told to.
    expect(dexConnectorProblems({ ldap: { ...ldap, rootCA: '/x', rootCAData: 'LS0t' } })).toEqual([]);
    expect(dexConnectorProblems({ saml: { ...saml, ca: '/x', insecureSkipSignatureValidation: true } })).toEqual([]);
    expect(dexConnectorProblems({ saml: { ...saml, ca: '/x' }, ldap: { ...ldap, rootCA: '/y', enabled: false } })[0].hint).toBe('put the CA itself in authentication.saml.caData (base64 of the PEM) and remove ca');
  });
});

describe('Velero reaches the in-cluster MinIO with MinIO credentials', () => {
  test("the velero-credentials prerequisite says the keys are MinIO's root user and password", () => {
    // velero values credentials.existingSecret: key `cloud`, an AWS credentials file the S3 plugin
    // uses for every request to the BackupStorageLocation's s3Url (here MinIO's Service).
    const inCluster = new Backup(Testing.chart(), 'b', { release: '4.1.1', storageProvider: { type: 'InCluster', in_cluster_options: { admin_credentials_secret: 'my-minio' } } });
    expect(inCluster.prerequisites().find((p) => p.name === 'velero-credentials')!.how).toContain('aws_access_key_id=<root-user of my-minio> aws_secret_access_key=<root-password of my-minio>');
    const external = new Backup(Testing.chart(), 'b', { release: '4.1.1', storageProvider: { type: 'External', external_options: { bucket: 'b', region: 'eu-west-1' } } });
    expect(external.prerequisites().map((p) => p.name)).toEqual(['velero-credentials']);
    expect(external.prerequisites()[0].how).toContain('aws_access_key_id=… aws_secret_access_key=…');
  });
});
