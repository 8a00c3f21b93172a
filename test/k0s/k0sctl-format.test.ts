/**
 * The k0sctl format schema (imports/schemas/k0sctl-format.schema.json: everything k0sctl reads)
 * checked on real-world k0sctl.yaml files, and our synthesized k0sctl.yaml checked against it: an
 * independent check that what we write is in the format k0sctl reads, beside the narrower contract
 * of k0sctl.schema.json.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { App } from 'cdk8s';
import { parse, parseAllDocuments } from 'yaml';
import { MkeCluster } from '../../lib/cluster';
import { loadMkeConfigFile } from '../../lib/config/load';
import { renderAll } from '../../lib/output/writer';
import { CORPUS, corpusFiles, describeShared } from '../corpus';
import { errorsOf, k0sctlFormatSchema } from './schemas';

function filesBelow(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesBelow(path) : /\.ya?ml(\.tpl)?$/.test(name) ? [path] : [];
  });
}

/** k0sctl's first step: environment substitution of the raw text (the smoke tests use three variables). */
function substitute(text: string): string {
  return text
    .replace(/\$\{?K0S_VERSION\}?/g, 'v1.32.6+k0s.0')
    .replace(/\$\{?OS_OVERRIDE\}?/g, 'ubuntu')
    .replace(/\$\{?INSTALL_PATH\}?/g, '/usr/local/bin/k0s');
}

/** Files the corpus notes say k0sctl rejects, with the key that makes it so. */
const KNOWN_INVALID: Record<string, RegExp> = {
  'public/kirici__homelab.k0sctl.yaml': /additionalProperty":"\.sshDefault"/,
};

describeShared('k0sctl format schema', () => {
  const dir = join(CORPUS, 'k0sctl');
  const cases = filesBelow(dir)
    .sort()
    .flatMap((file) => {
      const cluster = parseAllDocuments(substitute(readFileSync(file, 'utf8')))
        .map((d) => d.toJS() as { apiVersion?: string; kind?: string } | null)
        .find((d) => d && /^cluster$/i.test(d.kind ?? '') && d.apiVersion === 'k0sctl.k0sproject.io/v1beta1');
      return cluster ? [[relative(dir, file), cluster] as const] : [];
    });

  test('the corpus has at least 15 k0sctl Cluster documents', () => expect(cases.length).toBeGreaterThanOrEqual(15));

  test.each(cases.map(([name, cluster]) => [name, cluster] as const))('real file %s', (name, cluster) => {
    const validate = k0sctlFormatSchema();
    const valid = validate(cluster);
    const expected = KNOWN_INVALID[name];
    if (expected) {
      expect(valid).toBe(false);
      expect(errorsOf(validate).join('\n')).toMatch(expected);
    } else {
      expect(errorsOf(validate)).toEqual([]);
    }
  });

  test.each(corpusFiles('mke4').map((f) => [basename(f), f] as const))('our k0sctl.yaml for %s is in the format k0sctl reads', (_name, file) => {
    const app = new App();
    new MkeCluster(app, 'c', { config: loadMkeConfigFile(file).config! });
    const text = renderAll(app)[0].files.find((f) => f.path === 'k0sctl.yaml')!.content;
    const validate = k0sctlFormatSchema();
    validate(parse(text));
    expect(errorsOf(validate)).toEqual([]);
  });

  test('the format schema rejects what k0sctl rejects', () => {
    const validate = k0sctlFormatSchema();
    const base = { apiVersion: 'k0sctl.k0sproject.io/v1beta1', kind: 'Cluster', spec: { hosts: [{ role: 'worker', ssh: { address: '10.0.0.1' } }] } };
    const bad: [string, unknown][] = [
      ['unknown host key', { ...base, spec: { hosts: [{ role: 'worker', ssh: { address: '10.0.0.1' }, sshDefault: {} }] } }],
      ['rig v2 removed ssh.hostKey', { ...base, spec: { hosts: [{ role: 'worker', ssh: { address: '10.0.0.1', hostKey: 'x' } }] } }],
      ['two connection blocks', { ...base, spec: { hosts: [{ role: 'worker', ssh: { address: 'a' }, openSSH: { address: 'a' } }] } }],
      ['unknown role', { ...base, spec: { hosts: [{ role: 'master', ssh: { address: 'a' } }] } }],
      ['winrm spelled as in the README', { ...base, spec: { hosts: [{ role: 'worker', winrm: { address: 'a' } }] } }],
      ['perm with owner below 4', { ...base, spec: { hosts: [{ role: 'worker', ssh: { address: 'a' }, files: [{ src: 'x', dstDir: '/', perm: '0044' }] }] } }],
      ['wrong apiVersion', { ...base, apiVersion: 'k0sctl.k0sproject.io/v1' }],
      ['no hosts', { ...base, spec: { hosts: [] } }],
    ];
    for (const [what, doc] of bad) expect({ what, valid: validate(doc) }).toEqual({ what, valid: false });
  });
});
