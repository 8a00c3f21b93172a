/**
 * `mke4k completion bash|zsh|fish`: completion scripts generated from the command tree itself, so a
 * new command or option completes without touching this file. Options that take a file complete
 * file names; options with fixed choices complete those.
 */
import type { Command, Option } from 'commander';
import { EXIT_OK, Io, UsageError } from './io';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

interface OptionInfo {
  readonly short?: string;
  readonly long: string;
  readonly description: string;
  readonly takesValue: boolean;
  readonly choices?: readonly string[];
  readonly file: boolean;
}

interface CommandInfo {
  readonly name: string;
  readonly description: string;
  readonly options: readonly OptionInfo[];
  /** Positional arguments are files (all but `completion`). */
  readonly fileArgs: boolean;
}

const FILE_VALUE = /^<(file|dir|program|path)>$|<(file|dir|program|path)>/;

function optionInfo(o: Option): OptionInfo {
  const value = o.flags.match(/<[^>]+>/)?.[0];
  return {
    ...(o.short ? { short: o.short } : {}),
    long: o.long as string,
    description: o.description,
    takesValue: o.required || o.optional,
    ...(o.argChoices ? { choices: o.argChoices } : {}),
    file: value !== undefined && FILE_VALUE.test(value),
  };
}

function commandsOf(program: Command): CommandInfo[] {
  return program.commands.map((c) => ({
    name: c.name(),
    description: c.description(),
    options: [...c.options.map(optionInfo), { short: '-h', long: '--help', description: 'show help', takesValue: false, file: false }],
    fileArgs: c.name() !== 'completion' && c.registeredArguments.length > 0,
  }));
}

function bash(program: Command): string {
  const cmds = commandsOf(program);
  const lines = [
    '# mke4k bash completion. Load with: source <(mke4k completion bash)',
    '_mke4k() {',
    '  local cur prev cmd',
    '  cur="${COMP_WORDS[COMP_CWORD]}"',
    '  prev="${COMP_WORDS[COMP_CWORD-1]}"',
    '  cmd="${COMP_WORDS[1]}"',
    '  if [ "$COMP_CWORD" -eq 1 ]; then',
    `    COMPREPLY=( $(compgen -W "${cmds.map((c) => c.name).join(' ')} help --help --version" -- "$cur") )`,
    '    return',
    '  fi',
    '  case "$cmd $prev" in',
  ];
  for (const c of cmds) {
    for (const o of c.options.filter((x) => x.takesValue)) {
      const names = [o.short, o.long].filter(Boolean).map((n) => `"${c.name} ${n}"`).join('|');
      if (o.choices) lines.push(`    ${names}) COMPREPLY=( $(compgen -W "${o.choices.join(' ')}" -- "$cur") ); return ;;`);
      else if (o.file) lines.push(`    ${names}) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;`);
      else lines.push(`    ${names}) COMPREPLY=(); return ;;`);
    }
  }
  lines.push('  esac', '  case "$cmd" in');
  for (const c of cmds) {
    const opts = c.options.flatMap((o) => [o.short, o.long].filter((x): x is string => Boolean(x))).join(' ');
    const words = c.name === 'completion' ? `${opts} bash zsh fish` : opts;
    lines.push(`    ${c.name}) COMPREPLY=( $(compgen -W "${words}" -- "$cur")${c.fileArgs ? ' $(compgen -f -- "$cur")' : ''} ) ;;`);
  }
  lines.push('    help) COMPREPLY=( $(compgen -W "' + cmds.map((c) => c.name).join(' ') + '" -- "$cur") ) ;;', '  esac', '}', 'complete -o filenames -F _mke4k mke4k', '');
  return lines.join('\n');
}

/** Text for a zsh `_arguments` description: no brackets, colons or single quotes. */
function zshText(text: string): string {
  return text.replace(/[[\]]/g, '').replace(/:/g, ' -').replace(/'/g, '');
}

function zsh(program: Command): string {
  const cmds = commandsOf(program);
  const lines = [
    '#compdef mke4k',
    '# mke4k zsh completion. Load with: source <(mke4k completion zsh), or save as _mke4k in your $fpath',
    '_mke4k() {',
    '  local -a commands',
    '  commands=(',
    ...cmds.map((c) => `    '${c.name}:${zshText(c.description)}'`),
    '  )',
    '  if (( CURRENT == 2 )); then',
    "    _describe 'command' commands",
    '    return',
    '  fi',
    '  case $words[2] in',
  ];
  for (const c of cmds) {
    const specs = c.options.map((o) => {
      const value = o.takesValue ? `:${o.long.slice(2)}:${o.choices ? `(${o.choices.join(' ')})` : o.file ? '_files' : ' '}` : '';
      const desc = `[${zshText(o.description)}]`;
      return o.short ? `'(${o.short} ${o.long})'{${o.short},${o.long}}'${desc}${value}'` : `'${o.long}${desc}${value}'`;
    });
    if (c.name === 'completion') specs.push("'1:shell:(bash zsh fish)'");
    else if (c.fileArgs) specs.push("'*:file:_files'");
    lines.push(`    ${c.name})`, `      _arguments -s ${specs.join(' \\\n        ')}`, '      ;;');
  }
  lines.push("    help) _describe 'command' commands ;;", '  esac', '}', 'if [ "$funcstack[1]" = "_mke4k" ]; then _mke4k "$@"; else compdef _mke4k mke4k; fi', '');
  return lines.join('\n');
}

function fishText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
}

function fish(program: Command): string {
  const cmds = commandsOf(program);
  const names = cmds.map((c) => c.name).join(' ');
  const lines = ['# mke4k fish completion. Load with: mke4k completion fish | source', 'complete -c mke4k -f'];
  for (const c of cmds) lines.push(`complete -c mke4k -n '__fish_use_subcommand' -a ${c.name} -d '${fishText(c.description)}'`);
  lines.push(`complete -c mke4k -n '__fish_seen_subcommand_from help' -a '${names}'`);
  for (const c of cmds) {
    const when = `-n '__fish_seen_subcommand_from ${c.name}'`;
    for (const o of c.options) {
      const flags = [o.short ? `-s ${o.short.slice(1)}` : '', `-l ${o.long.slice(2)}`].filter(Boolean).join(' ');
      const value = o.choices ? ` -x -a '${o.choices.join(' ')}'` : o.file ? ' -r -F' : o.takesValue ? ' -x' : '';
      lines.push(`complete -c mke4k ${when} ${flags}${value} -d '${fishText(o.description)}'`);
    }
    if (c.name === 'completion') lines.push(`complete -c mke4k ${when} -a 'bash zsh fish'`);
    else if (c.fileArgs) lines.push(`complete -c mke4k ${when} -F`);
  }
  return lines.join('\n') + '\n';
}

export function completionScript(shell: Shell, program: Command): string {
  return shell === 'bash' ? bash(program) : shell === 'zsh' ? zsh(program) : fish(program);
}

export function completionCommand(shell: string, program: Command, io: Io): number {
  if (!(SHELLS as readonly string[]).includes(shell)) throw new UsageError(`unknown shell ${shell}; supported: ${SHELLS.join(', ')}`);
  io.stdout.write(completionScript(shell as Shell, program));
  return EXIT_OK;
}
