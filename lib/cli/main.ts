/**
 * The `mke4k` command line: a thin layer over the library. Exit codes: 0 ok, 1 invalid input,
 * 2 usage or internal error, 3 `diff` found differences.
 */
import { Command, CommanderError, Option } from 'commander';
import { packageInfo } from '../package-info';
import { EXIT_USAGE, Io, UsageError } from './io';
import { printable } from '../printable';

// Command modules load on use, so `mke4k --help` or `validate` do not pay for cdk8s and the
// constructs (STYLE 13: starting the CLI does no work it does not need).
/* eslint-disable @typescript-eslint/no-require-imports */
const commands = () => require('./commands') as typeof import('./commands');
const codegen = () => require('./codegen-commands') as typeof import('./codegen-commands');
const diff = () => require('./diff-command') as typeof import('./diff-command');
const upgrade = () => require('./upgrade-command') as typeof import('./upgrade-command');
const airgap = () => require('./airgap-command') as typeof import('./airgap-command');
const scaffold = () => require('./new-command') as typeof import('./new-command');
/* eslint-enable @typescript-eslint/no-require-imports */

export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('mke4k')
    .description('MKE 4k clusters as code: validate mke4.yaml, synthesize k0sctl.yaml and GitOps manifests')
    .version(packageInfo().version, '-V, --version', 'print the version of mke4k-cdk8s')
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride()
    .showHelpAfterError();
  const format = () => new Option('--format <format>', 'output format').choices(['text', 'json']).default('text');
  const delivery = (what: string) => new Option('--delivery <mode>', what).choices(['operator', 'k0rdent']);

  program
    .command('validate')
    .description('check an mke4.yaml; diagnostics on stderr (exit 1 when invalid)')
    .requiredOption('-f, --file <file>', 'mke4.yaml to check (- for standard input)')
    .addOption(format())
    .option('--strict', 'treat warnings as errors', false)
    .action((o) => setExit(commands().validateCommand(o, io)));

  program
    .command('init')
    .description('print the default mke4.yaml of an MKE release, as mkectl init does')
    .option('--mke-version <version>', 'MKE release (default: the newest)')
    .option('--hosts <file>', 'YAML list of hosts in the spec.hosts[] shape')
    .option('--schema-path <path>', 'point the editor schema modeline at a local file')
    .option('--schema-url', "point the modeline at the package's public CDN URL (default: the installed package's schema file, which resolves offline)")
    .action((o) => setExit(commands().initCommand(o, io)));

  program
    .command('synth')
    .description('write <out>/<name>/: k0sctl.yaml, manifests/, secrets.env.example')
    .requiredOption('-f, --file <file>', 'mke4.yaml (- for standard input)')
    .option('-o, --out <dir>', 'output folder', 'dist')
    .option('--name <name>', 'cluster folder name (default: metadata.name)')
    .addOption(delivery('operator (MkeConfig) or k0rdent (ServiceTemplates)'))
    .option('--secrets-from <file>', 'NAME=value file: also write a filled copy to <out>/<name>/local/ (git-ignored)')
    .option('--dry-run', 'render and report what would be written; write nothing', false)
    .option('--strict', 'treat warnings as errors', false)
    .addOption(format())
    .action((o) => setExit(commands().synthCommand(o, io)));

  program
    .command('diff')
    .description('compare two mke4.yaml files, two programs or two synthesized folders (exit 0 same, 3 different)')
    .argument('<a>', 'the current definition')
    .argument('<b>', 'the new definition')
    .addOption(delivery('delivery mode assumed for mke4.yaml files (wording of service impacts)'))
    .option('--strict', 'treat warnings as errors', false)
    .option('--program-timeout <seconds>', 'time limit of each program (default 120)')
    .addOption(format())
    .action((a: string, b: string, o) => setExit(diff().diffCommand({ ...o, a, b }, io)));

  program
    .command('import')
    .description('print a TypeScript program that builds the cluster of an mke4.yaml (not `cdk8s import`, which generates classes from CRDs)')
    .requiredOption('-f, --file <file>', 'mke4.yaml (- for standard input)')
    .addOption(delivery('delivery mode written into the program (default operator)'))
    .option('--strict', 'treat warnings as errors', false)
    .addOption(format())
    .action((o) => setExit(codegen().importCommand(o, io)));

  program
    .command('export')
    .description('write the normalized mke4.yaml of every cluster a program builds')
    .requiredOption('-f, --file <program>', 'TypeScript (or JavaScript) program that calls synthesize(app)')
    .option('-o, --out <dir>', 'write <dir>/<name>.mke4.yaml per cluster (default: stdout, one cluster only)')
    .option('--program-timeout <seconds>', 'time limit of the program (default 120)')
    .addOption(format())
    .action((o) => setExit(codegen().exportCommand(o, io)));

  program
    .command('upgrade')
    .description('plan an upgrade to a later MKE release: steps, component changes, config migration (exit 1 when refused)')
    .requiredOption('-f, --file <file>', 'mke4.yaml of the running cluster (- for standard input)')
    .requiredOption('--to <version>', 'target MKE release')
    .option('--write <file>', 'write the migrated mke4.yaml for the target (comments and your values kept)')
    .addOption(delivery('delivery mode of the cluster (wording of service impacts)'))
    .addOption(format())
    .action((o) => setExit(upgrade().upgradeCommand(o, io)));

  program
    .command('schema')
    .description('print (or write) the JSON Schema of mke4.yaml')
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .action((o) => setExit(commands().schemaCommand(o, io)));

  program
    .command('airgap')
    .description('list every image and chart the cluster pulls (text, json) or print a mirror script')
    .requiredOption('-f, --file <file>', 'mke4.yaml (- for standard input)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'script']).default('text'))
    .addOption(delivery('delivery mode (decides mke-operator and its provider)'))
    .option('--strict', 'treat warnings as errors', false)
    .action((o) => setExit(airgap().airgapCommand(o, io)));

  program
    .command('new')
    .description('create a cdk8s TypeScript project for one cluster (like `cdk8s init typescript-app`): package.json, tsconfig.json, cdk8s.yaml, main.ts, main.test.ts')
    .argument('<dir>', 'folder to create (must not exist, or be empty)')
    .option('--from <file>', 'start from an existing mke4.yaml (default: the mkectl init defaults of --mke-version)')
    .option('--mke-version <version>', 'MKE release whose defaults main.ts starts from (default: the newest)')
    .option('--name <name>', 'cluster name (default: metadata.name of --from, else mke)')
    .addOption(delivery('delivery mode written into main.ts'))
    .option('--package <spec>', 'npm spec of mke4k-cdk8s in package.json, e.g. file:../mke4k-cdk8s-0.1.0.tgz (default: file: this installation)')
    .action((dir: string, o) => setExit(scaffold().newCommand({ ...o, dir }, io)));

  return program;
}

function wantsJson(argv: readonly string[]): boolean {
  return argv.some((a, i) => a === '--format=json' || (a === '--format' && argv[i + 1] === 'json'));
}

/** Runs the CLI; resolves to the exit code. Never throws. */
export async function main(argv: readonly string[], io: Io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError && e.exitCode === 0) return 0;
    const usage = e instanceof UsageError || e instanceof CommanderError;
    const message = e instanceof Error ? e.message : String(e);
    // `--format json` promises JSON on stdout: also for a usage or internal error (exit 2 either way).
    if (wantsJson(argv)) {
      const code = usage ? 'usage' : 'internal-error';
      io.stdout.write(JSON.stringify({ diagnostics: [{ code, severity: 'error', message, path: '', file: null, line: null, col: null, hint: usage ? 'see mke4k --help' : 'this is a bug in mke4k; please report it with the command that caused it' }] }, null, 2) + '\n');
    }
    // Commander has printed its own message already.
    if (!(e instanceof CommanderError)) io.stderr.write(`${usage ? 'error' : 'internal error'}: ${printable(message)}\n`);
    return EXIT_USAGE;
  }
}
