/**
 * `mke4k airgap` end to end (the built CLI): every corpus file and every release's default config
 * gives a list (exit 0); JSON and script formats; usage and invalid-input exit codes.
 */
import { MKE_RELEASES } from '../../lib/config/releases';
import { corpusFiles, HAVE_SHARED } from '../corpus';
import { pool, runCli } from './run-cli';

jest.setTimeout(300_000);

test('every release: init | airgap --format json lists k0s images and, for 4.1+, the kcm chart', async () => {
  const runs = await pool([...MKE_RELEASES], async (release) => {
    const init = await runCli(['init', '--mke-version', release]);
    const run = await runCli(['airgap', '-f', '-', '--format', 'json'], init.stdout);
    return { release, run };
  });
  for (const { release, run } of runs) {
    expect({ release, code: run.code, stderr: run.stderr }).toEqual({ release, code: 0, stderr: '' });
    const list = JSON.parse(run.stdout) as { release: string; entries: { component: string; kind: string }[] };
    expect(list.release).toBe(release);
    expect(list.entries.some((e) => e.component === 'k0s' && e.kind === 'image')).toBe(true);
    expect(list.entries.some((e) => e.component === 'kcm' && e.kind === 'chart')).toBe(!release.startsWith('4.0'));
  }
});

(HAVE_SHARED ? test : test.skip)('every corpus mke4.yaml: airgap --format script exits 0 with a mirror script', async () => {
  const files = corpusFiles('mke4');
  expect(files.length).toBeGreaterThan(0);
  const runs = await pool(files, (f) => runCli(['airgap', '-f', f, '--format', 'script']));
  runs.forEach((run, i) => {
    expect({ file: files[i], code: run.code }).toEqual({ file: files[i], code: 0 });
    expect(run.stdout).toMatch(/^#!\/bin\/sh\n/);
    expect(run.stdout).toContain('skopeo copy --multi-arch all ');
  });
});

test('usage errors exit 2; an invalid file exits 1 with diagnostics; --delivery on 4.0 is refused', async () => {
  const init40 = await runCli(['init', '--mke-version', '4.0.1']);
  const [badFormat, invalid, delivery40] = await Promise.all([
    runCli(['airgap', '-f', '-', '--format', 'yaml'], init40.stdout),
    runCli(['airgap', '-f', 'test/fixtures/bad/cni-cilium.yaml']),
    runCli(['airgap', '-f', '-', '--delivery', 'k0rdent'], init40.stdout),
  ]);
  expect(badFormat.code).toBe(2);
  expect(invalid.code).toBe(1);
  expect(invalid.stderr).toContain('error');
  expect(delivery40.code).toBe(1);
  expect(delivery40.stderr).toContain('delivery-unsupported');
});
