/**
 * DECISIONS 17 / pitfall 12: a diagnostic printed for a file whose secret fields are wrong, or have
 * errors next to them, never shows a secret value — not in the message, not in the source line shown
 * under it (masked by SourceDocument.lineText), not in the JSON output.
 */
import { diagnosticsJson, formatDiagnostics } from '../../lib/cli/print';
import { LoadResult } from '../../lib/config/load';
import { addNetwork, addSection, BASE, load } from './helpers';

/** Every secret value used below contains this marker. */
const MARK = 'S3KRET';

function printed(result: LoadResult): string {
  return formatDiagnostics(result.diagnostics, result.source) + '\n' + JSON.stringify(diagnosticsJson(result.diagnostics));
}

const cases: [name: string, text: string, code: string][] = [
  ['license.token of the wrong type (number-like text in a list)', addSection(BASE, `  license:\n    token: [${MARK}-lic]\n`), 'invalid-type'],
  ['license.token beside a bad refresh flag', addSection(BASE, `  license:\n    token: ${MARK}-eyJhbGciOi\n    refresh: maybe\n`), 'invalid-type'],
  ['license.token given twice', addSection(BASE, `  license:\n    token: ${MARK}-one\n    token: ${MARK}-two\n`), 'yaml-duplicate-key'],
  ['license.token with an unterminated quote', addSection(BASE, `  license:\n    token: "${MARK}-open\n`), 'yaml-syntax'],
  ['oidc.clientSecret beside a bad issuer', addSection(BASE, `  authentication:\n    oidc:\n      enabled: true\n      issuer: not a url\n      clientSecret: ${MARK}-oidc\n`), 'invalid-value'],
  ['oidc.clientSecret as a mapping', addSection(BASE, `  authentication:\n    oidc:\n      clientSecret: {value: ${MARK}-oidc}\n`), 'invalid-type'],
  ['ldap.bindPW in flow style beside a bad flag', addSection(BASE, `  authentication:\n    ldap: {enabled: true, bindPW: ${MARK}-ldap, insecureNoSSL: sure}\n`), 'invalid-type'],
  ['certificates.key (block PEM) beside a bad flag', addSection(BASE, `  certificates:\n    enabled: "yes"\n    key: |\n      -----BEGIN PRIVATE KEY-----\n      ${MARK}MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n      -----END PRIVATE KEY-----\n`), 'invalid-type'],
  ['certificates.key as a number', addSection(BASE, `  certificates:\n    key: 7${MARK.length}\n`), 'invalid-type'],
  [
    'CPLB authPass longer than 8 characters',
    addNetwork(BASE, `    controlPlaneLoadBalancing:\n      enabled: true\n      keepalived:\n        vrrpInstances:\n          - virtualIPs: [10.0.0.100/24]\n            authPass: ${MARK}-vrrp\n`),
    'cplb-auth-pass',
  ],
];

describe('diagnostics never print secret values', () => {
  test.each(cases)('%s', (_name, text, code) => {
    const result = load(text);
    expect(result.diagnostics.map((d) => d.code)).toContain(code);
    const out = printed(result);
    expect(out).not.toContain(MARK);
    // The masked line is still shown, so the user sees where the problem is.
    if (text.includes(`${MARK}-lic`) || text.includes(`${MARK}-vrrp`)) expect(out).toContain('***');
  });

  test('the number-valued certificates.key line is masked too', () => {
    const text = addSection(BASE, '  certificates:\n    key: 123456789\n');
    const out = printed(load(text));
    expect(out).toContain('key: ***');
    expect(out).not.toContain('123456789');
  });

  test('a non-secret line is shown as written', () => {
    const out = printed(load(BASE.replace('mode: iptables', 'mode: ebpf')));
    expect(out).toContain('      mode: ebpf');
  });
});
