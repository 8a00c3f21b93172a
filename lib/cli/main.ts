/**
 * The `mke4k` command line: a thin layer over the library. Exit codes: 0 ok, 1 invalid input,
 * 2 usage or internal error, 3 `diff` found differences.
 */
import { Command, CommanderError, Option } from 'commander';
import { packageInfo } from '../package-info';
import { EXIT_USAGE, Io, UsageError } from './io';
import { printable } from '../printable';

// Command modules load on use, so `mke4k --help` or `validate` do not pay for cdk8s and the
// constructs: starting the CLI does no work it does not need.
/* eslint-disable @typescript-eslint/no-require-imports */
const commands = () => require('./commands') as typeof import('./commands');
const codegen = () => require('./codegen-commands') as typeof import('./codegen-commands');
const diff = () => require('./diff-command') as typeof import('./diff-command');
const views = () => require('./view-commands') as typeof import('./view-commands');
const completion = () => require('./completion') as typeof import('./completion');
const upgrade = () => require('./upgrade-command') as typeof import('./upgrade-command');
const airgap = () => require('./airgap-command') as typeof import('./airgap-command');
const scaffold = () => require('./new-command') as typeof import('./new-command');
/* eslint-enable @typescript-eslint/no-require-imports */

/** With `json`, commander's error text (and the help after it) goes to `onError` instead of stderr. */
export interface ProgramOutput {
  readonly json?: boolean;
  readonly onError?: (text: string) => void;
}

