/** Secrets Store CSI driver (MKE 4.2 `spec.secretsStoreCSIDriver`): mke4.yaml fields → Helm values, both deliveries. */
import { Testing } from 'cdk8s';
import { SecretsStoreCsiDriver as FromIndex } from '../../lib';
import { SecretsStoreCsiDriver, secretsStoreCsiDriverValues } from '../../lib/services/secrets-store-csi-driver';
import { mcsService, synthSpec } from '../control-plane/fixtures';

const HOST = { role: 'single' as const, ssh: { address: '10.0.0.1' } };

test('every mke4.yaml field maps to its upstream chart value; unset fields are not written', () => {
  expect(secretsStoreCsiDriverValues({ automountServiceAccountToken: false, linux: true, windows: true, maxCallRecvMsgSize: 8388608, syncSecret: true, kubeletRootDir: '/data/kubelet' })).toEqual({
    linux: { enabled: true, kubeletRootDir: '/data/kubelet' },
    windows: { enabled: true },
    maxCallRecvMsgSize: 8388608,
    syncSecret: { enabled: true },
  });
  expect(secretsStoreCsiDriverValues({})).toEqual({});
  expect(secretsStoreCsiDriverValues({ linux: false })).toEqual({ linux: { enabled: false } });
});

test('release: catalog chart (unverified) in kube-system; extraValues merged over; MkeConfig section without the kubelet dir', () => {
  const csi = new SecretsStoreCsiDriver(Testing.chart(), 'csi', { release: '4.2.0', syncSecret: true, kubeletRootDir: '/var/lib/kubelet', extraValues: { enableSecretRotation: true } });
  expect(csi.toReleases()).toEqual([
    {
      name: 'secrets-store-csi-driver',
      namespace: 'kube-system',
      chart: expect.objectContaining({ name: 'secrets-store-csi-driver', version: '1.5.4', verified: false }),
      values: { linux: { kubeletRootDir: '/var/lib/kubelet' }, syncSecret: { enabled: true }, enableSecretRotation: true },
      dependsOn: [],
    },
  ]);
  expect(csi.toMkeConfig()).toEqual({ secretsStoreCSIDriver: { enabled: true, syncSecret: true } });
  expect(csi.k0rdentWarnings()).toEqual([]);
  expect(FromIndex).toBe(SecretsStoreCsiDriver);
});

test('before 4.2 the catalog has no chart: no release, a delivery-unsupported warning; an override brings it back', () => {
  const old = new SecretsStoreCsiDriver(Testing.chart(), 'csi', { release: '4.1.5' });
  expect(old.toReleases()).toEqual([]);
  expect(old.k0rdentWarnings().map((w) => [w.code, w.path])).toEqual([['delivery-unsupported', 'spec.secretsStoreCSIDriver']]);
  const overridden = new SecretsStoreCsiDriver(Testing.chart(), 'csi2', { release: '4.1.5', chart: { name: 'secrets-store-csi-driver', version: '1.5.4', repository: 'https://kubernetes-sigs.github.io/secrets-store-csi-driver/charts' } });
  expect(overridden.toReleases()[0].chart).toMatchObject({ version: '1.5.4', verified: true });
  expect(overridden.k0rdentWarnings()).toEqual([]);
});

test('from a spec: k0rdent mode lists it in the MCS with the kubelet root dir in effect; operator mode keeps the section', () => {
  const spec = { version: 'v4.2.0', hosts: [HOST], kubelet: { kubeletRootDir: '/data/kubelet' }, secretsStoreCSIDriver: { enabled: true, windows: { enabled: true }, maxCallRecvMsgSize: 1048576 } };
  const k = synthSpec(spec, 'k0rdent');
  expect(mcsService(k, 'secrets-store-csi-driver')).toMatchObject({
    template: expect.stringMatching(/^secrets-store-csi-driver-1-5-4-[0-9a-f]{6}$/),
    values: { linux: { enabled: true, kubeletRootDir: '/data/kubelet' }, windows: { enabled: true }, maxCallRecvMsgSize: 1048576, syncSecret: { enabled: false } },
  });
  const o = synthSpec(spec, 'operator');
  const config = o.objects.find((x) => x.object.kind === 'MkeConfig')!.object as { spec: { secretsStoreCSIDriver: unknown } };
  expect(config.spec.secretsStoreCSIDriver).toEqual({ enabled: true, automountServiceAccountToken: true, linux: { enabled: true }, windows: { enabled: true }, maxCallRecvMsgSize: 1048576, syncSecret: false });
  // Disabled (the 4.2 default): not delivered.
  expect(mcsService(synthSpec({ version: 'v4.2.0', hosts: [HOST] }, 'k0rdent'), 'secrets-store-csi-driver')).toBeUndefined();
});

test('automountServiceAccountToken is no upstream chart value: not written; false is reported in k0rdent mode', () => {
  const off = new SecretsStoreCsiDriver(Testing.chart(), 'csi', { release: '4.2.0', automountServiceAccountToken: false });
  expect(off.toReleases()[0].values).not.toHaveProperty('automountServiceAccountToken');
  expect(off.k0rdentWarnings().map((w) => [w.code, w.path])).toEqual([['delivery-unsupported', 'spec.secretsStoreCSIDriver.automountServiceAccountToken']]);
  expect(new SecretsStoreCsiDriver(Testing.chart(), 'csi2', { release: '4.2.0', automountServiceAccountToken: true }).k0rdentWarnings()).toEqual([]);
});
