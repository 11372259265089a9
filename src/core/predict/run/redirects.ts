/**
 * The files a command's redirects open: the shell opens them in order before the command runs,
 * reads standard input from `<`, a heredoc or a here-string, and writes the command's output to
 * the files that `>`, `>>` and `2>` name.
 */
import type { Certainty } from '../../model/layer';
import { joinImagePath } from '../../model/paths';
import type { CompoundSource, Redirect, Word } from './ast';
import type { BuiltinContext } from './builtins/context';
import { success } from './builtins/context';
import { followLink, writeContent } from './commands/fsOps';
import { inputRedirectError, missingInput, openFailure, redirectError, writeFailure } from './commands/shellError';
import type { ErrorReason } from './commands/toolError';
import { addNote, emptyContent, textContent, unknownContent, type CommandContext, type Content, type Status } from './context';
import { expandSingle, type ExpandEnvironment, type Field } from './expand';

/** The parts of the running shell that a command's redirects read and write. */
export interface RedirectContext extends BuiltinContext {
  /** The destination of standard output that no redirect takes: a capture, or `null` for the build log. */
  capture: Content[] | null;
  environment(): ExpandEnvironment;
  /** Builds the context of the shell's own write to a redirect's file, in a command that runs with `reach`. */
  writerContext(reach: Certainty): CommandContext;
}

/**
 * Returns the shell's error for the first redirect whose file it surely cannot open (an output
 * file's folder or an input file missing), or `undefined` when each may open. The shell opens
 * redirects in order before it runs the command, so the files of the output redirects before the
 * failing one are still created (and truncated by `>`). When all open, `>` empties each existing
 * file before the command runs, so `cat f > f` reads nothing.
 */
export function openRedirectFiles(context: RedirectContext, redirects: Redirect[], reach: Certainty, lines: ScriptLines | undefined): { error: string | undefined } | undefined {
  const opened: Array<{ target: Field; append: boolean }> = [];
  for (const redirect of redirects) {
    const input = isInputFile(redirect);
    if ((!input && !isOutputFile(redirect)) || !redirect.target) continue;
    const target = expandSingle(redirect.target, context.environment());
    if (isDevice(target.value) || !target.known) continue;
    const path = joinImagePath(context.shell.cwd, target.value);
    const reason = input ? missingInput(context.view, path) : openFailure(context.view, path);
    if (reason === undefined) {
      if (!input) opened.push({ target, append: redirect.operator.endsWith('>>') });
      continue;
    }
    for (const { target: earlier, append } of opened) writeRedirect(context, earlier, emptyContent, append, reach, lines);
    return { error: redirectErrorText(context, target.value, reason, lines, input) };
  }
  // NOTE: a new file appears only after the command runs, so `ls > list` leaves out list, which the shell has made.
  for (const { target, append } of opened) {
    if (append || !target.known) continue;
    const found = context.view.lookup(followLink(context.view, joinImagePath(context.shell.cwd, target.value)));
    if (found.presence === 'yes' && found.state?.type === 'file') writeRedirect(context, target, emptyContent, false, reach, lines);
  }
  return undefined;
}

/** Standard input from `<`, a heredoc or a here-string, when the redirects give one. */
export function inputFrom(context: RedirectContext, redirects: Redirect[]): Content | null {
  let input: Content | null = null;
  for (const redirect of redirects) {
    if (redirect.heredoc) {
      const body = expandSingle(redirect.heredoc.body, context.environment(), 'none');
      input = textContent(body.value, body.known);
    } else if (redirect.operator === '<<<' && redirect.target) {
      const word = expandSingle(redirect.target, context.environment());
      input = textContent(word.value + '\n', word.known);
    } else if (redirect.operator === '<' && redirect.target) {
      const found = context.view.lookup(joinImagePath(context.shell.cwd, expandSingle(redirect.target, context.environment()).value));
      input = found.state?.type === 'file' ? { text: null, size: found.state.size, known: found.state.size !== null } : unknownContent;
    }
  }
  return input;
}

/**
 * Sends output to the files its redirects name, or on to the capture or the build log. `lines`
 * places the redirecting command in its script, for the shell's error.
 */
export function routeOutput(context: RedirectContext, redirects: Redirect[], output: Content, reach: Certainty, lines?: ScriptLines): Status {
  let toStdout = true;
  let status: Status = success;
  for (const redirect of redirects) {
    if (!isOutputFile(redirect)) continue;
    const target = expandSingle(redirect.target, context.environment());
    if (isDevice(target.value)) {
      if (redirect.descriptor === null || redirect.descriptor === 1) toStdout = false;
      continue;
    }
    const forStdout = redirect.descriptor === null || redirect.descriptor === 1 || redirect.operator.startsWith('&');
    const append = redirect.operator.endsWith('>>');
    const content = forStdout ? output : { text: null, size: null, known: false };
    const written = writeRedirect(context, target, content, append, reach, lines);
    if (!written.success) status = written;
    if (forStdout) toStdout = false;
  }
  if (toStdout && context.capture) context.capture.push(output);
  return status;
}

/** Writes a redirect's output to its file; `lines` places the redirecting command, for the shell's error. */
function writeRedirect(context: RedirectContext, target: Field, content: Content, append: boolean, reach: Certainty, lines: ScriptLines | undefined): Status {
  if (!target.known) {
    addNote(context.report, `Output goes to "${target.value}", a path this prediction cannot know.`);
    context.report.floor = 'unknown';
    return { success: true, certain: false };
  }
  const path = joinImagePath(context.shell.cwd, target.value);
  const written = writeContent(context.writerContext(reach), path, content, append);
  const reason = written.success || !written.certain ? undefined : writeFailure(context.view, path);
  if (reason !== undefined) context.report.commandError = redirectErrorText(context, target.value, reason, lines);
  return written;
}

/**
 * Returns the error the running shell prints when it cannot open `target`, for writing or, with
 * `input`, for reading. dash prints the line a command starts on, bash the line of its last redirect.
 */
function redirectErrorText(context: RedirectContext, target: string, reason: ErrorReason, lines: ScriptLines | undefined, input = false): string | undefined {
  const flavor = context.flavor();
  const line = lines && (flavor === 'bash' ? lines.endLine : lines.line);
  return (input ? inputRedirectError : redirectError)(context.program, flavor, target, reason, line);
}

/** The lines of a command in its script: where it starts and where its last redirect ends. */
export type ScriptLines = Pick<CompoundSource, 'line' | 'endLine'>;


/** Returns whether a redirect sends a descriptor to a file named by its target (`>`, `>>`, `2>`, `&>`). */
function isOutputFile(redirect: Redirect): redirect is Redirect & { target: Word } {
  if (redirect.heredoc || !redirect.target || redirect.operator.startsWith('<')) return false;
  return redirect.operator !== '>&' && redirect.operator !== '<&' && redirect.operator !== '>&-';
}

/** Returns whether a redirect reads standard input from a file named by its target (`<`). */
function isInputFile(redirect: Redirect): boolean {
  return redirect.operator === '<' && !redirect.heredoc && redirect.target !== null;
}

/** Returns whether a redirect target is one of the devices that the model writes nothing to, as output sent there never reaches the layer. */
function isDevice(path: string): boolean {
  return /^\/dev\/(null|stdout|stderr|tty)$/.test(path);
}
