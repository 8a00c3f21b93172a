/**
 * Property tests for synthesis (issue 6), over random valid specs (`./spec-arbitrary`): every valid
 * spec synthesizes; output is deterministic; host order only moves host entries; the operator-mode
 * MkeConfig, once Flux has filled its placeholders, loads back to the same normalized spec; no
 * secret value reaches any output file.
 */
import { App } from 'cdk8s';
import fc from 'fast-check';
import { MkeCluster } from '../../lib/cluster';
import { LoadedConfig, loadMkeConfig, validateSpec } from '../../lib/config/load';
import { renderAll, RenderedCluster } from '../../lib/output/writer';
import { SpecCase, specCase } from './spec-arbitrary';

const NAME = 'lab';

/** Cases run and discarded (invalid samples) per property, printed after the suite. */
const stats = new Map<string, { run: number; discarded: number; invalidCodes: Set<string> }>();
afterAll(() => {
  // Printed so a reader of the test log sees how much was tried and how good the arbitrary is.
  for (const [name, s] of stats) {
    const codes = s.invalidCodes.size ? ` (invalid: ${[...s.invalidCodes].join(', ')})` : '';
    console.log(`synthesis property ${name}: ${s.run} cases run, ${s.discarded} discarded${codes}`);
  }
});

/** Validates a case; discards it (fc.pre) when invalid, counting the discard. */
function validCase(property: string, c: SpecCase): LoadedConfig {
  const s = stats.get(property) ?? { run: 0, discarded: 0, invalidCodes: new Set<string>() };
  stats.set(property, s);
  const loaded = validateSpec(c.spec, { name: NAME });
  if (!loaded.config) {
    s.discarded++;
    for (const d of loaded.diagnostics) if (d.severity === 'error') s.invalidCodes.add(d.code);
  } else s.run++;
  fc.pre(loaded.config !== undefined);
  return loaded.config!;
}

function synth(c: SpecCase, config: LoadedConfig): RenderedCluster {
  const app = new App();
  new MkeCluster(app, NAME, { config, delivery: c.delivery, name: NAME });
  const [rendered] = renderAll(app);
  return rendered;
}

const fileText = (r: RenderedCluster, path: string) => r.files.find((f) => f.path === path)?.content;

/**
 * Splits a file into the entries of the list under the first `  hosts:` key (indent 2, as in
 * k0sctl.yaml's and the MkeConfig's `spec`) and the rest of the text, byte for byte.
 */
function splitHosts(text: string): { hosts: string[]; rest: string } {
  const lines = text.split('\n');
  const start = lines.indexOf('  hosts:');
  if (start < 0) return { hosts: [], rest: text };
  let end = start + 1;
  const hosts: string[] = [];
  while (end < lines.length && (lines[end].startsWith('  - ') || lines[end].startsWith('    '))) {
    if (lines[end].startsWith('  - ')) hosts.push('');
    hosts[hosts.length - 1] += lines[end] + '\n';
    end++;
  }
  return { hosts, rest: [...lines.slice(0, start + 1), ...lines.slice(end)].join('\n') };
}

/**
 * What Flux's post-build substitution does to the MkeConfig, in one pass: `$${` → `${`, each
 * `${MKE_…}` → the value from the user's Secret. A multi-line value (the PEM key) is stored there
 * with `\n` escapes, which the double-quoted placeholder decodes.
 */
function fluxSubstitute(text: string, values: ReadonlyMap<string, string>): string {
  return text.replace(/\$\$\{|\$\{(MKE_[A-Z0-9_]+)\}/g, (_match, variable: string | undefined) => {
    if (variable === undefined) return '${';
    const value = values.get(variable);
    if (value === undefined) throw new Error(`no value for ${variable}`);
    return value.replace(/\n/g, '\\n');
  });
}

/** Secret values by placeholder name, read from the input spec with the library's own field list. */
function secretValues(spec: unknown): Map<string, string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { findSecrets, secretVariable } = require('../../lib/config/secrets') as typeof import('../../lib/config/secrets');
  return new Map(findSecrets(spec).map(([path, value]) => [secretVariable(path), value]));
}

/** Texts a secret could leak as: the value itself and each distinctive line of a multi-line value. */
function leakForms(secret: string): string[] {
  const lines = secret.split('\n').filter((l) => l.length >= 10 && !l.startsWith('-----'));
  return [secret, JSON.stringify(secret).slice(1, -1), ...lines];
}

/**
 * Runs per property, sized to keep the file near 15 s on two cores. `MKE4K_PROPERTY_SCALE=20`
 * multiplies them for a longer bug hunt (tests only; the library reads no such variable).
 */
const SCALE = Math.max(1, Number(process.env.MKE4K_PROPERTY_SCALE ?? 1) || 1);
const RUNS = { synth: 120 * SCALE, deterministic: 60 * SCALE, permutation: 60 * SCALE, roundTrip: 80 * SCALE, secrets: 120 * SCALE };

