/**
 * CRD conformance: every k0rdent and Flux object synthesized in k0rdent mode validates against the
 * upstream CRD set of its release (DECISIONS 4), for every 4.1+ corpus file and for a spec with every
 * service on; core objects validate with kubernetes-models; the manifests render with
 * `kubectl kustomize`; no secret value reaches any file.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { releaseInfo, toRelease } from '../../lib/config/releases';
import { writeRendered } from '../../lib/output/writer';
import { corpusFiles, describeShared } from '../corpus';
import { loadCrds, CrdValidator } from '../support/crd-schemas';
import { everyServiceSpec, SECRET_VALUES, Synth, synthFile, synthSpec } from './fixtures';

const crdCache = new Map<string, CrdValidator>();
function validatorFor(crdSet: string, flux: string): CrdValidator {
  const key = `${crdSet}+${flux}`;
  if (!crdCache.has(key)) crdCache.set(key, loadCrds(`k0rdent/${crdSet}`, `flux/${flux}`));
  return crdCache.get(key)!;
}

const CUSTOM_GROUPS = /^(k0rdent\.mirantis\.com|source\.toolkit\.fluxcd\.io)\//;

function crdProblems(s: Synth, flux: string): string[] {
  const set = releaseInfo(s.cluster.release).k0rdentCrdSet!;
  const validator = validatorFor(set, flux);
  const out: string[] = [];
  for (const { object } of s.objects) {
    if (!CUSTOM_GROUPS.test(String(object.apiVersion))) continue;
    const errors = validator.validate(object);
    if (errors.length) out.push(`${object.kind}/${(object.metadata as { name: string }).name}: ${errors.join('; ')}`);
  }
  return out;
}

function coreProblems(s: Synth): unknown[] {
  const core = s.objects.map((o) => o.object).filter((o) => o.apiVersion === 'v1');
  const dir = mkdtempSync(join(tmpdir(), 'mke4k-core-'));
  try {
    const file = join(dir, 'objects.json');
    writeFileSync(file, JSON.stringify(core));
    const out = execFileSync(process.execPath, [resolve(__dirname, '../support/validate-core.mjs'), file], { cwd: resolve(__dirname, '../..'), encoding: 'utf8' });
    return JSON.parse(out) as unknown[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const KUBECTL = '/usr/bin/kubectl';

function kustomize(s: Synth): { ok: boolean; output: string; skipped?: string } {
  const dir = mkdtempSync(join(tmpdir(), 'mke4k-kustomize-'));
  try {
    writeRendered([s.rendered], dir);
    // Every folder with a kustomization (manifests/, services/, extras/) must build on its own.
    const folders = s.rendered.files.filter((f) => f.path.endsWith('/kustomization.yaml')).map((f) => f.path.slice(0, f.path.indexOf('/')));
    let output = '';
    for (const folder of folders) {
      const at = join(dir, s.rendered.name, folder);
      if (!existsSync(KUBECTL)) {
        // Structural fallback: every file the kustomization lists exists.
        const k = parse(s.rendered.files.find((f) => f.path === `${folder}/kustomization.yaml`)!.content) as { resources: string[] };
        if (!k.resources.every((r) => existsSync(join(at, r)))) return { ok: false, output: folder, skipped: 'kubectl not found' };
        continue;
      }
      const r = spawnSync(KUBECTL, ['kustomize', at], { encoding: 'utf8' });
      if (r.status !== 0) return { ok: false, output: `${folder}: ${r.stderr}` };
      output += r.stdout;
    }
    return { ok: folders.includes('manifests'), output, skipped: existsSync(KUBECTL) ? undefined : 'kubectl not found' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function expectNoSecrets(s: Synth): void {
  for (const value of Object.values(SECRET_VALUES)) {
    expect(s.text.includes(value)).toBe(false);
    for (const w of s.rendered.warnings) expect(`${w.message} ${w.hint ?? ''}`.includes(value)).toBe(false);
  }
}

describeShared('k0rdent mode: corpus files validate against the upstream CRDs', () => {
  const files = corpusFiles('mke4').filter((f) => {
    const m = /version:\s*v?(\d+\.\d+\.\d+)/.exec(require('node:fs').readFileSync(f, 'utf8'));
    const release = m ? toRelease(m[1]) : undefined;
    return release !== undefined && !release.startsWith('4.0');
  });

  test('there are 4.1+ corpus files', () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
  });

  describe.each(files.map((f) => [basename(f), f]))('%s', (_name, file) => {
    const s = synthFile(file, 'k0rdent');

    test('k0rdent and Flux objects match the CRDs (flux latest and 2.6)', () => {
      expect(crdProblems(s, 'latest')).toEqual([]);
      expect(crdProblems(s, 'flux-2.6')).toEqual([]);
    });

    test('core objects validate with kubernetes-models', () => {
      expect(coreProblems(s)).toEqual([]);
    });

    test('kubectl kustomize renders the manifests', () => {
      const r = kustomize(s);
      expect(r.output.startsWith('error') ? r.output : '').toBe('');
      expect(r.ok).toBe(true);
    });

    test('the API version matches the release (DECISIONS 4)', () => {
      const expected = `k0rdent.mirantis.com/${releaseInfo(s.cluster.release).k0rdentApiVersion}`;
      const k0rdent = s.objects.filter((o) => String(o.object.apiVersion).startsWith('k0rdent.mirantis.com/'));
      expect(k0rdent.length).toBeGreaterThan(0);
      for (const o of k0rdent) expect(o.object.apiVersion).toBe(expected);
    });
  });
});

describeShared('k0rdent mode: every service on, every secret set', () => {
  describe.each(['v4.1.0', 'v4.1.1', 'v4.1.3', 'v4.1.5', 'v4.2.0'])('%s', (version) => {
    const s = synthSpec(everyServiceSpec(version), 'k0rdent');

    test('k0rdent and Flux objects match the CRDs', () => {
      expect(crdProblems(s, 'latest')).toEqual([]);
      expect(crdProblems(s, 'flux-2.6')).toEqual([]);
    });

    test('core objects validate with kubernetes-models', () => {
      expect(coreProblems(s)).toEqual([]);
    });

    test('kubectl kustomize renders the manifests', () => {
      expect(kustomize(s).ok).toBe(true);
    });

    test('no secret value appears in any output file or warning', () => {
      expectNoSecrets(s);
    });

    test('no dependsOn anywhere (no target CRD has it)', () => {
      expect(s.text).not.toMatch(/dependsOn/);
    });
  });

  test('operator mode with every secret set leaks nothing either', () => {
    expectNoSecrets(synthSpec(everyServiceSpec('v4.2.0'), 'operator'));
  });

  test('the validator rejects unknown fields and wrong types (it can fail)', () => {
    const v = validatorFor('v1.2.0', 'latest');
    const mcs = { apiVersion: 'k0rdent.mirantis.com/v1beta1', kind: 'MultiClusterService', metadata: { name: 'x' }, spec: { serviceSpec: { provider: { selfManagement: true }, services: [] } } };
    expect(v.validate(mcs).join()).toMatch(/additional/);
    const st = { apiVersion: 'k0rdent.mirantis.com/v1beta1', kind: 'ServiceTemplate', metadata: { name: 'x' }, spec: { helm: { chartSpec: { chart: 'a', sourceRef: { kind: 'HelmRepository', name: 'r' } } } } };
    expect(v.validate(st).join()).toMatch(/interval/);
    expect(() => v.validate({ apiVersion: 'k0rdent.mirantis.com/v1alpha1', kind: 'ServiceTemplate' })).toThrow(/no served CRD/);
  });
});
