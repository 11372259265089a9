/**
 * Names the build arguments behind a line whose recorded text differs from the Dockerfile when
 * the history keeps no value for them. The history records argument values only in front of
 * RUN entries (`|N NAME=value ...`). So an ENV, LABEL or WORKDIR that expands an argument passed
 * with `--build-arg` is recorded with a value that the Dockerfile alone cannot give.
 */
import type { PlannedStep } from '../dockerfile/plan';
import { expandWords, splitWords } from '../dockerfile/words';
import { joinWords } from '../report/format';

/**
 * Returns a sentence that names the build arguments the step at `index` of `chain` reads, with
 * those their defaults read, when no RUN entry records a value for any of them
 * (`recordedNames`). Returns `undefined` for a RUN, whose text builders record unexpanded, and
 * for a line that reads no build argument or only recorded ones.
 */
export function unrecordedArgHint(chain: readonly PlannedStep[], index: number, recordedNames: ReadonlySet<string>): string | undefined {
  const step = chain[index];
  if (step.instruction.keyword === 'RUN') return undefined;
  const defaults = argDefaultsInForce(chain, index);
  const used = argsRead(step.instruction.args, step, defaults);
  if (used.length === 0 || used.some((name) => recordedNames.has(name))) return undefined;
  const single = used.length === 1;
  const options = used.map((name) => `--build-arg ${name}=...`).join(' ');
  return `This line reads the build ${single ? 'argument' : 'arguments'} ${joinWords(used)}, whose ${single ? 'value' : 'values'} the image's history does not record, `
    + `so a value passed at build time may explain the difference. Pass the ${single ? 'value' : 'values'} the image was built with (${options}).`;
}

/**
 * Maps each build argument in force before the step at `index` to its written default (`''`
 * without one). ARG values stay within their stage, and an ENV of the same name replaces one.
 */
function argDefaultsInForce(chain: readonly PlannedStep[], index: number): Map<string, string> {
  const stage = chain[index].stage;
  const defaults = new Map<string, string>();
  for (const step of chain.slice(0, index)) {
    if (step.stage !== stage) continue;
    const keyword = step.instruction.keyword;
    if (keyword !== 'ARG' && keyword !== 'ENV') continue;
    for (const name of step.assigned?.map((item) => item.name) ?? []) {
      if (keyword === 'ENV') defaults.delete(name);
      else defaults.set(name, writtenDefault(step.instruction.args, name));
    }
  }
  return defaults;
}

/** Returns the default an ARG line writes for `name`, or `''` when it writes none. */
function writtenDefault(args: string, name: string): string {
  const word = splitWords(args).find((item) => item.startsWith(`${name}=`));
  return word === undefined ? '' : word.slice(name.length + 1);
}

/**
 * Lists, in the order first read, the build arguments that `text` expands, followed by those that
 * their defaults expand in turn (`ARG FLAVOR=${SUFFIX:-dflt}` makes `${FLAVOR}` read SUFFIX too).
 */
function argsRead(text: string, step: PlannedStep, defaults: ReadonlyMap<string, string>): string[] {
  const found: string[] = [];
  const pending = [text];
  while (pending.length > 0) {
    const next = pending.shift() ?? '';
    expandWords(splitWords(next), (name) => {
      if (defaults.has(name) && !found.includes(name)) {
        found.push(name);
        pending.push(defaults.get(name) ?? '');
      }
      return step.variables.get(name);
    });
  }
  return found;
}
