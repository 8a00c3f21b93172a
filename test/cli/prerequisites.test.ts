/** `mke4k synth` reports what the output needs the user to create: prerequisites.yaml, the summary, JSON. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { mke4k, removeWorkspace, workspace } from './helpers';

jest.setTimeout(120_000);

const SPEC = `apiVersion: mke.mirantis.com/v1alpha1
kind: MkeConfig
metadata:
  name: lab
spec:
  version: v4.2.0
  hosts:
    - role: single
      ssh: { address: 10.0.0.1, user: root, port: 22, keyPath: ~/.ssh/id }
  componentScheduling: { enabled: false }
  registries:
    chartRegistry: { url: oci://registry.example.com/mke, credentialsSecretName: pull-secret }
`;

test('k0rdent delivery: prerequisites.yaml, the text summary and the JSON summary list the same objects', async () => {
  const ws = workspace('prereq');
  try {
    const file = join(ws, 'mke4.yaml');
    writeFileSync(file, SPEC);
    const text = await mke4k(['synth', '-f', file, '-o', join(ws, 'out'), '--delivery', 'k0rdent'], { cwd: ws });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/prerequisites \(\d+\): create before applying \(see prerequisites.yaml\):[^]*Secret k0rdent\/pull-secret/);
    expect(text.stdout).toContain('Secret mke/mke-ingress.tls');
    const listed = parse(readFileSync(join(ws, 'out', 'lab', 'prerequisites.yaml'), 'utf8')) as { prerequisites: { kind: string; namespace?: string; name: string; how: string }[] };
    expect(listed.prerequisites.map((p) => `${p.namespace}/${p.name}`)).toEqual(expect.arrayContaining(['k0rdent/pull-secret', 'mke/mke-ingress.tls']));
    const json = await mke4k(['synth', '-f', file, '-o', join(ws, 'out-json'), '--delivery', 'k0rdent', '--format', 'json'], { cwd: ws });
    const summary = (JSON.parse(json.stdout) as { summary: { prerequisites: { name: string }[] } }).summary;
    expect(summary.prerequisites.map((p) => p.name)).toEqual(listed.prerequisites.map((p) => p.name));
    // Operator delivery: mke-operator creates the services' Secrets; only what the manifests name is listed.
    const operator = await mke4k(['synth', '-f', file, '-o', join(ws, 'out-op')], { cwd: ws });
    expect(operator.stdout).not.toContain('mke-ingress.tls');
  } finally {
    removeWorkspace(ws);
  }
});
