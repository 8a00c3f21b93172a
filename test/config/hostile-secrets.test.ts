/**
 * Attack class "a secret in any channel" (issue 13, items 5, 7, 8, 13): credential fields of
 * mke4.yaml never reach output files, excerpts on stderr, or an imported program; a plaintext
 * secret in mke4.yaml is a warning that names the placeholder; input cannot drive the terminal.
 */
import { App } from 'cdk8s';
import { formatDiagnostics } from '../../lib/cli/print';
import { MkeCluster } from '../../lib/cluster';
import { importProgram } from '../../lib/codegen/import-program';
import { loadMkeConfig } from '../../lib/config/load';
import { isSecretAt, SECRET_FIELDS, SECRET_WHEN } from '../../lib/config/secrets';
import { MAX_INPUT_BYTES } from '../../lib/config/source';
import { renderAll } from '../../lib/output/writer';
import { addNetwork, addSection, BASE, edit, find, load, pos } from './helpers';

const MARK = 'S3KRET';

function printed(text: string): string {
  const result = loadMkeConfig(text, { file: 'bad.yaml' });
  return formatDiagnostics(result.diagnostics, result.source);
}

describe('5. every credential field of mke4.yaml is a secret, in every output file', () => {
  const hosts = `  hosts:
    - role: controller+worker
      ssh:
        address: 10.0.0.1
        keyPath: /k
      environment:
        HTTPS_PROXY: http://bob:${MARK}-proxy@proxy.example.com:3128
        http_proxy: bob:${MARK}-bare@proxy.example.com:3128
        NO_PROXY: localhost,10.0.0.0/8
    - role: worker
      winRM:
        address: 10.0.0.2
        user: Administrator
        password: ${MARK}-winrm
`;
  const text = addSection(edit(BASE, /  hosts:\n[\s\S]*?(?=  network:)/, hosts), `  license:\n    token: ${MARK}-lic\n  authentication:\n    oidc:\n      enabled: true\n      issuer: https://idp.example.com\n      clientID: mke\n      clientSecret: ${MARK}-oidc\n    ldap:\n      enabled: false\n      bindPW: ${MARK}-ldap\n`);

  test('the table of secret fields is the one the README documents', () => {
    expect(SECRET_FIELDS.map((p) => p.join('.'))).toEqual([
      'license.token',
      'authentication.oidc.clientSecret',
      'authentication.ldap.bindPW',
      'certificates.key',
      'network.cplb.controlPlaneLoadBalancing.keepalived.vrrpInstances.*.authPass',
      'network.controlPlaneLoadBalancing.keepalived.vrrpInstances.*.authPass',
      'hosts.*.winRM.password',
    ]);
    expect(SECRET_WHEN.map((r) => r.path.join('.'))).toEqual(['hosts.*.environment.?']);
    expect(isSecretAt(['hosts', 0, 'environment', 'HTTPS_PROXY'], 'http://u:p@h:3128')).toBe(true);
    expect(isSecretAt(['hosts', 0, 'environment', 'HTTPS_PROXY'], 'http://h:3128')).toBe(false);
  });

  test.each(['operator', 'k0rdent'] as const)('no value reaches any file (%s delivery); the placeholders are listed in secrets.env.example', (delivery) => {
    const result = load(text);
    expect(result.config).toBeDefined();
    const app = new App();
    new MkeCluster(app, 'c', { config: result.config!, delivery });
    const [cluster] = renderAll(app);
    for (const file of cluster.files) expect(`${file.path}: ${file.content}`).not.toContain(MARK);
    const k0sctl = cluster.files.find((f) => f.path === 'k0sctl.yaml')!.content;
    expect(k0sctl).toContain('password: "${MKE_HOSTS_1_WIN_RM_PASSWORD}"');
    expect(k0sctl).toContain('HTTPS_PROXY: "${MKE_HOSTS_0_ENVIRONMENT_HTTPS_PROXY}"');
    expect(k0sctl).toContain('NO_PROXY: localhost,10.0.0.0/8');
    const example = cluster.files.find((f) => f.path === 'secrets.env.example')!.content;
    for (const v of ['MKE_HOSTS_1_WIN_RM_PASSWORD', 'MKE_HOSTS_0_ENVIRONMENT_HTTPS_PROXY', 'MKE_HOSTS_0_ENVIRONMENT_HTTP_PROXY']) expect(example).toContain(`${v}=`);
  });

  test('40-mke-config.yaml (the part for Git) carries the WinRM password as a placeholder', () => {
    const app = new App();
    new MkeCluster(app, 'c', { config: load(text).config! });
    const mke = renderAll(app)[0].files.find((f) => f.path === 'services/40-mke-config.yaml')!.content;
    expect(mke).toContain('password: "${MKE_HOSTS_1_WIN_RM_PASSWORD}"');
    expect(mke).not.toContain(MARK);
  });

  test('a registry URL with a password is an error (it is not a secret field: it would be written as is)', () => {
    const bad = addSection(BASE, `  registries:\n    imageRegistry:\n      url: bob:${MARK}@registry.example.com/mke\n`);
    const result = load(bad);
    expect(find(result, 'secret-in-url')[0]).toMatchObject({ severity: 'error', path: 'spec.registries.imageRegistry.url' });
    expect(printed(bad)).not.toContain(MARK);
  });
});

