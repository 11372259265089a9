/**
 * A shell-form RUN with no command: `RUN`, `RUN` followed by spaces, or `RUN --mount=...` alone.
 * The builders agree on the parse (none rejects the Dockerfile) but not on what they start.
 * Docker Engine 20.10's classic builder and buildah 1.28.2 append no script to the SHELL's words,
 * so a real build of `RUN` on a BusyBox base started `/bin/sh -c` and failed with
 * "/bin/sh: -c requires an argument" and status 2. BuildKit always appends the command line,
 * here an empty one (`/bin/sh -c ""`, see `withShell` in its dockerfile2llb), which succeeds and
 * changes nothing.
 */
import type { BuilderKind } from '../../dockerfile/builders';
import { hasNoCommand } from '../../dockerfile/emptyRun';
import type { PlannedStep } from '../../dockerfile/plan';
import type { ShellFlavor } from './commands/shellError';
import { scriptFlagIndex, scriptIndex, shellInForce } from './script';
import { missingScriptError } from './shellOptions';

/**
 * Returns the shell words that the builder starts for a RUN with no command, when its `-c`
 * option is then left without a script (`["/bin/sh", "-c"]`), or `undefined` for any other RUN.
 * `chain` contains the steps before the RUN, in build order.
 */
export function scriptlessShell(step: PlannedStep, chain: readonly PlannedStep[], builder: BuilderKind): string[] | undefined {
  if (builder === 'buildkit' || !hasNoCommand(step.instruction)) return undefined;
  // The classic builder rejects every RUN flag before it starts the shell, and the plan reports that.
  if (builder === 'classic' && step.instruction.flags.length > 0) return undefined;
  const words = shellInForce(chain);
  const flag = scriptFlagIndex(words);
  return flag > 0 && scriptIndex(words, flag) >= words.length ? words : undefined;
}

/**
 * Builds the error of a RUN whose shell, started as `shell` with the words `words`, gets no
 * script after `-c`. dash 0.5.12, bash 5.2.15 and BusyBox 1.35 ash exit with status 2 and print
 * their message (see `missingScriptError`). The message and status of another shell are not known.
 */
export function scriptlessShellMessage(words: readonly string[], shell: string, flavor: ShellFlavor, builder: BuilderKind): string {
  const builderName = builder === 'classic' ? 'the classic builder' : 'buildah';
  const printed = missingScriptError(flavor, shell);
  const exit = printed === undefined ? 'the shell exits with an error' : `the shell exits with status 2 (${printed})`;
  return `This RUN has no command, and ${builderName} adds no script after the SHELL's words, so it starts "${words.join(' ')}" with nothing after -c. Then ${exit}, and the build fails on this line. BuildKit runs an empty script here instead. Write the command after RUN, or remove the line.`;
}
