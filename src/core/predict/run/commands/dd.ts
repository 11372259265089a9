/**
 * `dd`: copies `if=` (standard input without it) to `of=` (standard output without it) in blocks.
 * The output's size is known only for a fixed number of blocks read from /dev/zero or
 * /dev/urandom, whose reads return whole blocks up to a limit.
 */
import { unknownContent, type CommandContext, type CommandResult, type Content, type Status } from '../context';
import type { Field } from '../expand';
import { unknownOperand } from './files';
import { writeContent } from './fsOps';
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

/** Operands that leave the output at `count` whole input blocks; any other (`seek=`, `conv=notrunc`...) makes its size unknown. */
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
  const content = copiedContent(context, operands);
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

/** Returns what dd copies: a known size for whole blocks of /dev/zero or /dev/urandom, else unknown bytes. */
function copiedContent(context: CommandContext, operands: Map<string, Field>): Content {
  const input = operands.get('if');
  // NOTE: /dev/random is left out, because random(4) in man-pages 6.03 states that one read of it returns at most 512 bytes.
  const device = input?.known ? context.resolve(input.value) : undefined;
  if (device !== '/dev/zero' && device !== '/dev/urandom') return unknownContent;
  if ([...operands.keys()].some((key) => !plainOperands.has(key))) return unknownContent;
  // GNU dd's `iflag=count_bytes` counts bytes, not blocks.
  const inputFlags = operands.get('iflag');
  if (inputFlags && inputFlags.value !== 'fullblock') return unknownContent;
  // BusyBox takes the last of `bs=` and `ibs=`, GNU dd always `bs=`, so together they give no size.
  if (operands.has('bs') && operands.has('ibs')) return unknownContent;
  const blockField = operands.get('bs') ?? operands.get('ibs');
  const blockSize = blockField ? parseSize(blockField) : defaultBlockSize;
  const count = operands.get('count');
  const blocks = count ? parseSize(count) : null;
  // Without `count=` dd reads these endless devices until the disk is full.
  if (blockSize === null || blocks === null) return unknownContent;
  const short = device === '/dev/urandom' && blockSize > maxFullRandomRead && operands.get('iflag')?.value !== 'fullblock';
  return { text: null, size: blockSize * blocks, known: !short };
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
