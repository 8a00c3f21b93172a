/**
 * `MkeApp`: the cdk8s `App` for MKE clusters. Its `synth()` — what `cdk8s synth` runs — writes the
 * mke4k layout for every cluster in the app (`<outdir>/<name>/k0sctl.yaml`, `manifests/` with the
 * kustomization, `secrets.env.example`), overrides applied, instead of cdk8s's one `.k8s.yaml` per
 * chart; it prints library warnings on stderr, one line each.
 */
import { App, AppProps } from 'cdk8s';
import { captureIfActive } from './output/capture';
import { reportWarnings, WarningMode } from './output/warnings';
import { renderAll, writeRendered } from './output/writer';

export interface MkeAppProps extends AppProps {
  /**
   * What `synth()` does with warnings (unknown keys, unverified charts, what a delivery mode cannot
   * deliver): print them on stderr, one line each; ignore them; or fail with `MkeValidationError`
   * (like `mke4k synth --strict`).
   * @default 'print'
   */
  readonly warnings?: WarningMode;
}

const APP_SYMBOL = Symbol.for('mke4k-cdk8s.MkeApp');

/**
 * A cdk8s `App` whose `synth()` writes each `MkeCluster` (and fleet child cluster) below it to
 * `<outdir>/<name>/`, atomically. `outdir` defaults to `$CDK8S_OUTDIR`, else `dist`.
 *
 * @example
 * const app = new MkeApp();
 * new MkeCluster(app, 'prod', { spec: { version: 'v4.2.0', hosts: [{ role: 'single', ssh: { address: '10.0.0.5' } }] } });
 * app.synth(); // dist/prod/k0sctl.yaml, dist/prod/manifests/…
 */
export class MkeApp extends App {
  /** True for an MkeApp (works across copies of the library). */
  static isMkeApp(x: unknown): x is MkeApp {
    return typeof x === 'object' && x !== null && APP_SYMBOL in x;
  }

  /** What `synth()` does with warnings. */
  readonly warningMode: WarningMode;

  constructor(props: MkeAppProps = {}) {
    super(props);
    Object.defineProperty(this, APP_SYMBOL, { value: true });
    this.warningMode = props.warnings ?? 'print';
  }

  /**
   * Validates every cluster, then writes `<outdir>/<name>/` for each (nothing is written when any
   * cluster is invalid: throws `MkeValidationError` with every problem). Under `mke4k export` /
   * `mke4k diff PROGRAM` it writes nothing.
   */
  override synth(): void {
    if (captureIfActive(this)) return;
    const rendered = renderAll(this);
    reportWarnings(rendered, this.warningMode);
    writeRendered(rendered, this.outdir);
  }

  /**
   * Every file `synth()` would write, as one YAML stream: each document is preceded by a
   * `# <name>/<path>` comment. `secrets.env.example` is left out (it is not YAML).
   */
  override synthYaml(): string {
    const parts: string[] = [];
    for (const cluster of renderAll(this)) {
      for (const file of cluster.files) {
        if (!file.path.endsWith('.yaml')) continue;
        parts.push(`# ${cluster.name}/${file.path}\n${file.content.replace(/^(#[^\n]*\n)+/, '')}`);
      }
    }
    return parts.join('---\n');
  }
}
