/**
 * The option letters and names that dash 0.5.12, bash 5.2.15 and BusyBox 1.35 ash (Debian's
 * builds) take, at their start and in `set`. Each letter was measured with `SHELL -X -c 'echo'`
 * and `SHELL -c 'set -X'`, each name with `set -o` (which lists them) and `shopt` for bash's `-O`.
 */
import type { ShellFlavor } from './commands/shellError';

/** A shell whose options were measured. */
export type MeasuredShell = Exclude<ShellFlavor, 'unknown'>;

/** The letters that each shell takes at its start, besides `c`, `o` and bash's `O`, which `shellOptions.ts` reads apart. */
const startLetters: Readonly<Record<MeasuredShell, string>> = { dash: 'abefilmnpsuvxCEIV', bash: 'abefhiklmnprstuvxBCDEHPT', busybox: 'abefilmnsuvxCEI' };

/** The letters that each shell's `set` takes besides `o`. bash's `set` rejects `-O`, which only its start takes. */
const setLetters: Readonly<Record<MeasuredShell, string>> = { dash: 'abefimnpsuvxCEIV', bash: 'abefhkmnprtuvxBCEHPT', busybox: 'abefmnuvxCEI' };

/** Returns whether a shell of `flavor` takes the option letter `letter`, at its start or (`start` false) in `set`. */
export function isOptionLetter(letter: string, flavor: MeasuredShell, start: boolean): boolean {
  return (start ? startLetters : setLetters)[flavor].includes(letter);
}

/**
 * Returns whether every shell of `shells` takes the option `letter` (with its `name` for `o`), at
 * their start or (`start` false) in `set`. A long option (`-`) fails the test unless `shells` is
 * bash alone, and bash's `O` always fails it.
 */
export function isTakenByEveryShell(letter: string, name: string | undefined, start: boolean, shells: readonly MeasuredShell[]): boolean {
  if (letter === '-') return shells.every((flavor) => flavor === 'bash') && isBashLongOption(name ?? '');
  // A lone `-o` lists the settings in each shell.
  if (letter === 'o') return name === undefined || shells.every((flavor) => optionNameFate(name, flavor) === 'taken');
  return shells.every((flavor) => isOptionLetter(letter, flavor, start));
}

/**
 * The names that `set -o` listed in each shell, which each rejects other names for.
 * NOTE: taken to apply to every release of dash and bash, so a later dash with pipefail would be predicted to fail.
 * BusyBox's names depend on its build (see `optionNameFate`).
 */
const optionNames: Readonly<Record<MeasuredShell, ReadonlySet<string>>> = {
  dash: new Set(['errexit', 'noglob', 'ignoreeof', 'interactive', 'monitor', 'noexec', 'stdin', 'xtrace', 'verbose', 'vi', 'emacs', 'noclobber', 'allexport', 'notify', 'nounset', 'privileged', 'nolog', 'debug']),
  bash: new Set([
    'allexport', 'braceexpand', 'emacs', 'errexit', 'errtrace', 'functrace', 'hashall', 'histexpand', 'history', 'ignoreeof', 'interactive-comments', 'keyword', 'monitor', 'noclobber',
    'noexec', 'noglob', 'nolog', 'notify', 'nounset', 'onecmd', 'physical', 'pipefail', 'posix', 'privileged', 'verbose', 'vi', 'xtrace',
  ]),
  busybox: new Set(['errexit', 'noglob', 'ignoreeof', 'monitor', 'noexec', 'xtrace', 'verbose', 'noclobber', 'allexport', 'notify', 'nounset', 'errtrace', 'vi', 'pipefail']),
};

/**
 * Returns what a shell of `flavor` does with the `-o` name `name`: `taken`, `rejected`, or
 * `estimated` where Debian's BusyBox 1.35 lacks it. BusyBox's build configuration decides its
 * names, so such a name is predicted to be rejected, as there, but only as an estimate.
 */