describe('synthesis properties', () => {
  test('(a) every valid spec synthesizes without throwing (renderAll)', () => {
    fc.assert(
      fc.property(specCase, (c) => {
        validCase('(a) synthesizes', c);
        // Through the public spec path, as a program would build it.
        const app = new App();
        new MkeCluster(app, NAME, { spec: c.spec, delivery: c.delivery, name: NAME });
        const [rendered] = renderAll(app);
        expect(rendered.files.map((f) => f.path)).toContain('k0sctl.yaml');
        if (!c.release.startsWith('4.0')) expect(rendered.files.map((f) => f.path)).toContain('manifests/kustomization.yaml');
      }),
      { numRuns: RUNS.synth },
    );
  });

  test('(b) deterministic: two independent runs are byte-identical', () => {
    fc.assert(
      fc.property(specCase, (c) => {
        const config = validCase('(b) deterministic', c);
        // A second validation too: nothing may depend on object identity or earlier runs.
        const again = validateSpec(c.spec, { name: NAME }).config!;
        expect(synth(c, again).files).toEqual(synth(c, config).files);
      }),
      { numRuns: RUNS.deterministic },
    );
  });

  test('(c) permuting the hosts only permutes the host entries of k0sctl.yaml (and of the MkeConfig)', () => {
    const permuted = specCase.chain((c) => {
      const hosts = c.spec.hosts as readonly unknown[];
      return fc.shuffledSubarray([...hosts], { minLength: hosts.length, maxLength: hosts.length }).map((order) => ({ c, order }));
    });
    fc.assert(
      fc.property(permuted, ({ c, order }) => {
        const original = synth(c, validCase('(c) host permutation', c));
        const shuffledCase: SpecCase = { ...c, spec: { ...c.spec, hosts: order as SpecCase['spec']['hosts'] } };
        const shuffled = synth(shuffledCase, validateSpec(shuffledCase.spec, { name: NAME }).config!);
        expect(shuffled.files.map((f) => f.path)).toEqual(original.files.map((f) => f.path));
        for (const file of original.files) {
          const other = fileText(shuffled, file.path)!;
          if (file.path === 'k0sctl.yaml' || file.path === 'services/40-mke-config.yaml') {
            const a = splitHosts(file.content);
            const b = splitHosts(other);
            expect(b.hosts.length).toBe((c.spec.hosts as unknown[]).length);
            expect([...b.hosts].sort()).toEqual([...a.hosts].sort());
            expect(b.rest).toBe(a.rest);
          } else {
            expect(other).toBe(file.content);
          }
        }
      }),
      { numRuns: RUNS.permutation },
    );
  });

  test('(d) round trip: the Flux-filled operator-mode MkeConfig loads back to the normalized spec', () => {
    const operatorCases = specCase.filter((c) => !c.release.startsWith('4.0')).map((c): SpecCase => ({ ...c, delivery: 'operator' }));
    fc.assert(
      fc.property(operatorCases, (c) => {
        const config = validCase('(d) round trip', c);
        const text = fileText(synth(c, config), 'services/40-mke-config.yaml')!;
        const loaded = loadMkeConfig(fluxSubstitute(text, secretValues(c.spec)), { file: '40-mke-config.yaml' });
        expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(loaded.config?.name).toBe(NAME);
        expect(loaded.config?.release).toBe(config.release);
        expect(loaded.config?.spec).toEqual(config.spec);
      }),
      { numRuns: RUNS.roundTrip },
    );
  });

  test('(e) no secret value from the input appears in any output file', () => {
    fc.assert(
      fc.property(specCase, (c) => {
        const rendered = synth(c, validCase('(e) no secret in output', c));
        for (const secret of c.secrets) {
          for (const form of leakForms(secret)) {
            for (const file of rendered.files) {
              if (file.content.includes(form)) throw new Error(`a secret value reached ${file.path}`);
            }
          }
        }
      }),
      { numRuns: RUNS.secrets },
    );
  });
});

describe('found while writing these properties', () => {
  const host = { role: 'single' as const, ssh: { address: '10.0.0.1' } };

  test('a secret placeholder in the MkeConfig is double-quoted, so Flux can fill digits or a PEM key', () => {
    const c: SpecCase = { release: '4.2.0', delivery: 'operator', secrets: [], spec: { version: 'v4.2.0', hosts: [host], license: { token: '123456789012' } } };
    const text = fileText(synth(c, validCase('(regression) quoted placeholder', c)), 'services/40-mke-config.yaml')!;
    expect(text).toContain('token: "${MKE_LICENSE_TOKEN}"');
    expect(loadMkeConfig(fluxSubstitute(text, secretValues(c.spec))).config?.spec.license?.token).toBe('123456789012');
  });

  test('NodeLocalDNS before MKE 4.1.3 is a validation error, not a crash of k0rdent synthesis', () => {
    const result = validateSpec({ version: 'v4.1.0', hosts: [host], nodeLocalDNS: { enabled: true } });
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.path])).toEqual([['node-local-dns', 'error', 'spec.nodeLocalDNS.enabled']]);
  });
});
