import { App } from 'cdk8s';
import { parse } from 'yaml';
import { MkeCluster } from '../../lib/cluster';
import { MkeValidationError } from '../../lib/config/diagnostics';
import { parseOverridePath } from '../../lib/output/overrides';
import { renderAll } from '../../lib/output/writer';

const spec = {
  version: 'v4.2.0',
  hosts: [{ role: 'single' as const, ssh: { address: '192.0.2.10', user: 'root', keyPath: '/k' } }],
};

function build() {
  const app = new App();
  const cluster = new MkeCluster(app, 'c', { name: 'c', spec });
  return { app, cluster };
}

function file(app: App, path: string): unknown[] {
  const f = renderAll(app)[0].files.find((x) => x.path === path);
  return f!.content.split(/^---$/m).map((d) => parse(d));
}

function errors(app: App) {
  try {
    renderAll(app);
  } catch (e) {
    return (e as MkeValidationError).diagnostics;
  }
  throw new Error('expected MkeValidationError');
}

describe('parseOverridePath', () => {
  test.each([
    ['spec.k0s.config', ['spec', 'k0s', 'config']],
    ['spec.hosts[0].ssh.port', ['spec', 'hosts', 0, 'ssh', 'port']],
    ['metadata.labels["app.kubernetes.io/name"]', ['metadata', 'labels', 'app.kubernetes.io/name']],
  ])('%s', (path, segments) => expect(parseOverridePath(path)).toEqual(segments));

  test.each(['', 'a..b', 'a[x]', '.a', 'a["unterminated]'])('rejects %j', (path) => expect(parseOverridePath(path)).toBeUndefined());
});

describe('MkeCluster.addOverride', () => {
  test('sets a new key in k0sctl.yaml when its parent exists', () => {
    const { app, cluster } = build();
    cluster.addOverride('k0sctl', 'spec.k0s.config.spec.network.kubeProxy.mode', 'ipvs');
    cluster.addOverride('k0sctl', 'spec.options', { wait: { enabled: false } });
    const [k0sctl] = file(app, 'k0sctl.yaml') as { spec: { options: unknown; k0s: { config: { spec: { network: { kubeProxy: { mode: string } } } } } } }[];
    expect(k0sctl.spec.k0s.config.spec.network.kubeProxy.mode).toBe('ipvs');
    expect(k0sctl.spec.options).toEqual({ wait: { enabled: false } });
  });

  test('patches a manifest object by kind and name, and deletes with undefined', () => {
    const { app, cluster } = build();
    cluster.addOverride({ kind: 'Management', name: 'kcm' }, 'metadata.labels["team.example.com/owner"]', undefined);
    expect(errors(app)).toEqual([expect.objectContaining({ code: 'override-path', path: 'metadata.labels["team.example.com/owner"]' })]);

    const second = build();
    second.cluster.addOverride({ kind: 'Management', name: 'kcm' }, 'metadata.annotations["team.example.com/owner"]', 'platform');
    const objects = file(second.app, 'manifests/15-management.yaml') as { kind: string; metadata: { annotations: Record<string, string> } }[];
    expect(objects.find((o) => o.kind === 'Management')!.metadata.annotations['team.example.com/owner']).toBe('platform');
  });

  test('a path whose parent does not exist is an error, not silence (pitfall 14)', () => {
    const { app, cluster } = build();
    cluster.addOverride('k0sctl', 'spec.k0s.config.spec.netwrk.calico.mtu', 1400);
    expect(errors(app)).toEqual([
      expect.objectContaining({ code: 'override-path', severity: 'error', path: 'spec.k0s.config.spec.netwrk.calico.mtu', message: expect.stringContaining('spec.k0s.config.spec.netwrk does not exist') }),
    ]);
  });

  test('an object that is not in the output is an error', () => {
    const { app, cluster } = build();
    cluster.addOverride({ kind: 'MultiClusterService', name: 'mke-system-services' }, 'spec.serviceSpec.priority', 200);
    expect(errors(app)).toEqual([expect.objectContaining({ code: 'override-path', message: expect.stringContaining('no such object') })]);
  });

  test('a malformed path is refused when the override is added', () => {
    const { cluster } = build();
    expect(() => cluster.addOverride('k0sctl', 'spec..k0s', 1)).toThrow(MkeValidationError);
  });

  test('overrides do not change the construct tree: rendering twice gives the same files', () => {
    const { app, cluster } = build();
    cluster.addOverride('k0sctl', 'spec.hosts[0].ssh.port', 2222);
    expect(renderAll(app)).toEqual(renderAll(app));
    expect(renderAll(app)[0].files[0].content).toContain('port: 2222');
  });
});
