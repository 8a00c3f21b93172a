/**
 * One rendering computes a construct's validations and rendered objects once; a tree changed
 * between renderings, or through the cluster's own methods during one, is rendered afresh.
 */
import { App } from 'cdk8s';
import { MkeCluster, MkeClusterSpec, MkeTesting } from '../../lib';
import { renderingChanged, renderMemoized, whileRendering } from '../../lib/construct-diagnostics';
import { renderCluster } from '../../lib/cluster';

const SPEC: MkeClusterSpec = { version: 'v4.2.0', hosts: [{ role: 'single', ssh: { address: '10.0.0.5', keyPath: '~/.ssh/id_rsa' } }] };

describe('renderMemoized', () => {
  test('computes once inside whileRendering, afresh outside it and after renderingChanged', () => {
    const owner = {};
    let calls = 0;
    const value = () => renderMemoized(owner, 'k', () => ++calls);
    expect([value(), value()]).toEqual([1, 2]);
    whileRendering(() => {
      expect([value(), value()]).toEqual([3, 3]);
      whileRendering(() => expect(value()).toBe(3)); // nested: the same rendering
      renderingChanged();
      expect([value(), value()]).toEqual([4, 4]);
    });
    expect(whileRendering(() => value())).toBe(5);
    expect(() => whileRendering(() => { throw new Error('x'); })).toThrow('x');
    expect(value()).toBe(6); // the rendering ended with the throw
  });
});

describe('MkeCluster rendering', () => {
  const k0sctlOf = (cluster: MkeCluster) => renderCluster(cluster).files.find((f) => f.path === 'k0sctl.yaml')!.content;

  test('a change between two renderings is in the second', () => {
    const cluster = new MkeCluster(new App(), 'c', { spec: { ...SPEC, hosts: [{ ...SPEC.hosts[0], role: 'controller+worker' }] } });
    expect(k0sctlOf(cluster)).not.toContain('gracePeriod');
    cluster.addOverride('k0sctl', 'spec.options', { drain: { gracePeriod: '5m' } });
    expect(k0sctlOf(cluster)).toContain('gracePeriod: 5m');
    cluster.k0sctl.addHost({ role: 'worker', ssh: { address: '10.0.0.6', keyPath: '~/.ssh/id_rsa' } });
    expect(k0sctlOf(cluster)).toContain('10.0.0.6');
  });

  test('a change made inside a rendering through the cluster is seen by what follows', () => {
    const cluster = new MkeCluster(new App(), 'c', { spec: SPEC });
    whileRendering(() => {
      expect(cluster.k0sctlObject()).not.toHaveProperty('spec.options');
      cluster.addOverride('k0sctl', 'spec.options', { drain: { gracePeriod: '5m' } });
      expect(cluster.k0sctlObject()).toHaveProperty('spec.options.drain.gracePeriod', '5m');
      cluster.k0sctl.addHelmChart({ name: 'extra', chartname: 'oci://registry.example.com/charts/extra', version: '1.0.0', namespace: 'extra', order: 10 });
      expect(JSON.stringify(cluster.k0sctlObject())).toContain('registry.example.com/charts/extra');
    });
  });

  test('the same files whether rendered inside one outer rendering or alone', () => {
    const alone = MkeTesting.synth(new MkeCluster(new App(), 'c', { spec: SPEC }));
    const inside = whileRendering(() => MkeTesting.synth(new MkeCluster(new App(), 'c', { spec: SPEC })));
    expect(inside).toEqual(alone);
  });
});
