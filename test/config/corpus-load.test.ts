import { basename } from 'node:path';
import { loadMkeConfigFile } from '../../lib/config/load';
import { corpusFiles, describeShared } from '../corpus';

describeShared('real mke4.yaml files', () => {
  const files = corpusFiles('mke4');

  test('the corpus folder has files', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  test.each(files.map((f) => [basename(f), f]))('%s loads without errors', (_name, file) => {
    const result = loadMkeConfigFile(file);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.config).toBeDefined();
  });

  test('terraform-mke-k0rdent-4.1.1.yaml: externalAddress with a port is an error at its position', () => {
    const [file] = corpusFiles('mke4-invalid').filter((f) => f.endsWith('terraform-mke-k0rdent-4.1.1.yaml'));
    const result = loadMkeConfigFile(file);
    expect(result.config).toBeUndefined();
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'external-address-port', severity: 'error', path: 'spec.apiServer.externalAddress', line: 11, col: 22 }),
    ]);
    expect(result.diagnostics[0].hint).toContain(':6443');
  });
});