export function buildProgram(io: Io, setExit: (code: number) => void, output: ProgramOutput = {}): Command {
  const program = new Command('mke4k')
    .description('MKE 4k clusters as code: validate mke4.yaml, synthesize k0sctl.yaml and GitOps manifests')
    .version(packageInfo().version, '-V, --version', 'print the version of mke4k-cdk8s')
    .configureOutput(
      output.json
        ? { writeOut: (s) => io.stdout.write(s), writeErr: () => undefined, outputError: (s) => output.onError?.(s) }
        : { writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) },
    )
    .exitOverride()
    .showHelpAfterError();
  const format = () => new Option('--format <format>', 'output format').choices(['text', 'json']).default('text');
  const delivery = (what: string) => new Option('--delivery <mode>', what).choices(['operator', 'k0rdent']);

  program
    .command('validate')
    .description('check an mke4.yaml; diagnostics on stderr (exit 1 when invalid)')
    .argument('[file]', 'mke4.yaml (same as -f)')
    .option('-f, --file <file>', 'mke4.yaml to check (- for standard input)')
    .addOption(format())
    .option('--strict', 'treat warnings as errors', false)
    .action((arg: string | undefined, o) => setExit(commands().validateCommand(withFile(arg, o), io)));

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
    .argument('[file]', 'mke4.yaml (same as -f)')
    .option('-f, --file <file>', 'mke4.yaml (- for standard input)')
    .option('-o, --out <dir>', 'output folder', 'dist')
    .option('--name <name>', 'cluster folder name (default: metadata.name)')
    .addOption(delivery('operator (MkeConfig) or k0rdent (ServiceTemplates)'))
    .option('--secrets-from <file>', 'NAME=value file: also write a filled copy to <out>/<name>/local/ (git-ignored)')
    .option('--dry-run', 'render and report what would be written; write nothing', false)
    .option('--strict', 'treat warnings as errors', false)
    .addOption(format())
    .action((arg: string | undefined, o) => setExit(commands().synthCommand(withFile(arg, o), io)));

  program
    .command('diff')
    .description('compare two mke4.yaml files, two programs or two synthesized folders (exit 0 same, 3 different)')
    .argument('<a>', 'the current definition')
    .argument('<b>', 'the new definition')
    .addOption(delivery('delivery mode assumed for mke4.yaml files (wording of service impacts)'))
    .option('--only-mine', 'mke4.yaml files: hide changes that only come from the new release\'s defaults', false)
    .option('--strict', 'treat warnings as errors', false)
    .option('--program-timeout <seconds>', 'time limit of each program (default 120)')
    .addOption(format())
    .action((a: string, b: string, o) => setExit(diff().diffCommand({ ...o, a, b }, io)));

  program
    .command('import')
    .description('print a TypeScript program that builds the cluster of an mke4.yaml (not `cdk8s import`, which generates classes from CRDs)')
    .argument('[file]', 'mke4.yaml (same as -f)')
    .option('-f, --file <file>', 'mke4.yaml (- for standard input)')
    .addOption(delivery('delivery mode written into the program (default operator)'))
    .option('--strict', 'treat warnings as errors', false)
    .addOption(format())
    .action((arg: string | undefined, o) => setExit(codegen().importCommand(withFile(arg, o), io)));

  program
    .command('export')
    .description('write the normalized mke4.yaml of every cluster a program builds')
    .argument('[program]', 'the program (same as -f)')
    .option('-f, --file <program>', 'TypeScript (or JavaScript) program that calls synthesize(app)')
    .option('-o, --out <dir>', 'write <dir>/<name>.mke4.yaml per cluster (default: stdout, one cluster only)')
    .option('--program-timeout <seconds>', 'time limit of the program (default 120)')
    .addOption(format())
    .action((arg: string | undefined, o) => setExit(codegen().exportCommand(withFile(arg, o), io)));

  program
    .command('schema')
    .description('print (or write) the JSON Schema of mke4.yaml')
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .action((o) => setExit(commands().schemaCommand(o, io)));

  program
    .command('plan')
    .description('what synth would change in <out>/<name>/: files, diffs, impacts (exit 0 none, 3 changes, 1 invalid or impossible)')
    .argument('[file]', 'mke4.yaml or program (same as -f)')
    .option('-f, --file <file>', 'mke4.yaml (- for standard input) or a TypeScript program')
    .option('-o, --out <dir>', 'output folder to compare with', 'dist')
    .option('--name <name>', 'cluster folder name (default: metadata.name)')
    .addOption(delivery('operator (MkeConfig) or k0rdent (ServiceTemplates)'))
    .option('--strict', 'treat warnings as errors', false)
    .addOption(format())
    .action((arg: string | undefined, o) => setExit(views().planCommand(withFile(arg, o), io)));

  program
    .command('describe')
    .description('the cluster at a glance: versions, hosts, load balancing, services, secrets, prerequisites')
    .argument('[file]', 'mke4.yaml or program (same as -f)')
    .option('-f, --file <file>', 'mke4.yaml (- for standard input) or a TypeScript program')
    .option('--name <name>', 'cluster name (default: metadata.name)')
    .addOption(delivery('operator (MkeConfig) or k0rdent (ServiceTemplates)'))
    .option('--strict', 'treat warnings as errors', false)
    .addOption(format())
    .action((arg: string | undefined, o) => setExit(views().describeCommand(withFile(arg, o), io)));

  program
    .command('graph')
    .description('a picture of the cluster (or fleet): hosts, load balancer, CNI, control plane, services')
    .argument('[file]', 'mke4.yaml or program (same as -f)')
    .option('-f, --file <file>', 'mke4.yaml (- for standard input) or a TypeScript program')
    .addOption(new Option('--format <format>', 'picture format').choices(['mermaid', 'dot', 'svg']).default('mermaid'))
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .option('--name <name>', 'cluster name (default: metadata.name)')
    .addOption(delivery('operator (MkeConfig) or k0rdent (ServiceTemplates)'))
    .option('--strict', 'treat warnings as errors', false)
    .action(async (arg: string | undefined, o) => setExit(await views().graphCommand(withFile(arg, o), io)));

  program
    .command('releases')
    .description('the supported MKE releases with their k0s, k0rdent, mke-operator and Calico versions')
    .addOption(format())
    .action((o) => setExit(views().releasesCommand(o, io)));

  program
    .command('completion')
    .description('print a shell completion script (bash, zsh or fish)')
    .argument('<shell>', 'bash, zsh or fish')
    .action((shell: string) => setExit(completion().completionCommand(shell, program, io)));

  program
    .command('upgrade')
    .description('plan an upgrade to a later MKE release: steps, component changes, config migration (exit 1 when refused)')
    .argument('[file]', 'mke4.yaml of the running cluster (same as -f)')
    .option('-f, --file <file>', 'mke4.yaml of the running cluster (- for standard input)')
    .requiredOption('--to <version>', 'target MKE release')
    .option('--write <file>', 'write the migrated mke4.yaml for the target (comments and your values kept)')
    .addOption(delivery('delivery mode of the cluster (wording of service impacts)'))
    .addOption(format())
    .action((arg: string | undefined, o) => setExit(upgrade().upgradeCommand(withFile(arg, o), io)));

  program
    .command('airgap')
    .description('list every image and chart the cluster pulls (text, json) or print a mirror script')
    .argument('[file]', 'mke4.yaml (same as -f)')
    .option('-f, --file <file>', 'mke4.yaml (- for standard input)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'script']).default('text'))
    .addOption(delivery('delivery mode (decides mke-operator and its provider)'))
    .option('--strict', 'treat warnings as errors', false)
    .action((arg: string | undefined, o) => setExit(airgap().airgapCommand(withFile(arg, o), io)));

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

/** The input file from the positional argument or `-f` (one of them, not two different ones). */
function withFile<T extends { file?: string }>(arg: string | undefined, options: T): T & { file: string } {
  if (arg !== undefined && options.file !== undefined && arg !== options.file) throw new UsageError(`two inputs given (${arg} and -f ${options.file}); give one`);
  const file = arg ?? options.file;
  if (file === undefined) throw new UsageError('no input file: give it as an argument or with -f FILE (- for standard input)');
  return { ...options, file };
}

/** True when the command line asks for JSON output (`--format json` or `--format=json`). */
export function wantsJson(argv: readonly string[]): boolean {
  return argv.some((a, i) => a === '--format=json' || (a === '--format' && argv[i + 1] === 'json'));
}

/** A usage or internal error as the `--format json` object: one diagnostic, nothing on stderr. */
function jsonError(io: Io, code: 'usage-error' | 'internal-error', message: string, hint?: string): void {
  io.stdout.write(JSON.stringify({ diagnostics: [{ code, severity: 'error', message, path: '', file: null, line: null, col: null, hint: hint ?? null }] }, null, 2) + '\n');
}

/** Runs the CLI; resolves to the exit code. Never throws. */
export async function main(argv: readonly string[], io: Io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let code = 0;
  const json = wantsJson(argv);
  let usageMessage = '';
  // With --format json, commander's own error text (and the help after it) becomes the JSON object.
  const program = buildProgram(io, (c) => (code = c), { json, onError: (s) => (usageMessage += s) });
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.exitCode === 0) return 0;
      if (json) jsonError(io, 'usage-error', (usageMessage || e.message).trim().replace(/^error: /, ''), 'see `mke4k help COMMAND`');
      return EXIT_USAGE;
    }
    if (e instanceof UsageError) {
      if (json) jsonError(io, 'usage-error', e.message);
      else io.stderr.write(`error: ${printable(e.message)}\n`);
      return EXIT_USAGE;
    }
    if (json) jsonError(io, 'internal-error', (e as Error).message ?? String(e), 'please report this with the command line that caused it');
    else io.stderr.write(`internal error: ${printable((e as Error).message ?? String(e))}\n`);
    return EXIT_USAGE;
  }
}
