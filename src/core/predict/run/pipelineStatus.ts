/** The exit status of a pipeline, with or without `set -o pipefail`. */
import type { ShellFlavor } from './commands/shellError';
import { statusCode, type Failure, type ShellState, type Status } from './context';

/**
 * Marks bash's PIPESTATUS array, the statuses of the commands of the last pipeline, as unknown in
 * a shell of `flavor` that may be bash, because the prediction does not follow it. bash 5.2.15
 * sets it after each pipeline, a lone command included (`false | true; echo $PIPESTATUS`
 * printed 1), but dash 0.5.12 and BusyBox 1.35 ash leave it unset.
 */
export function startPipeStatus(shell: ShellState, flavor: ShellFlavor): void {
  if (flavor === 'dash' || flavor === 'busybox') return;
  shell.unknownVariables.add('PIPESTATUS');
}

/** The status of one command of a pipeline, with the command that failed where one did. */
export interface PipelinePart {
  status: Status;
  failure?: Failure;
}

/**
 * Returns a pipeline's status under pipefail: that of its last command that failed, or success
 * where none failed. bash 5.2.15 and BusyBox 1.35 ash both gave 5 for `(exit 3) | (exit 5) | true`
 * and 3 for `(exit 3) | true`. The status is known only where the statuses of that command and of
 * every command after it are known. A command that surely failed still makes the pipeline fail
 * surely, but where a later command's status is a guess, the number is unknown.
 */
export function pipefailStatus(parts: readonly PipelinePart[]): PipelinePart {
  const decided = findLastIndex(parts, (part) => !part.status.success);
  const certain = parts.slice(Math.max(decided, 0)).every((part) => part.status.certain);
  if (certain && decided < 0) return { status: { success: true, certain: true, code: 0 } };
  if (certain) return parts[decided];
  const surelyFailed = findLastIndex(parts, (part) => !part.status.success && part.status.certain);
  if (surelyFailed >= 0) return { status: { success: false, certain: true, code: null }, failure: parts[surelyFailed].failure };
  return { status: { success: decided < 0, certain: false } };
}

/**
 * Returns a pipeline's status: under pipefail as `pipefailStatus` gives it, else its last
 * command's. Where pipefail is `guessed` (turned on in a shell that may lack it), the status is
 * taken under pipefail but is a guess wherever the two rules give different statuses.
 */
export function pipelineStatus(parts: readonly PipelinePart[], pipefail: boolean, guessed: boolean): PipelinePart {
  const last = parts[parts.length - 1] ?? { status: { success: true, certain: true, code: 0 } };
  if (!pipefail) return last;
  const failed = pipefailStatus(parts);
  if (!guessed || sameStatus(failed.status, last.status)) return failed;
  return { ...failed, status: { ...failed.status, certain: false } };
}

/** Returns whether two statuses are both certain and equal. */
function sameStatus(a: Status, b: Status): boolean {
  return a.certain && b.certain && a.success === b.success && statusCode(a) === statusCode(b);
}

function findLastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) {
    if (test(items[i])) return i;
  }
  return -1;
}
