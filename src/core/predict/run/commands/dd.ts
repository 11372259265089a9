/**
 * `dd`: copies `if=` (standard input without it) to `of=` (standard output without it) in blocks.
 * The output's size is known only for a fixed number of blocks read from /dev/zero or
 * /dev/urandom, whose reads return whole blocks up to a limit. It is also known for a regular file
 * of known size, whose reads return whole blocks until its end.
 */
import { emptyContent, unknownContent, type CommandContext, type CommandResult, type Content, type Status } from '../context';
import type { Field } from '../expand';
import { unknownOperand } from './files';
import { followLink, writeContent } from './fsOps';
import { writeFailure } from './shellError';
import { failWithText, type ErrorReason } from './toolError';
import { toolFlavor } from './toolFlavor';

/**
 * Block-size suffixes that both BusyBox 1.35 dd and GNU dd 9.1 accept, as multipliers, checked
 * on both by the size of what `bs=1<suffix> count=1` wrote. GNU dd also takes `KiB`, `MiB`,
 * `2x512`, `B` and larger units, which BusyBox rejects, so those give an unknown size here.
 */
const sizeSuffixes: Record<string, number> = {
  '': 1, c: 1, w: 2, b: 512,
  k: 1024, K: 1024, kB: 1000, KB: 1000, kD: 1000, KD: 1000,
  M: 1024 ** 2, MB: 1000 ** 2, MD: 1000 ** 2,
  G: 1024 ** 3, GB: 1000 ** 3, GD: 1000 ** 3,
};

/** The block size of both dd implementations when no `bs=` or `ibs=` is given. */
const defaultBlockSize = 512;

/** Operands whose effect on the output's size is modelled; any other (`seek=`, `conv=notrunc`...) makes its size unknown. */
const plainOperands = new Set(['if', 'of', 'bs', 'ibs', 'obs', 'count', 'skip', 'status', 'iflag']);

/**
 * random(4) in man-pages 6.03: "Since Linux 3.16, a read(2) from /dev/urandom will return at most
 * 32 MB", so a larger block may come back short and the output be smaller than bs × count. The
 * limit is taken at 32,000,000 bytes, the lower reading of "32 MB".
 */
const maxFullRandomRead = 32_000_000;

export function dd(context: CommandContext): CommandResult {
  const operands = new Map<string, Field>();
  for (const arg of context.args) {
    const equals = arg.value.indexOf('=');
    if (equals > 0) operands.set(arg.value.slice(0, equals), { value: arg.value.slice(equals + 1), known: arg.known });
  }
  const input = operands.get('if');
  const inputPresence = input ? presenceOf(context, input) : 'yes';
  if (input && inputPresence === 'no') return { status: openFailure(context, input.value, 'No such file or directory') };
  // dd copies bytes, which need not be text.
  const content: Content = { ...copiedContent(context, operands), binary: true };
  const output = operands.get('of');
  if (!output) return { status: { success: true, certain: inputPresence === 'yes' }, stdout: content };
  if (!output.known) {
    unknownOperand(context, output.value);
    return { status: { success: true, certain: false } };
  }
  const path = context.resolve(output.value);
  // A device such as /dev/null takes the bytes, and the layer gets no file.
  if (path.startsWith('/dev/')) return { status: { success: true, certain: inputPresence === 'yes' } };
  const written = writeContent(context, path, content, false);
  if (written.success || !written.certain) return { status: { success: written.success, certain: written.certain && inputPresence === 'yes' } };
  const reason = writeFailure(context.view, path);
  return { status: reason ? openFailure(context, output.value, reason) : written };
}

/** Returns whether dd's input exists. The build's container provides /dev, which image layers do not list. */
function presenceOf(context: CommandContext, input: Field): 'yes' | 'no' | 'maybe' {
  if (!input.known) return 'maybe';
  const path = context.resolve(input.value);
  return path.startsWith('/dev/') ? 'yes' : context.view.lookup(path).presence;
}

/**
 * Returns what dd copies: a known size for whole blocks of /dev/zero or /dev/urandom or for a
 * regular file of known size, else unknown bytes.
 */
