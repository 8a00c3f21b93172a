/**
 * `MkeTesting`: what cdk8s's `Testing` is for charts, for clusters. `MkeTesting.synth(cluster)`
 * renders a cluster in memory — the same files `synth` writes, nothing touches the disk — and returns
 * them parsed, keyed by path, ready for jest's `toMatchSnapshot()`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IConstruct } from 'constructs';
import { parseAllDocuments } from 'yaml';
import { MkeApp, MkeAppProps } from './app';
import type { MkeCluster } from './cluster';
import { renderCluster } from './cluster';
import { renderAll, RenderedCluster } from './output/writer';

/**
 * A synthesized cluster by file path: `k0sctl.yaml` and `manifests/kustomization.yaml` as one
 * object each, every other `manifests/*.yaml` as the list of its objects, `secrets.env.example` as
 * text.
 */
export type SynthesizedFiles = Record<string, unknown>;

function parsed(cluster: RenderedCluster): SynthesizedFiles {
  const out: SynthesizedFiles = {};
  for (const file of cluster.files) {
    if (!file.path.endsWith('.yaml')) {
      out[file.path] = file.content;
      continue;
    }
    const docs = parseAllDocuments(file.content).map((d) => d.toJS() as unknown);
    const single = file.path === 'k0sctl.yaml' || file.path.endsWith('/kustomization.yaml');
    out[file.path] = single ? docs[0] : docs;
  }
  return out;
}

/**
 * Test helpers for programs that use mke4k-cdk8s.
 *
 * @example
 * // main.test.ts (jest)
 * const app = MkeTesting.app();
 * const cluster = new MkeCluster(app, 'prod', { spec });
 * const files = MkeTesting.synth(cluster);
 * expect(files['k0sctl.yaml']).toMatchSnapshot();
 * expect(files['services/40-mke-config.yaml']).toMatchSnapshot();
 */
export class MkeTesting {
  /** An `MkeApp` writing to a fresh temporary folder, with warnings kept on the clusters only. */
  static app(props: MkeAppProps = {}): MkeApp {
    return new MkeApp({ outdir: mkdtempSync(join(tmpdir(), 'mke4k-test-')), warnings: 'ignore', ...props });
  }

  /**
   * The files of one cluster, rendered in memory and parsed (see `SynthesizedFiles`). Throws
   * `MkeValidationError` when the cluster is invalid, like `synth`.
   */
  static synth(cluster: MkeCluster): SynthesizedFiles {
    return parsed(renderCluster(cluster));
  }

  /** The files of every cluster below a scope (an app), by cluster name. */
  static synthAll(scope: IConstruct): Record<string, SynthesizedFiles> {
    return Object.fromEntries(renderAll(scope).map((c) => [c.name, parsed(c)]));
  }

  private constructor() {}
}
