/**
 * The options a RUN's shell starts with, given by the words before its script (`SHELL ["/bin/sh",
 * "-ec"]`): the interpreter applies them as `set` would, so `-e` stops the script at a failure.
 */
import type { PlannedStep } from '../../dockerfile/plan';
import type { ShellFlavor } from './commands/shellError';
import { bashExitOption, isBashLongOption, isOptionLetter, isShoptName, optionNameFate, takesFileWord, type MeasuredShell } from './optionNames';
import { busyboxShell, scriptFlagIndex, scriptIndex, shellInForce, soleHeredoc } from './script';

/**
 * Returns the options of the shell that runs a RUN, as `set` takes them: `["/bin/sh", "-e",
 * "-uc"]` gives `-e -u`, and `["sh", "-o", "errexit", "-c"]` gives `-o errexit`. Empty for a
 * program without a `-c` option and for a heredoc script with a shebang line.
 */
export function startingOptions(step: PlannedStep, chain: readonly PlannedStep[]): string[] {
  const words = startWords(step, chain);
  return optionsBeforeScript(words, busyboxShell(words) === undefined ? 1 : 2, scriptFlagIndex(words));
}

/**
 * Returns the words that start the shell of a RUN up to its script, as the builder runs them
 * (`["/bin/sh", "-O", "extglob", "-c"]` for that SHELL), which a rejected start option quotes.
 * Empty where `startingOptions` is.
 */
export function startingCommand(step: PlannedStep, chain: readonly PlannedStep[]): string[] {
  const words = startWords(step, chain);
  const flag = scriptFlagIndex(words);
  return flag < 0 ? [] : words.slice(0, scriptIndex(words, flag));
}

/** Returns the exec form's words, or the SHELL in force, or nothing for a heredoc script with a shebang line. */
function startWords(step: PlannedStep, chain: readonly PlannedStep[]): readonly string[] {
  const instruction = step.instruction;
  if (!instruction.json && soleHeredoc(step)?.startsWith('#!')) return [];
  return instruction.json ?? shellInForce(chain);
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
  /** The letter, or `-` for a GNU long option (`--norc`), whose name is then `name`. */
  letter: string;
  /** `true` for `-x`, `false` for `+x`. */
  on: boolean;
  /** The word after the option, for `o` and `O`, or `undefined` where no word follows. */
  name?: string;
}

/**
 * Splits `set`-style words into their option letters. Each `o` and `O` in a word takes the next
 * word as its name (`-eo pipefail`, `-O extglob -e`), as dash 0.5.12, bash 5.2.15 and BusyBox
 * 1.35 ash read them. With `longOptions`, which a shell's start takes, a word such as `--norc`
 * is one option as well (`bash --norc -e -c` applies `-e`). The scan stops at the first word that
 * is no option.
 */
