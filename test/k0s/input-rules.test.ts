import { validateSpec } from '../../lib/config/load';
import { host } from './build';

const codes = (spec: Parameters<typeof validateSpec>[0]) =>
  validateSpec(spec, { name: 't' }).diagnostics.filter((d) => d.severity === 'error').map((d) => ({ code: d.code, path: d.path }));

describe('input rules for k0sctl.yaml facts', () => {
  test('kubeletRootDir on MKE 4.0 (k0s 1.31) is an error, fine on 4.1.2', () => {
    expect(codes({ version: 'v4.0.1', hosts: [host('single', '10.0.0.1')], kubelet: { kubeletRootDir: '/var/lib/kubelet' } })).toEqual([{ code: 'kubelet-root-dir', path: 'spec.kubelet.kubeletRootDir' }]);
    expect(codes({ version: 'v4.1.2', hosts: [host('single', '10.0.0.1')], kubelet: { kubeletRootDir: '/var/lib/kubelet' } })).toEqual([]);
  });

  test('--profile must name a defined worker profile (also on a lone host)', () => {
    expect(codes({ version: 'v4.2.0', hosts: [host('single', '10.0.0.1', { installFlags: ['--profile=gpu'] })] })).toEqual([{ code: 'invalid-value', path: 'spec.hosts[0].installFlags[0]' }]);
    expect(codes({ version: 'v4.2.0', hosts: [host('single', '10.0.0.1', { installFlags: ['--profile=gpu'] })], kubelet: { customProfiles: [{ name: 'gpu', values: { maxPods: 50 } }] } })).toEqual([]);
  });

  test('custom profiles cannot take the MKE profile names', () => {
    expect(codes({ version: 'v4.2.0', hosts: [host('single', '10.0.0.1')], kubelet: { customProfiles: [{ name: 'mke-default-worker', values: {} }] } })).toEqual([{ code: 'invalid-name', path: 'spec.kubelet.customProfiles[0].name' }]);
  });

  test('Windows workers before MKE 4.2 are an error', () => {
    const hosts = [host('controller+worker', '10.0.0.1'), { role: 'worker', winRM: { address: '10.0.0.9', password: 'x' } }];
    expect(codes({ version: 'v4.1.5', hosts })).toEqual([{ code: 'invalid-value', path: 'spec.hosts[1].winRM' }]);
    expect(codes({ version: 'v4.2.0', hosts })).toEqual([]);
  });
});