function copiedContent(context: CommandContext, operands: Map<string, Field>): Content {
  const input = operands.get('if');
  if (!input?.known) return unknownContent;
  if ([...operands.keys()].some((key) => !plainOperands.has(key))) return unknownContent;
  // `iflag=count_bytes` and `iflag=skip_bytes` count bytes, not blocks.
  const inputFlags = operands.get('iflag');
  if (inputFlags && inputFlags.value !== 'fullblock') return unknownContent;
  // BusyBox takes the last of `bs=` and `ibs=`, GNU dd always `bs=`, so together they give no size.
  if (operands.has('bs') && operands.has('ibs')) return unknownContent;
  const blockField = operands.get('bs') ?? operands.get('ibs');
  const blockSize = blockField ? parseSize(blockField) : defaultBlockSize;
  const count = operands.get('count');
  const blocks = count ? parseSize(count) : undefined;
  const skip = operands.get('skip');
  const skipped = skip ? parseSize(skip) : 0;
  if (blockSize === null || blocks === null || skipped === null) return unknownContent;
  const path = context.resolve(input.value);
  if (path === '/dev/zero' || path === '/dev/urandom') return deviceContent(path, blockSize, blocks, inputFlags?.value === 'fullblock');
  // NOTE: /dev/random is left out, because random(4) in man-pages 6.03 states that one read of it returns at most 512 bytes.
  // The build's container provides /dev, so no layer lists its other files or their sizes.
  if (path.startsWith('/dev/')) return unknownContent;
  const output = operands.get('of');
  const outputPath = output?.known ? context.resolve(output.value) : undefined;
  return fileContent(context, path, outputPath, blockSize * skipped, blocks === undefined ? undefined : blockSize * blocks);
}

/**
 * Returns what dd copies from /dev/zero or /dev/urandom: `blocks` whole blocks. The size is an
 * estimate when one read of /dev/urandom may return less than a block.
 */
function deviceContent(device: string, blockSize: number, blocks: number | undefined, fullBlocks: boolean): Content {
  // Without `count=` dd reads these endless devices until the disk is full.
  if (blocks === undefined) return unknownContent;
  const short = device === '/dev/urandom' && blockSize > maxFullRandomRead && !fullBlocks;
  return { text: null, size: blockSize * blocks, known: !short };
}

/**
 * Returns what dd copies from the file at `path` to `output`: its bytes after the first
 * `skipBytes`, at most `maxBytes` of them. Both dd implementations write nothing, and exit 0,
 * when `skip=` passes the end of the file. The size is an estimate when the file's is.
 */
function fileContent(context: CommandContext, path: string, output: string | undefined, skipBytes: number, maxBytes: number | undefined): Content {
  const view = context.view;
  const found = view.lookup(followLink(view, path));
  const file = found.presence === 'yes' ? found.state : undefined;
  if (file?.type !== 'file' || file.size === null) return unknownContent;
  // dd truncates its output before it reads, so a file copied onto itself ends up empty.
  const target = output === undefined ? undefined : view.lookup(followLink(view, output)).state;
  if (file.inode !== undefined && target?.inode === file.inode) return emptyContent;
  const rest = Math.max(0, file.size - skipBytes);
  const size = maxBytes === undefined ? rest : Math.min(rest, maxBytes);
  return { text: null, size, known: file.certainty === 'exact' };
}

/** Parses a dd number such as `200`, `1k` or `4M`; `null` when it is not known or not in both implementations. */
function parseSize(field: Field): number | null {
  if (!field.known) return null;
  const match = /^(\d+)([A-Za-z]*)$/.exec(field.value);
  if (!match) return null;
  const multiplier = sizeSuffixes[match[2]];
  return multiplier === undefined ? null : Number(match[1]) * multiplier;
}

/** Records dd's error for a file it cannot open, worded as BusyBox 1.35 and GNU dd 9.1 print it. */
function openFailure(context: CommandContext, operand: string, reason: ErrorReason): Status {
  const flavor = toolFlavor(context);
  if (flavor === 'busybox') return failWithText(context, `can't open '${operand}': ${reason}`);
  if (flavor === 'gnu') return failWithText(context, `failed to open '${operand}': ${reason}`);
  return failWithText(context, `${operand}: ${reason}`);
}
