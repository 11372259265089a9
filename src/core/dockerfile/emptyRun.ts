/**
 * The builders' errors for an exec-form RUN with no program to start: `RUN []`, or `RUN [""]`
 * whose program is an empty string. Seen in real builds with Docker Engine 20.10's classic
 * builder and buildah 1.28.2 on a BusyBox base, and read from BuildKit's source (its LLB
 * `ExecOp.Validate` rejects a process with no arguments).
 *
 * A shell-form RUN with no command (`RUN`, or `RUN --mount=...` alone) is the predictor's case,
 * because what fails there is the image's shell (see `scriptlessShell` in `predict/run/emptyCommand`).
 */
import type { BuilderKind } from './builders';
import type { ParsedInstruction } from './parse';

/**
 * An error of an empty exec form, with the time the builder finds it: `step` when the build
 * reaches the step, `convert` while BuildKit converts the stages the target needs to LLB.
 */
export interface EmptyExecError {
  time: 'step' | 'convert';
  message: string;
}

const emptyFormFix = 'Write the program and its arguments in the brackets, or remove the line.';

/** Returns whether a RUN is in shell form with no command: no text after its flags and no heredoc. */
export function hasNoCommand(instruction: ParsedInstruction): boolean {
  return instruction.keyword === 'RUN' && instruction.json === null && instruction.heredocs.length === 0 && instruction.args.trim() === '';
}

/** Returns whether `json`, a RUN's exec form or `null` for the shell form, names no program to start. */
export function hasNoProgram(json: readonly string[] | null): boolean {
  return json !== null && (json.length === 0 || json[0] === '');
}

/** Returns the builder's error for an exec form `json` with no program to start, or `undefined` for any other RUN. */
export function emptyExecError(builder: BuilderKind, json: readonly string[] | null): EmptyExecError | undefined {
  if (json === null || !hasNoProgram(json)) return undefined;
  if (json.length === 0) return noArguments(builder);
  return { time: 'step', message: `The exec form's program is an empty string, so ${emptyProgramFailure(builder)}. ${emptyFormFix}` };
}

/** Returns the error for `RUN []`, which gives the builder no arguments at all. */
function noArguments(builder: BuilderKind): EmptyExecError {
  switch (builder) {
    case 'buildkit':
      return { time: 'convert', message: `The exec form is empty, so BuildKit has no process to run ("arguments are required"). ${emptyFormFix}` };
    case 'classic':
      return { time: 'step', message: `The exec form is empty, so the classic builder starts no container for it ("No command specified"). ${emptyFormFix}` };
    case 'buildah':
      return { time: 'step', message: `The exec form is empty, and buildah 1.28 crashes on it with exit status 2 ("panic: runtime error: slice bounds out of range [1:0]"). ${emptyFormFix}` };
  }
}

/** Returns how the builder fails to start a program named by an empty string. */
function emptyProgramFailure(builder: BuilderKind): string {
  switch (builder) {
    case 'classic':
      return 'the runtime cannot start it (runc: \'exec: "": executable file not found in $PATH\')';
    case 'buildah':
      return 'buildah cannot start it ("exec: no command")';
    case 'buildkit':
      // NOTE: not seen in a real BuildKit build, so its message is not quoted. Its runtime, runc, has no program to start either.
      return 'the runtime cannot start it';
  }
}