export function optionNameFate(name: string, flavor: MeasuredShell): 'taken' | 'rejected' | 'estimated' {
  if (optionNames[flavor].has(name)) return 'taken';
  return flavor === 'busybox' ? 'estimated' : 'rejected';
}

/** The names that bash 5.2.15's `shopt` listed, which its `-O` start option takes. */
const shoptNames: ReadonlySet<string> = new Set([
  'autocd', 'assoc_expand_once', 'cdable_vars', 'cdspell', 'checkhash', 'checkjobs', 'checkwinsize', 'cmdhist', 'compat31', 'compat32', 'compat40', 'compat41', 'compat42', 'compat43',
  'compat44', 'complete_fullquote', 'direxpand', 'dirspell', 'dotglob', 'execfail', 'expand_aliases', 'extdebug', 'extglob', 'extquote', 'failglob', 'force_fignore', 'globasciiranges',
  'globskipdots', 'globstar', 'gnu_errfmt', 'histappend', 'histreedit', 'histverify', 'hostcomplete', 'huponexit', 'inherit_errexit', 'interactive_comments', 'lastpipe', 'lithist',
  'localvar_inherit', 'localvar_unset', 'login_shell', 'mailwarn', 'no_empty_cmd_completion', 'nocaseglob', 'nocasematch', 'noexpand_translation', 'nullglob', 'patsub_replacement',
  'progcomp', 'progcomp_alias', 'promptvars', 'restricted_shell', 'shift_verbose', 'sourcepath', 'varredir_close', 'xpg_echo',
]);

/** Returns whether bash's `-O` start option takes `name`. */
export function isShoptName(name: string): boolean {
  return shoptNames.has(name);
}

/**
 * The GNU long options that bash 5.2.15 takes before its first short option, as its usage lists
 * them. `rcfile` and `init-file` take the next word as their file. After `help` and `version`
 * bash prints its help or version and exits (see `bashExitOption`).
 * NOTE: `--dump-strings` and `--dump-po-strings` are left out, so a shell started with one of
 * them is taken to reject it with status 2. In fact bash prints the script's `$"..."` strings
 * and exits with status 0 without running it (status 2 on a syntax error in it).
 */
const bashLongOptions: ReadonlySet<string> = new Set(['login', 'noediting', 'noprofile', 'norc', 'posix', 'restricted', 'verbose', 'debug', 'debugger', 'pretty-print', 'rcfile', 'init-file', 'help', 'version']);

/**
 * Returns the measured shells that a shell of unknown kind, started as `program`, may act as: bash
 * for a program named bash, else dash, bash and BusyBox ash. The kind is unknown where the
 * prediction cannot see the program's file, as in an unread base image.
 */
export function possibleShells(program: string): readonly MeasuredShell[] {
  return program === 'bash' || program.endsWith('/bash') ? ['bash'] : ['dash', 'bash', 'busybox'];
}

/** Returns whether bash takes the long option `--name` before its first short option. */
export function isBashLongOption(name: string): boolean {
  return bashLongOptions.has(name);
}

/**
 * Returns the long option among `names`, bash's long options before its first short one, after
 * which bash prints text and exits with status 0, or `undefined` where none of them does. bash
 * 5.2.15 reads all of them first, so an invalid one rejects the start even after `--version`,
 * and otherwise `--help` wins over `--version` in either order. It then reads no short option
 * and no script (`bash --version -Z -c 'echo ran'` printed the version and exited with 0).
 */
export function bashExitOption(names: readonly string[]): 'help' | 'version' | undefined {
  if (!names.every(isBashLongOption)) return undefined;
  if (names.includes('help')) return 'help';
  return names.includes('version') ? 'version' : undefined;
}

/** Returns whether the long option `--name` takes the next word as its value. */
export function takesFileWord(name: string): boolean {
  return name === 'rcfile' || name === 'init-file';
}
