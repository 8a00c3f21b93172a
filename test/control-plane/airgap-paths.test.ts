/** (audit) The airgap check names the file as written: services/ and extras/ are folders of their own. */
import { outputStrings, type AirgapCheckInput } from '../../lib/control-plane/airgap-check';

test('(audit) airgap findings name services/30-services.yaml and extras/50-extras.yaml, not manifests/', () => {
  const mcs = { apiVersion: 'k0rdent.mirantis.com/v1beta1', kind: 'MultiClusterService', metadata: { name: 'm' }, spec: { serviceSpec: { services: [] } } };
  const pool = { apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', metadata: { name: 'p' }, spec: { addresses: ['192.0.2.0/28'] } };
  const template = { apiVersion: 'k0rdent.mirantis.com/v1beta1', kind: 'ServiceTemplate', metadata: { name: 't' }, spec: { helm: { chartSpec: { chart: 'x' } } } };
  const files = new Set(
    outputStrings({
      spec: {} as AirgapCheckInput['spec'],
      k0sctlObject: () => ({}),
      manifestObjects: () => [
        { file: '20-templates', objects: [template] },
        { file: '30-services', objects: [mcs] },
        { file: '50-extras', objects: [pool] },
      ],
    } as AirgapCheckInput).map((s) => s.file),
  );
  expect([...files].sort()).toEqual(['extras/50-extras.yaml', 'manifests/20-templates.yaml', 'services/30-services.yaml']);
});
