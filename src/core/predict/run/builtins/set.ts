/** The `set` builtin's options, which also start a shell (`sh -e -c`). */
import { leastCertain } from '../../../model/layer';
import { bashBuiltinError, type ShellFlavor } from '../commands/shellError';
import { addNote, type ShellState, type Status } from '../context';
import type { Field } from '../expand';
import { isOptionLetter, isTakenByEveryShell, optionNameFate, possibleShells, type MeasuredShell } from '../optionNames';
import { optionLetters, unknownShellNote, type OptionLetter } from '../shellOptions';
import { success, type BuiltinContext, type DispatchResult } from './context';

/**
 * Applies the start options (`-e`, `-o posix`, `--posix`) of a shell of `flavor`, which
 * `rejectedOption` has checked. The prediction follows `errexit`, `noglob`, `nounset`,
 * `pipefail` and bash's `posix`.
 */
export function applyStartOptions(shell: ShellState, options: readonly string[], flavor: ShellFlavor, program: string): void {
  for (const option of optionLetters(options, true)) applyOption(shell, option, isGuessedOption(option, flavor, program, true));
}

/**
 * Returns whether a shell of `flavor`, started as `program`, takes `option` only by the
 * prediction's guess: its kind is unknown, and not every shell it may be takes the option (see
 * `possibleShells`), at its start or (`start` false) in `set`.
 */
export function isGuessedOption(option: OptionLetter, flavor: ShellFlavor, program: string, start: boolean): boolean {
  return flavor === 'unknown' && !isTakenByEveryShell(option.letter, option.name, start, possibleShells(program));
}

/**
 * Runs `set OPTIONS`. Each shell rejects an option it lacks, as measured with `SHELL -c 'set
 * -o NAME; echo ran'` (see `setRejection`). dash 0.5.12 then exits with status 2, also in a
 * condition, because `set` is a special builtin. bash 5.2.15 fails with 2 and goes on, but exits
 * in its POSIX mode. BusyBox 1.35 ash fails with 1 for a `-o` name and goes on, but exits with 2
 * for a letter. The options before the rejected one apply.
 */
export function runSet(context: BuiltinContext, args: Field[], line: number | undefined): DispatchResult {
  const words = args.map((arg) => arg.value);
  if (hasUnknownOption(args)) {
    // Such a word may turn on errexit or bash's POSIX mode, which decide what follows.
    addNote(context.report, `"set ${words.join(' ')}" sets options from values this prediction cannot know, so what follows it is estimated.`);
    context.report.floor = leastCertain(context.report.floor, 'estimated');
  }
  const flavor = context.flavor();
  const options = optionLetters(words);
  if (flavor === 'unknown') return setInUnknownShell(context, words, options);
  for (const option of options) {
    const rejected = setRejection(option, flavor);
    if (rejected !== undefined) return rejectedSet(context, flavor, words, rejected, line);
    applyOption(context.shell, option, false);
  }
  return { status: success };
}

/**
 * Runs `set OPTIONS` in a shell of unknown kind, which the prediction takes to accept every
 * option. Where dash 0.5.12, bash 5.2.15 and BusyBox 1.35 ash do not all take one (dash has no
 * `-o pipefail`), that is a guess, because such a shell may reject it, and dash then exits. So
 * the status is a guess, and what follows is estimated.
 */
function setInUnknownShell(context: BuiltinContext, words: string[], options: readonly OptionLetter[]): DispatchResult {
  const doubtful = options.filter((option) => isGuessedOption(option, 'unknown', context.program, false));
  for (const option of options) applyOption(context.shell, option, doubtful.includes(option));
  if (doubtful.length === 0) return { status: success };
  addNote(context.report, unknownShellNote(`"set ${words.join(' ')}" runs in a shell of unknown kind`, doubtful, possibleShells(context.program)));
  context.report.floor = leastCertain(context.report.floor, 'estimated');
  return { status: { success: true, certain: false } };
}

/** Returns whether a word that `set` may read as an option, before `--` or an operand, has a value this prediction cannot know. */
function hasUnknownOption(args: Field[]): boolean {
  for (const arg of args) {
    if (!arg.known) return true;
    if (arg.value === '--' || !/^[-+]/.test(arg.value)) return false;
  }
  return false;
}

