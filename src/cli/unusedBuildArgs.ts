/** Warns of the `--build-arg` names that the build never reads, as `docker build` does. */
import type { Writable } from 'node:stream';
import { unusedBuildArgs } from '../core/analysis/unusedBuildArgs';
import type { PlanOptions } from '../core/dockerfile/plan';
import { writeWarning } from './io';

/**
 * Warns, as `docker build` does, of each `--build-arg` that no ARG of the built stages declares.
 * Returns the number of warnings written (0 or 1), which `explain --fail-on warning` counts.
 */
export function warnOfUnusedBuildArgs(text: string, pairs: readonly string[], planOptions: PlanOptions, stderr: Writable, command: string): number {
  // `parseBuildArgs` has checked each pair: NAME=VALUE, or a NAME alone.
  const names = unusedBuildArgs(text, pairs.map((pair) => pair.split('=')[0]), planOptions);
  if (names.length === 0) return 0;
  const list = names.join(', ');
  const message = names.length === 1
    ? `no ARG of the stages built for the target declares ${list}, so --build-arg ${list} changes nothing. Check the name, or add ARG ${list} to the stage that reads it.`
    : `no ARG of the stages built for the target declares ${list}, so these --build-arg options change nothing. Check the names, or add an ARG for each to the stage that reads it.`;
  writeWarning(stderr, command, message);
  return 1;
}