describe('7. source excerpts never show a secret, also when no document was parsed', () => {
  test('a secret on a `--- {…}` line of a multi-document file', () => {
    const text = `${BASE}--- {spec: {license: {token: ${MARK}-flow}}}\n`;
    const out = printed(text);
    expect(out).toContain('yaml-multiple-documents');
    expect(out).not.toContain(MARK);
    expect(out).toContain('--- ***');
  });

  test('line 1 of an over-size input', () => {
    const text = `token: ${MARK}-first-line\n` + '#'.repeat(MAX_INPUT_BYTES);
    const out = printed(text);
    expect(out).toContain('yaml-too-large');
    expect(out).not.toContain(MARK);
  });

  test('a line with a NUL byte (not text)', () => {
    const out = printed(`${BASE}  license: {token: ${MARK}\u0000}\n`);
    expect(out).toContain('yaml-binary');
    expect(out).not.toContain(MARK);
  });

  test('a proxy URL with a password is masked in excerpts; one without is shown', () => {
    const text = edit(BASE, '        keyPath: ~/.ssh/id_rsa\n', `        keyPath: ~/.ssh/id_rsa\n      environment:\n        HTTPS_PROXY: http://bob:${MARK}@proxy:3128\n        NO_PROXY: 42\n`);
    const out = printed(text);
    expect(out).toContain('invalid-type');
    expect(out).not.toContain(MARK);
  });
});

