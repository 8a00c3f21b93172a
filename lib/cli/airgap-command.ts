/** The `airgap` command: what a cluster pulls, as a list, JSON, or a mirror script (lib/views/airgap). */
import type { Delivery } from '../cluster';
import { Diagnostic, MkeValidationError } from '../config/diagnostics';
import { loadMkeConfigFile } from '../config/load';
import { diagnosticsJson } from './print';
import { report } from './commands';
import { EXIT_INVALID, EXIT_OK, Io } from './io';

export interface AirgapOptions {
  readonly file: string;
  readonly format?: 'text' | 'json' | 'script';
  readonly delivery?: Delivery;
  readonly strict?: boolean;
}

export function airgapCommand(options: AirgapOptions, io: Io): number {
  const result = loadMkeConfigFile(options.file, { strict: options.strict });
  const fail = (extra: readonly Diagnostic[]): number => {
    const diagnostics = [...result.diagnostics, ...extra];
    if (options.format === 'json') io.stdout.write(JSON.stringify({ diagnostics: diagnosticsJson(diagnostics) }, null, 2) + '\n');
    else report(io, { diagnostics, source: result.source });
    return EXIT_INVALID;
  };
  if (!result.config) return fail([]);
  if (options.delivery && result.config.release.startsWith('4.0')) {
    return fail([{ code: 'delivery-unsupported', severity: 'error', path: 'spec.version', message: `--delivery does not apply to MKE ${result.config.release}`, hint: 'drop --delivery' }]);
  }
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { App } = require('cdk8s') as typeof import('cdk8s');
  const { MkeCluster } = require('../cluster') as typeof import('../cluster');
  const { airgapList } = require('../views/airgap/list') as typeof import('../views/airgap/list');
  const { airgapJson, airgapScript, airgapText } = require('../views/airgap/format') as typeof import('../views/airgap/format');
  /* eslint-enable @typescript-eslint/no-require-imports */
  let list;
  try {
    const cluster = new MkeCluster(new App(), 'cluster', { config: result.config, delivery: options.delivery });
    list = airgapList(cluster);
  } catch (e) {
    if (e instanceof MkeValidationError) return fail(e.diagnostics);
    throw e;
  }
  if (options.format !== 'json') report(io, result);
  io.stdout.write(options.format === 'json' ? airgapJson(list) : options.format === 'script' ? airgapScript(list) : airgapText(list));
  return EXIT_OK;
}