/** An option that a shell's `set` rejects, with `estimated` where BusyBox's build configuration decides. */
interface SetRejection {
  option: OptionLetter;
  estimated: boolean;
}

/** Returns how the `set` of a shell of `flavor` rejects `option`, or `undefined` where it takes it, as measured for each letter and `-o` name. */
function setRejection(option: OptionLetter, flavor: MeasuredShell): SetRejection | undefined {
  if (option.letter !== 'o') return isOptionLetter(option.letter, flavor, false) ? undefined : { option, estimated: false };
  // A lone `-o` prints the settings.
  const fate = option.name === undefined ? 'taken' : optionNameFate(option.name, flavor);
  return fate === 'taken' ? undefined : { option, estimated: fate === 'estimated' };
}

/** Returns the result of a `set` with an option that the shell rejects, with the message that the shell printed. */
function rejectedSet(context: BuiltinContext, flavor: MeasuredShell, words: string[], { option, estimated }: SetRejection, line: number | undefined): DispatchResult {
  const shell = context.program;
  const sign = option.on ? '-' : '+';
  const named = option.letter === 'o' ? ` ${option.name}` : '';
  let error: string | undefined;
  let code = 2;
  let exited = true;
  if (flavor === 'dash') {
    error = line === undefined ? undefined : `${shell}: ${line}: set: Illegal option -${option.letter}${named}`;
  } else if (flavor === 'busybox') {
    // BusyBox prints one less than the command's line (`busybox sh -c 'set -Z'` printed "line 0").
    error = line === undefined ? undefined : `${shell}: set: line ${line - 1}: illegal option ${sign}${option.letter}${named}`;
    if (option.letter === 'o') code = 1;
    exited = option.letter !== 'o';
  } else {
    let message = `set: ${sign}${option.letter}: invalid option`;
    if (option.letter === 'o') message = `set: ${option.name}: invalid option name`;
    error = bashBuiltinError(shell, line, message);
    exited = !context.bashOutsidePosix();
  }
  if (estimated) {
    addNote(context.report, `Debian's BusyBox 1.35 has no "${option.name}" option, but BusyBox's build configuration decides its option names, so what follows "set ${words.join(' ')}" is estimated.`);
    context.report.floor = leastCertain(context.report.floor, 'estimated');
  }
  const status: Status = { success: false, certain: !estimated, code };
  const bashTakes = flavor !== 'bash' && option.letter === 'o' && setRejection(option, 'bash') === undefined;
  const hint = setHint(flavor, option, bashTakes);
  return { status, failure: { command: ['set', ...words].join(' '), error, hint }, ...(exited ? { exited } : {}) };
}

/** Returns what to do about a rejected `set` option. `bashTakes` is whether bash's `set` takes the option. */
function setHint(flavor: MeasuredShell, option: OptionLetter, bashTakes: boolean): string {
  if (bashTakes) return 'bash has more -o names, such as pipefail. Run the script with bash, or drop the option.';
  // bash's `set` rejects -O as well, so running the script with bash alone does not help.
  if (option.letter === 'O' && flavor === 'bash') return 'bash takes -O only when it starts. Use shopt -s NAME in the script, or drop the option.';
  if (option.letter === 'O') return 'Only bash takes -O, and only when it starts. Run the script with bash -O NAME, or drop the option.';
  return 'Correct the option, or drop it.';
}

/** Applies one option. `guessed` is whether the shell takes it only by the prediction's guess. */
function applyOption(shell: ShellState, { letter, on, name }: OptionLetter, guessed: boolean): void {
  const option = letter === 'o' || letter === '-' ? name : optionOfLetter[letter];
  if (option === 'errexit') shell.errexit = on;
  if (option === 'noglob') shell.noglob = on;
  if (option === 'nounset') shell.nounset = on;
  if (option === 'posix') shell.posix = on;
  if (option === 'pipefail') {
    shell.pipefail = on;
    shell.pipefailGuessed = on && guessed;
  }
}

/** The options named by the letters `e`, `f` and `u`, which `set -o` also takes by name. */
const optionOfLetter: Readonly<Record<string, string>> = { e: 'errexit', f: 'noglob', u: 'nounset' };
