/** Models of commands that produce text: echo, printf, cat, tee, and sed, which also edits files in place. */
import { addNote, emptyContent, textContent, unknownContent, type CommandContext, type CommandResult, type Status } from '../context';
import { parseOptions } from '../options';
import { newInode, type FileState } from '../view';
import { unknownOperand } from './files';
import { ok, parentReady, status, writeCertainty, writeContent } from './fsOps';
import { failWith } from './toolError';
import { unlistedCondition } from './unlistedSource';

/**
 * `echo`: the arguments joined by spaces, with a newline unless `-n`. Backslash escapes differ
 * between shells (dash expands them, bash and BusyBox ash need `-e`), so output with a backslash
 * is only an estimate.
 */
export function echo(context: CommandContext): CommandResult {
  const args = [...context.args];
  let newline = true;
  while (args.length > 0 && /^-[neE]+$/.test(args[0].value)) {
    if (args[0].value.includes('n')) newline = false;
    args.shift();
  }
  const text = args.map((arg) => arg.value).join(' ') + (newline ? '\n' : '');
  const known = args.every((arg) => arg.known) && !text.includes('\\');
  return { status: { success: true, certain: true }, stdout: textContent(text, known) };
}

/** `printf FORMAT ARGS...`: the format is reused until the arguments run out, as POSIX specifies. */
export function printf(context: CommandContext): CommandResult {
  const [format, ...args] = context.args;
  if (!format) return { status: status(false, true) };
  const known = format.known && args.every((arg) => arg.known);
  const text = formatPrintf(format.value, args.map((arg) => arg.value));
  return { status: ok, stdout: text === null ? unknownContent : textContent(text, known) };
}

/** Formats `%s`, `%d`, `%%` and the common escapes; returns `null` for anything else. */
function formatPrintf(format: string, args: string[]): string | null {
  const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', a: '\x07', b: '\b', f: '\f', v: '\v' };
  let output = '';
  let index = 0;
  do {
    let usedArgument = false;
    for (let i = 0; i < format.length; i++) {
      const char = format[i];
      if (char === '\\' && i + 1 < format.length) {
        const escaped = escapes[format[++i]];
        if (escaped === undefined) return null;
        output += escaped;
      } else if (char === '%' && i + 1 < format.length) {
        const conversion = format[++i];
        if (conversion === '%') output += '%';
        else if (conversion === 's' || conversion === 'd') {
          const value = args[index++] ?? '';
          usedArgument = true;
          output += conversion === 'd' ? String(Number.parseInt(value || '0', 10) || 0) : value;
        } else return null;
      } else output += char;
    }
    if (!usedArgument) break;
  } while (index < args.length);
  return output;
}

/** `cat`: standard input when given no file, else the files' bytes (sizes from the view). */
export function cat(context: CommandContext): CommandResult {
  const files = parseOptions(context.args).operands;
  if (files.length === 0 || (files.length === 1 && files[0].value === '-')) return { status: ok, stdout: context.stdin ?? emptyContent };
  let size: number | null = 0;
  let certain = true;
  for (const file of files) {
    const found = context.view.lookup(context.resolve(file.value));
    if (found.presence === 'no') return { status: failWith(context, file.value, 'No such file or directory'), stdout: emptyContent };
    certain &&= found.presence === 'yes' && file.known && found.state?.certainty === 'exact';
    const fileSize = found.state?.type === 'file' ? found.state.size : null;
    size = size === null || fileSize === null ? null : size + fileSize;
  }
  return { status: status(true, certain), stdout: { text: null, size, known: certain && size !== null } };
}

/** `tee [-a] FILE...`: copies standard input to each file and to standard output. */
export function tee(context: CommandContext): CommandResult {
  const parsed = parseOptions(context.args);
  const append = parsed.options.has('a') || parsed.options.has('append');
  const input = context.stdin ?? emptyContent;
  let success = true;
  let certain = true;
  for (const file of parsed.operands) {
    if (!file.known) {
      unknownOperand(context, file.value);
      continue;
    }
    if (file.value === '/dev/null') continue;
    const written = writeContent(context, context.resolve(file.value), input, append);
    success &&= written.success;
    certain &&= written.certain;
  }
  return { status: { success, certain }, stdout: input };
}

/**
 * `sed`: prints the edited text, or with `-i` rewrites files in place, so each is stored again
 * with a size this cannot know. A missing file fails the command after sed has handled the
 * others, as GNU sed 4.9 and BusyBox 1.35 do, with or without `-i`.
 */
export function sed(context: CommandContext): CommandResult {
  const inPlace = context.args.some((arg) => /^(-i|--in-place)/.test(arg.value) || /^-[a-zA-Z]*i/.test(arg.value));
  // GNU sed's `-l N` sets the line length of the `l` command; BusyBox sed has no such option.
  const parsed = parseOptions(context.args, { valued: 'efl', longValued: ['expression', 'file', 'line-length'] });
  const hasScriptOption = parsed.options.has('e') || parsed.options.has('expression') || parsed.options.has('f');
  const files = hasScriptOption ? parsed.operands : parsed.operands.slice(1);
  // The script itself may be invalid, so success is never certain, but a missing file is a certain failure.
  let result = status(true, false);
  for (const file of files) {
    if (!file.known) {
      if (inPlace) unknownOperand(context, file.value);
      continue;
    }
    if (!inPlace && file.value === '-') continue;
    const path = context.resolve(file.value);
    const handled = inPlace ? editInPlace(context, path, file.value) : readInput(context, path, file.value);
    if (!handled.success) result = handled;
  }
  if (!inPlace) return { status: result, stdout: unknownContent };
  // A missing file fails the step, which then builds no layer whose sizes the note could explain.
  // NOTE: a RUN that goes on after the failure (`sed -i ... || true`) keeps the other edited files as estimates without this note.
  if (result.success || !result.certain) addNote(context.report, 'sed -i rewrites files in place; their new sizes are not predicted.');
  return { status: result };
}

/** Checks an input file of sed without `-i`: a missing one fails the command. */
function readInput(context: CommandContext, path: string, written: string): Status {
  return context.view.lookup(path).presence === 'no' ? failWith(context, written, 'No such file or directory') : ok;
}

/** Stores the file at `path` again as `sed -i` rewrites it. `written` is the operand as the command line gives it. */
function editInPlace(context: CommandContext, path: string, written: string): Status {
  const view = context.view;
  const found = view.lookup(path);
  if (found.presence === 'no') return failWith(context, written, 'No such file or directory');
  if (found.presence === 'maybe') return editUnlisted(context, path);
  const state = view.copyUp(path) as FileState | undefined;
  if (!state) return ok;
  view.metadataOnly.delete(path);
  view.write(path, { ...state, size: null, certainty: writeCertainty(context, path, 'noted'), origin: { kind: 'parent' } });
  return ok;
}

/**
 * Edits a file that the prediction cannot see but an earlier layer may hold. If it is there, the
 * layer stores it again with a size, owner and mode this prediction does not know, and if not,
 * sed fails.
 */
function editUnlisted(context: CommandContext, path: string): Status {
  const view = context.view;
  addNote(context.report, `sed -i: ${path} is not among the predicted files; ${unlistedCondition(view, path)}, this RUN stores it again.`);
  context.report.floor = 'unknown';
  if (parentReady(view, path) === 'no') return status(false, false);
  view.write(path, { type: 'file', size: null, mode: null, uid: null, gid: null, certainty: 'unknown', origin: { kind: 'parent' }, inode: newInode() });
  return status(true, false);
}