export function optionLetters(words: readonly string[], longOptions = false): OptionLetter[] {
  const letters: OptionLetter[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const long = longOptions ? /^--([a-z][a-z-]*)$/.exec(word) : null;
    if (long) {
      letters.push({ letter: '-', on: true, name: long[1] });
      if (takesFileWord(long[1])) i++;
      continue;
    }
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
 * Returns the note on options that the prediction lets a shell of unknown kind accept, although
 * not every shell of `shells` takes them (dash 0.5.12 lacks `-o pipefail`). `subject` is the
 * clause that names where the options are given (`"set -o pipefail" runs in a shell of unknown kind`).
 */
export function unknownShellNote(subject: string, doubtful: readonly OptionLetter[], shells: readonly MeasuredShell[]): string {
  const names = doubtful.map(({ letter, on, name }) => {
    if (letter === '-') return `--${name}`;
    const sign = on ? '-' : '+';
    return name === undefined ? `${sign}${letter}` : `${sign}${letter} ${name}`;
  });
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  const pronoun = names.length === 1 ? 'it' : 'them';
  const measured = shells.length === 1 ? 'bash does not take' : 'dash, bash and BusyBox ash do not all take';
  return `${subject}, and ${measured} ${list}. The prediction takes the shell to accept ${pronoun}, so what follows is estimated.`;
}

/** The error and exit status of a shell that rejects a start option, or that exits on one without running its script (`bash --version`). */
export interface RejectedOption {
  /** The message on standard error, absent where the shell prints `output` instead. */
  error?: string;
  code: number;
  /** A description of the text that the shell prints on standard output before it exits with status 0 (`bash's version`). */
  output?: string;
  /** The rejection depends on how BusyBox was built. */
  estimated?: boolean;
  /** bash takes the option that dash or ash rejects (`-o pipefail`, `-O extglob`, `--norc`). */
  bashTakes?: boolean;
}

/**
 * Returns the error and exit status of a shell of `flavor`, started as `shell`, that rejects one
 * of its start options before its script runs, or `undefined` where it takes them all. The first
 * rejected option decides. Measured with `SHELL OPTIONS -c 'echo ran'` and `SHELL -c OPTIONS
 * 'echo ran'`: dash 0.5.12 and BusyBox 1.35 ash reject an unknown letter and bash's `-O` with
 * status 2, and bash 5.2.15 an unknown letter, `-o` name or `-O` name with status 2. A `-o` name
 * that ash lacks makes it exit with status 0. bash takes long options (`--norc`) only before its
 * first short option, ash ignores them, and dash rejects them. bash exits with status 0 on
 * `--help` and `--version` (see `bashExitOption`).
 */
export function rejectedOption(options: readonly string[], flavor: ShellFlavor, shell: string): RejectedOption | undefined {
  if (flavor === 'unknown') return undefined;
  const letters = optionLetters(options, true);
  const exit = flavor === 'bash' ? bashExitOption(leadingLongOptions(letters)) : undefined;
  if (exit !== undefined) return { code: 0, output: `bash's ${exit}` };
  let afterShort = false;
  let errexit = false;
  for (const option of letters) {
    const rejected = flavor === 'bash' ? rejectedByBash(option, shell, afterShort, errexit) : rejectedByAsh(option, flavor, shell);
    if (rejected) return rejected;
    if (option.letter !== '-') afterShort = true;
    if (option.letter === 'e' || (option.letter === 'o' && option.name === 'errexit')) errexit = option.on;
  }
  return undefined;
}

/** Returns the names of the long options before the first short one, which bash reads apart. */
function leadingLongOptions(letters: readonly OptionLetter[]): string[] {
  const short = letters.findIndex((option) => option.letter !== '-');
  return letters.slice(0, short < 0 ? letters.length : short).map((option) => option.name ?? '');
}

/** Returns how dash or BusyBox ash rejects a start option, or `undefined` where it takes it. */
function rejectedByAsh(option: OptionLetter, flavor: 'dash' | 'busybox', shell: string): RejectedOption | undefined {
  const rejected = ashRejection(option, flavor, shell);
  // bash exits on `--version` without running the script, so the hint does not offer bash for it.
  const exits = option.letter === '-' && bashExitOption([option.name ?? '']) !== undefined;
  return rejected && { ...rejected, bashTakes: !exits && rejectedByBash(option, shell, false, false) === undefined };
}

function ashRejection({ letter, on, name }: OptionLetter, flavor: 'dash' | 'busybox', shell: string): RejectedOption | undefined {
  // dash names every rejected letter with `-` (`dash +Z -c` printed "Illegal option -Z"), and ash keeps the sign.
  const sign = on ? '-' : '+';
  if (flavor === 'dash') {
    if (letter === 'o') {
      if (name === undefined || optionNameFate(name, flavor) !== 'rejected') return undefined;
      return { error: `${shell}: 0: Illegal option -o ${name}`, code: 2 };
    }
    // `dash --norc -c` printed "Illegal option --".
    if (letter !== 'O' && letter !== '-' && isOptionLetter(letter, flavor, true)) return undefined;
    return { error: `${shell}: 0: Illegal option -${letter}`, code: 2 };
  }
  // `busybox sh --nosuch -c 'echo ran'` ran the script.
  if (letter === '-') return undefined;
  if (letter === 'o') {
    if (name === undefined || optionNameFate(name, flavor) === 'taken') return undefined;
    return { error: `${shell}: illegal option ${sign}o ${name}`, code: 0, estimated: true };
  }
  if (letter !== 'O' && isOptionLetter(letter, flavor, true)) return undefined;
  return { error: `${shell}: illegal option ${sign}${letter}`, code: 2 };
}

/**
 * Returns how bash rejects a start option, or `undefined` where it takes it. `afterShort` is
 * whether a short option came before, after which bash rejects every long one as `--`. An
 * unknown letter makes bash exit with status 1 where an earlier option set `-e` (`bash -eZ -c`).
 * Each message has the first line only: bash then prints its usage, except after `-e`.
 */
function rejectedByBash({ letter, on, name }: OptionLetter, shell: string, afterShort: boolean, errexit: boolean): RejectedOption | undefined {
  const code = errexit ? 1 : 2;
  if (letter === '-') {
    if (afterShort) return { error: `${shell}: --: invalid option`, code };
    if (isBashLongOption(name ?? '')) return undefined;
    return { error: `${shell}: --${name}: invalid option`, code: 2 };
  }
  // A lone `-o` or `-O` lists the settings, so only a name can be rejected.
  if ((letter === 'o' || letter === 'O') && name === undefined) return undefined;
  // bash prints "line 0:" for a name it rejects, in and outside its POSIX mode.
  if (letter === 'o') {
    if (optionNameFate(name ?? '', 'bash') !== 'rejected') return undefined;
    return { error: `${shell}: line 0: ${shell}: ${name}: invalid option name`, code: 2 };
  }
  if (letter === 'O') {
    if (isShoptName(name ?? '')) return undefined;
    return { error: `${shell}: line 0: ${name}: invalid shell option name`, code: 2 };
  }
  if (isOptionLetter(letter, 'bash', true)) return undefined;
  return { error: `${shell}: ${on ? '-' : '+'}${letter}: invalid option`, code };
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