describe('8. a plaintext secret in mke4.yaml is a warning with the placeholder to write instead', () => {
  test('license.token in clear: warning at the value, hint names ${MKE_LICENSE_TOKEN}; the placeholder itself is fine', () => {
    const text = addSection(BASE, `  license:\n    token: ${MARK}-lic\n`);
    const [warning] = find(load(text), 'secret-plaintext');
    expect(warning).toMatchObject({ severity: 'warning', path: 'spec.license.token', ...pos(text, `${MARK}-lic`) });
    expect(warning.hint).toContain('"${MKE_LICENSE_TOKEN}"');
    expect(printed(text)).not.toContain(MARK);
    expect(load(addSection(BASE, '  license:\n    token: ${MKE_LICENSE_TOKEN}\n')).diagnostics).toEqual([]);
    // --strict refuses the file.
    expect(load(text, true).config).toBeUndefined();
  });

  test('a keepalived authPass placeholder is not held to the 8-character limit', () => {
    const cplb = (pass: string) => addNetwork(BASE, `    controlPlaneLoadBalancing:\n      enabled: true\n      keepalived:\n        vrrpInstances:\n          - virtualIPs: [10.0.0.100/24]\n            authPass: ${pass}\n`);
    expect(load(cplb('${MKE_NETWORK_CONTROL_PLANE_LOAD_BALANCING_KEEPALIVED_VRRP_INSTANCES_0_AUTH_PASS}')).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  test('import writes the ${MKE_…} placeholder, never process.env reads that become empty secrets', () => {
    const program = importProgram({ rawSpec: { version: 'v4.2.0', license: { token: `${MARK}-lic` }, hosts: [] }, name: 'mke', release: '4.2.0' });
    expect(program).toContain("token: '${MKE_LICENSE_TOKEN}'");
    expect(program).not.toContain('process.env');
    expect(program).not.toContain(MARK);
  });
});

describe('13. input cannot drive the terminal', () => {
  test('ESC, BEL and U+202E in the input are shown escaped in messages and excerpts', () => {
    const text = edit(BASE, 'mode: iptables', 'mode: "\u001b]0;pwned\u0007\u202eevil"');
    const out = printed(text);
    expect(out).toContain('invalid-enum');
    expect(out).not.toMatch(/[\u001b\u0007\u202e]/);
    expect(out).toContain('\\u{1b}');
  });

  test('NaN, ±Infinity and 1e400 read as what they are', () => {
    for (const [value, word] of [['.nan', 'NaN'], ['.inf', 'infinity'], ['-.inf', '-infinity'], ['1e400', 'infinity']]) {
      const [d] = find(load(edit(BASE, 'port: 22', `port: ${value}`)), 'invalid-type');
      expect(d.message).toContain(`must be a finite number, got ${word}`);
    }
  });

  test.each([
    ['a key that is not a flag name', { 'v --anonymous-auth': 'true' }],
    ['a value with a space (adds a flag)', { v: '2 --anonymous-auth=true' }],
    ['a value with a newline', { v: '2\n--anonymous-auth=true' }],
    ['command substitution', { 'node-labels': 'a=$(reboot)' }],
    ['backticks', { 'node-labels': 'a=`reboot`' }],
    ['a quote', { 'node-labels': 'a="b' }],
  ])('kubelet.extraArgs: %s is unsafe-flag', (_name, args) => {
    const lines = Object.entries(args).map(([k, v]) => `      ${JSON.stringify(k)}: ${JSON.stringify(v)}\n`).join('');
    const text = addSection(BASE, `  kubelet:\n    extraArgs:\n${lines}`);
    expect(find(load(text), 'unsafe-flag')[0]).toMatchObject({ severity: 'error', path: expect.stringMatching(/^spec\.kubelet\.extraArgs/) });
  });

  test('kubelet.extraArgs: safe values pass, and a value with < is quoted in --kubelet-extra-args', () => {
    const text = addSection(BASE, '  kubelet:\n    extraArgs:\n      eviction-hard: memory.available<100Mi\n      event-burst: "20"\n');
    const result = load(text);
    expect(result.diagnostics).toEqual([]);
    const app = new App();
    new MkeCluster(app, 'c', { config: result.config! });
    const k0sctl = renderAll(app)[0].files.find((f) => f.path === 'k0sctl.yaml')!.content;
    expect(k0sctl).toContain('--kubelet-extra-args="--event-burst=20 --eviction-hard=memory.available<100Mi"');
  });

  test('installFlags with shell syntax is unsafe-flag; ${VAR} (k0sctl expands it) is fine', () => {
    const flags = (flag: string) => edit(BASE, '        keyPath: ~/.ssh/id_rsa\n', `        keyPath: ~/.ssh/id_rsa\n      installFlags:\n        - ${JSON.stringify(flag)}\n`);
    for (const bad of ['--debug; reboot', '--labels=a=$(id)', '--x=`id`', '--a\n--b']) expect(find(load(flags(bad)), 'unsafe-flag')).toHaveLength(1);
    expect(load(flags('--token-file=${TOKEN_FILE}')).diagnostics.filter((d) => d.code === 'unsafe-flag')).toEqual([]);
  });
});
