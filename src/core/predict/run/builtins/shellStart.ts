/** Start options that make a shell exit before its script runs, and those whose effect on a shell of unknown kind is a guess. */
import { leastCertain, type Certainty } from '../../../model/layer';
import { addNote, emptyContent, unknownContent, type Status } from '../context';
import { possibleShells } from '../optionNames';
import { missingScriptError, optionLetters, rejectedOption, unknownShellNote } from '../shellOptions';
import type { BuiltinContext, DispatchResult } from './context';
import { isGuessedOption } from './set';

/**
 * Returns the result of a shell, started as `context.program` with `options`, that exits before
 * its script runs, or `undefined` where the script runs. Either the shell rejects one of the
 * options (see `rejectedOption`), or `-c` has no script after the options (`scriptMissing`).
 * Then dash 0.5.12, bash 5.2.15 and BusyBox 1.35 ash each exit with status 2, except where
 * `rejectedOption` gives another status. A lone `-o` or `-O` first prints the option settings
 * (`sh -c -o`), whose text differs between the shells. `written` is the command that starts the
 * shell, up to its script, as the user wrote it or the builder runs it. The failure quotes it,
 * `-c` included (`sh -c -o`), so that an error about `-c` names it. It defaults to the program
 * and `options`.
 */
export function rejectedStart(context: BuiltinContext, options: readonly string[], scriptMissing: boolean, reach: Certainty, written?: readonly string[]): DispatchResult | undefined {
  const flavor = context.flavor();
  const shell = context.program;
  const rejected = rejectedOption(options, flavor, shell);
  if (rejected === undefined && !scriptMissing) return undefined;
  const listsSettings = optionLetters(options).some((option) => option.name === undefined && (option.letter === 'o' || option.letter === 'O'));
  const stdout = listsSettings ? unknownContent : emptyContent;
  const command = (written ?? [shell, ...options]).join(' ');
  if (rejected?.code === 0) {
    const printed = rejected.output ?? `"${rejected.error}"`;
    addNote(context.report, `"${command}" prints ${printed} and exits with status 0 without running its script, so the script changes nothing.`);
    if (rejected.estimated) {
      addNote(context.report, `Debian's BusyBox 1.35 lacks that option, but BusyBox's build configuration decides its option names, so what follows "${command}" is estimated.`);
      context.report.floor = leastCertain(context.report.floor, 'estimated');
    }
    // The help and version texts differ between bash releases.
    return { status: { success: true, certain: reach === 'exact' && !rejected.estimated, code: 0 }, stdout: rejected.output === undefined ? stdout : unknownContent };
  }
  const known = flavor !== 'unknown';
  const status: Status = { success: false, certain: known && reach === 'exact', code: rejected?.code ?? (known ? 2 : null) };
  if (rejected === undefined) {
    const hint = 'The -c option takes the first word after the options as the script, and none follows.';
    return { status, failure: { command, error: missingScriptError(flavor, shell), hint }, stdout };
  }
  let hint = 'Correct the option, or drop it.';
  if (rejected.bashTakes) hint = 'bash has -O and more -o names, such as pipefail. Run the script with bash, or drop the option.';
  return { status, failure: { command, error: rejected.error, hint }, stdout };
}

/**
 * Notes the start options of a shell of unknown kind that it takes only by the prediction's guess
 * (`sh -o pipefail -c`, see `isGuessedOption`), and marks what follows as estimated, because such
 * a shell may reject them and exit. Returns whether there were any. `written` is as for
 * `rejectedStart`.
 */
export function guessedStart(context: BuiltinContext, options: readonly string[], written?: readonly string[]): boolean {
  if (context.flavor() !== 'unknown') return false;
  const doubtful = optionLetters(options, true).filter((option) => isGuessedOption(option, 'unknown', context.program, true));
  if (doubtful.length === 0) return false;
  const command = (written ?? [context.program, ...options]).join(' ');
  addNote(context.report, unknownShellNote(`"${command}" starts a shell of unknown kind`, doubtful, possibleShells(context.program)));
  context.report.floor = leastCertain(context.report.floor, 'estimated');
  return true;
}
