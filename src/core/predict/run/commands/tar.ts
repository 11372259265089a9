/**
 * `tar` in create mode (`-c`, `c`, `--create`): writes the archive that `-f` or `--file` names, or
 * standard output without it. The archive's size depends on the bytes and metadata of every
 * member and, for `-z`, `-j` or `-J`, on the compressor's output, so it is never predicted.
 * Option forms checked against BusyBox 1.35 tar and GNU tar 1.34.
 */
import { addNote, unknownBinaryContent, unknownContent, type CommandContext, type CommandResult, type Status } from '../context';
import type { Field } from '../expand';
import { hasOption, optionValue, parseOptions, type ParsedOptions } from '../options';
import { unknownOperand } from './files';
import { writeContent } from './fsOps';
import { writeFailure } from './shellError';
import { failWithText, type ErrorReason } from './toolError';
import { toolFlavor } from './toolFlavor';

/** Short options of GNU tar 1.34 that take a value; BusyBox tar has a subset of them. */
const valuedLetters = 'bCfFgHIKLNTVX';

/** Long options of GNU tar 1.34 whose value may be the next argument (`--file F`). */
const valuedLong = [
  'file', 'directory', 'files-from', 'exclude-from', 'exclude', 'blocking-factor', 'record-size', 'format', 'label',
  'newer', 'after-date', 'newer-mtime', 'use-compress-program', 'transform', 'xform', 'owner', 'group', 'mode', 'mtime',
  'owner-map', 'group-map', 'listed-incremental', 'level', 'tape-length', 'starting-file', 'info-script',
  'new-volume-script', 'volno-file', 'rsh-command', 'rmt-command', 'suffix', 'to-command', 'checkpoint-action',
  'index-file', 'sort', 'quoting-style', 'quote-chars', 'no-quote-chars', 'strip-components', 'hole-detection',
  'warning', 'add-file', 'exclude-tag', 'exclude-tag-all', 'exclude-tag-under', 'exclude-ignore',
  'exclude-ignore-recursive', 'xattrs-include', 'xattrs-exclude',
];

/** Stands in for an argument whose value is not known, followed by its index, so that option parsing cannot mistake it for an option. */
const unknownMark = '\u0000';

export function tar(context: CommandContext): CommandResult {
  const args = expandOldStyle(context.args);
  const unknownOption = args?.find((arg) => !arg.known && arg.value.startsWith('-'));
  if (!args || unknownOption) return notModelled(context);
  const marked = args.map((arg, index) => (arg.known ? arg : { value: `${unknownMark}${index}`, known: false }));
  const parsed = parseOptions(marked, { valued: valuedLetters, longValued: valuedLong });
  if (hasOption(parsed, 't', 'list')) return { status: { success: true, certain: false }, stdout: unknownContent };
  if (!hasOption(parsed, 'c', 'create')) return notModelled(context);
  if (hasOption(parsed, 'remove-files')) {
    addNote(context.report, 'tar --remove-files deletes the files it archives, which this prediction does not follow; the layer may differ from what is listed.');
    context.report.floor = 'unknown';
  }
  const sources = readSources(context, parsed);
  const archive = optionValue(parsed, 'f', 'file');
  if (archive === undefined || archive === '-') return { status: sources, stdout: unknownBinaryContent };
  if (archive.startsWith(unknownMark)) {
    unknownOperand(context, args[Number(archive.slice(1))].value);
    return { status: { success: sources.success, certain: false } };
  }
  // tar opens the archive before it follows any -C, so the path is relative to the current folder.
  const path = context.resolve(archive);
  if (path.startsWith('/dev/')) return { status: sources };
  const written = writeContent(context, path, unknownBinaryContent, false);
  if (!written.success) {
    const reason = written.certain ? writeFailure(context.view, path) : undefined;
    return { status: reason ? openFailure(context, archive, reason) : written };
  }
  return { status: { success: sources.success, certain: sources.certain && written.certain } };
}

/**
 * Rewrites the old option style (`tar czf F dir`), in which a first argument without a dash contains
 * option letters and each letter that takes a value takes the next argument in turn. Returns
 * `undefined` when that first argument is not known.
 */
function expandOldStyle(args: Field[]): Field[] | undefined {
  const [first, ...rest] = args;
  if (!first || first.value.startsWith('-')) return args;
  if (!first.known) return undefined;
  const expanded: Field[] = [];
  for (const letter of first.value) {
    expanded.push({ value: `-${letter}`, known: true });
    const value = valuedLetters.includes(letter) ? rest.shift() : undefined;
    if (value) expanded.push(value);
  }
  return [...expanded, ...rest];
}

/**
 * Returns tar's exit status as far as its members decide it: a listed member that does not exist
 * fails the command, and members the prediction cannot see make the status a guess.
 */
function readSources(context: CommandContext, parsed: ParsedOptions): Status {
  // -C moves later members to another folder, and -T reads them from a file.
  if (hasOption(parsed, 'C', 'directory', 'T', 'files-from')) return { success: true, certain: false };
  let certain = true;
  for (const member of parsed.operands) {
    if (!member.known) {
      certain = false;
      continue;
    }
    const presence = context.view.lookup(context.resolve(member.value)).presence;
    if (presence === 'no') return missingMember(context, member.value);
    certain &&= presence === 'yes';
  }
  return { success: true, certain };
}

/** Records tar's error for an archive it cannot open, worded as BusyBox 1.35 and GNU tar 1.34 print it. */
function openFailure(context: CommandContext, archive: string, reason: ErrorReason): Status {
  const flavor = toolFlavor(context);
  if (flavor === 'busybox') return failWithText(context, `can't open '${archive}': ${reason}`);
  if (flavor === 'gnu') return failWithText(context, `${archive}: Cannot open: ${reason}`);
  return failWithText(context, `${archive}: ${reason}`);
}

/** Records tar's error for a member that does not exist. Both tools still write the archive, but exit non-zero. */
function missingMember(context: CommandContext, member: string): Status {
  const reason = 'No such file or directory';
  if (toolFlavor(context) === 'gnu') return failWithText(context, `${member}: Cannot stat: ${reason}`);
  return failWithText(context, `${member}: ${reason}`);
}

function notModelled(context: CommandContext): CommandResult {
  addNote(context.report, '"tar" is modelled only when it creates an archive (-c) and its options are known, so what it writes here is unknown; the layer may hold more than is listed.');
  context.report.floor = 'unknown';
  return { status: { success: true, certain: false }, stdout: unknownContent };
}
