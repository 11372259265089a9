/**
 * The working directory of each instruction, as the Dockerfile's text alone shows it. A
 * quick fix reads the text but not the base images, so a stage on an outside image has a known
 * folder only from its first absolute WORKDIR on.
 */
import type { ParsedInstruction } from '../../dockerfile/parse';
import { joinImagePath } from '../../model/paths';
import { isPlainAbsolute, resolvePath } from './cleanupCrossing';

/** Maps each instruction to the folder it runs in, or to `undefined` where the text does not show it. */
export function textWorkdirs(instructions: readonly ParsedInstruction[]): Map<ParsedInstruction, string | undefined> {
  const workdirs = new Map<ParsedInstruction, string | undefined>();
  // A stage built on an earlier stage starts in that stage's last folder; names and indexes both refer to it.
  const stageEnds = new Map<string, string | undefined>();
  let names: string[] = [];
  let current: string | undefined;
  let stages = 0;
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      for (const name of names) stageEnds.set(name, current);
      const words = instruction.args.trim().split(/\s+/).map((word) => word.toLowerCase());
      current = stageEnds.get(words[0] ?? '');
      names = [String(stages++), ...(words[1] === 'as' && words[2] ? [words[2]] : [])];
    }
    workdirs.set(instruction, current);
    if (instruction.keyword === 'WORKDIR') {
      const path = resolvePath(instruction.args.trim(), current);
      current = isPlainAbsolute(path) ? joinImagePath('/', path) : undefined;
    }
  }
  return workdirs;
}
