/**
 * The options a RUN's shell starts with, given by the words before its script (`SHELL ["/bin/sh",
 * "-ec"]`): the interpreter applies them as `set` would, so `-e` stops the script at a failure.
 */
import type { PlannedStep } from '../../dockerfile/plan';
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
