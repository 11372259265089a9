/**
 * The options a RUN's shell starts with, given by the words before its script (`SHELL ["/bin/sh",
 * "-ec"]`): the interpreter applies them as `set` would, so `-e` stops the script at a failure.
 */
import type { PlannedStep } from '../../dockerfile/plan';
import type { ShellFlavor } from './commands/shellError';
import { busyboxShell, scriptFlagIndex, scriptIndex, shellInForce, soleHeredoc } from './script';

/**
 * Returns the options of the shell that runs a RUN, as `set` takes them: `["/bin/sh", "-e",
 * "-uc"]` gives `-e -u`, and `["sh", "-o", "errexit", "-c"]` gives `-o errexit`. Empty for a
 * program without a `-c` option and for a heredoc script with a shebang line.
 */
export function startingOptions(step: PlannedStep, chain: readonly PlannedStep[]): string[] {
  const instruction = step.instruction;
  if (!instruction.json && soleHeredoc(step)?.startsWith('#!')) return [];
  const words = instruction.json ?? shellInForce(chain);
  return optionsBeforeScript(words, busyboxShell(words) === undefined ? 1 : 2, scriptFlagIndex(words));
}

/**
 * Returns the options among `words` from index `first` up to the script, as `set` takes them:
 * those before and after the word at `flag` that contains the `-c` option, and that word's other
 * letters. The list is empty when `flag` comes before `first`.
 */
export function optionsBeforeScript(words: readonly string[], first: number, flag: number): string[] {
  if (flag < first) return [];
  const rest = words[flag].replace('c', '');
  const after = words.slice(flag + 1, scriptIndex(words, flag)).filter((word) => word !== '--' && word !== '-');
  return [...words.slice(first, flag), ...(rest === '-' ? [] : [rest]), ...after];
}

/** One option letter of `set`-style words, with the option name that `o` and bash's `O` take. */
export interface OptionLetter {
  letter: string;
  /** `true` for `-x`, `false` for `+x`. */
  on: boolean;
  /** The word after the option, for `o` and `O`, or `undefined` where no word follows. */
  name?: string;
}

/**
 * Splits `set`-style words into their option letters. Each `o` and `O` in a word takes the next
 * word as its name (`-eo pipefail`, `-O extglob -e`), as dash 0.5.12, bash 5.2.15 and BusyBox
 * 1.35 ash read them. The scan stops at the first word that is no option.
 */
export function optionLetters(words: readonly string[]): OptionLetter[] {
  const letters: OptionLetter[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (!/^[-+][a-zA-Z]+$/.test(word)) break;
    const on = word.startsWith('-');
    for (const letter of word.slice(1)) {
      if (letter === 'o' || letter === 'O') letters.push({ letter, on, name: words[++i] });
      else letters.push({ letter, on });
    }
  }
  return letters;
}

/**
 * The option names that `set -o` listed in dash 0.5.12 and bash 5.2.15, which reject other names.
 * NOTE: taken to hold for every release of each shell, so a later dash with pipefail would be predicted to fail.
 */
const optionNames: Partial<Record<ShellFlavor, ReadonlySet<string>>> = {
  dash: new Set(['errexit', 'noglob', 'ignoreeof', 'interactive', 'monitor', 'noexec', 'stdin', 'xtrace', 'verbose', 'vi', 'emacs', 'noclobber', 'allexport', 'notify', 'nounset', 'privileged', 'nolog', 'debug']),
  bash: new Set([
    'allexport', 'braceexpand', 'emacs', 'errexit', 'errtrace', 'functrace', 'hashall', 'histexpand', 'history', 'ignoreeof', 'interactive-comments', 'keyword', 'monitor', 'noclobber',
    'noexec', 'noglob', 'nolog', 'notify', 'nounset', 'onecmd', 'physical', 'pipefail', 'posix', 'privileged', 'verbose', 'vi', 'xtrace',
  ]),
};

/**
 * Returns whether a shell of `flavor` surely has no option `name` for `-o`. BusyBox's names
 * depend on its build, so only a name that neither dash nor bash has counts for it, and those
 * cover each name of Debian's BusyBox 1.35 ash.
 */
function isUnknownOptionName(name: string, flavor: ShellFlavor): boolean {
  if (flavor === 'dash' || flavor === 'bash') return !(optionNames[flavor]?.has(name) ?? true);
  return flavor === 'busybox' && !optionNames.dash?.has(name) && !optionNames.bash?.has(name);
}

/**
 * Returns the error and exit status of a shell of `flavor`, started as `shell`, that rejects one
 * of its start options before its script runs, or `undefined` where it takes them all. dash
 * 0.5.12 and BusyBox 1.35 ash reject bash's `-O` with status 2. Each shell rejects a `-o` name
 * it lacks (`sh -o pipefail` under dash), and BusyBox then exits with status 0. The first rejected
 * option decides. `posix` is whether bash runs in its POSIX mode, which adds "line 0" to the
 * error. Measured with `SHELL -c OPTIONS 'echo ran'`.
 */
export function rejectedOption(options: readonly string[], flavor: ShellFlavor, shell: string, posix: boolean): { error: string; code: number } | undefined {
  for (const { letter, on, name } of optionLetters(options)) {
    const sign = on ? '-' : '+';
    // dash names `-O` and `-o` for either sign (`dash -c +O extglob 'echo'` printed "dash: 0: Illegal option -O").
    if (letter === 'O' && flavor === 'dash') return { error: `${shell}: 0: Illegal option -O`, code: 2 };
    if (letter === 'O' && flavor === 'busybox') return { error: `${shell}: illegal option ${sign}O`, code: 2 };
    if (letter !== 'o' || name === undefined || !isUnknownOptionName(name, flavor)) continue;
    if (flavor === 'dash') return { error: `${shell}: 0: Illegal option -o ${name}`, code: 2 };
    if (flavor === 'busybox') return { error: `${shell}: illegal option ${sign}o ${name}`, code: 0 };
    return { error: `${shell}: ${posix ? 'line 0: ' : ''}${shell}: ${name}: invalid option name`, code: 2 };
  }
  return undefined;
}

/**
 * Returns the error of a shell started with `-c` but no script after its options (`sh -c -e`),
 * as dash 0.5.12, bash 5.2.15 and BusyBox 1.35 ash print it when they exit with status 2, or
 * `undefined` for an unknown shell.
 */
export function missingScriptError(flavor: ShellFlavor, shell: string): string | undefined {
  switch (flavor) {
    case 'dash':
      return `${shell}: 0: -c requires an argument`;
    case 'busybox':
      return `${shell}: -c requires an argument`;
    case 'bash':
      return `${shell}: -c: option requires an argument`;
    case 'unknown':
      return undefined;
  }
}
