/** What a program's author sees when a cdk8s app fails: the error message itself is precise. */
import { App } from 'cdk8s';
import { MkeCluster } from '../../lib/cluster';
import { MkeValidationError } from '../../lib/config/diagnostics';
import { corpusFiles, describeShared } from '../corpus';

describeShared('MkeValidationError messages', () => {
  test('fromFile: file:line:col, code, path, message and hint', () => {
    const [file] = corpusFiles('mke4-invalid');
    expect(() => MkeCluster.fromFile(new App(), 'x', file)).toThrow(
      `${file}:11:22: external-address-port: spec.apiServer.externalAddress: must be a host name or IP without port\n    hint: drop \`:6443\``,
    );
  });
});

test('a TypeScript spec: code, path and hint (no position: there is no file)', () => {
  // A wrong role is a type error in TypeScript (`role` is the union of MKE roles); plain JavaScript
  // (or a cast) still gets the loader's diagnostic.
  // @ts-expect-error 'controller' is not an MkeHostRole
  const make = () => new MkeCluster(new App(), 'y', { spec: { version: 'v4.2.0', hosts: [{ role: 'controller', ssh: { address: '10.0.0.1' } }] } });
  expect(make).toThrow(MkeValidationError);
  expect(make).toThrow(/^1 error\(s\):\n {2}role-controller: spec\.hosts\[0\]\.role: .*\n {4}hint: use `controller\+worker`/);
});

test('spec and config together are refused', () => {
  const app = new App();
  const first = new MkeCluster(app, 'a', { spec: { version: 'v4.2.0', hosts: [{ role: 'single', ssh: { address: '10.0.0.1' } }] } });
  expect(() => new MkeCluster(app, 'b', { spec: {} as never, config: { name: 'b', release: first.release, spec: first.spec } })).toThrow('not both');
});
