/**
 * The TypeScript path and the mke4.yaml path meet: apps/main.ts's cluster and examples/prod-mke4.yaml
 * synthesize byte-identical k0sctl.yaml. apps/main.ts is loaded as is, with `MkeApp.synth()` captured
 * instead of writing files.
 */
import { resolve } from 'node:path';
import { App } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { MkeCluster, renderCluster } from '../../lib/cluster';

const captured: IConstruct[] = [];

jest.mock(
  'mke4k-cdk8s',
  () => {
    const actual = jest.requireActual<typeof import('../../lib/index')>('../../lib/index');
    class CapturedApp extends actual.MkeApp {
      override synth(): void {
        captured.push(this);
      }
    }
    return { ...actual, MkeApp: CapturedApp };
  },
  { virtual: true },
);

const k0sctlYaml = (cluster: MkeCluster) => renderCluster(cluster).files.find((f) => f.path === 'k0sctl.yaml')?.content;

test('apps/main.ts and examples/prod-mke4.yaml synthesize the same k0sctl.yaml', () => {
  jest.isolateModules(() => {
    require('../../apps/main');
  });
  expect(captured).toHaveLength(1);
  const [fromProgram] = MkeCluster.all(captured[0]);
  const fromFile = MkeCluster.fromFile(new App(), 'prod', resolve(__dirname, '..', '..', 'examples', 'prod-mke4.yaml'));
  expect(fromFile.clusterName).toBe(fromProgram.clusterName);
  const text = k0sctlYaml(fromProgram);
  expect(text).toContain('externalAddress: mke.example.com');
  expect(k0sctlYaml(fromFile)).toBe(text);
});
