/**
 * Builds small ustar archives in memory for tests, including entries that real tools refuse to
 * write (names with `..`, absolute names, whiteouts for missing paths).
 */
export interface TestEntry {
  name: string;
  /**
   * ustar type flag: `0` file, `1` hard link, `2` symlink, `3` character device, `4` block
   * device, `5` directory, `6` FIFO, `x` PAX extended header.
   */
  type?: '0' | '1' | '2' | '3' | '4' | '5' | '6' | 'x';
  body?: string | Buffer;
  linkname?: string;
  mode?: number;
  uid?: number;
  gid?: number;
  /** Overrides the size field, to declare more bytes than the body holds. */
  declaredSize?: number;
}

const BLOCK = 512;

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function header(entry: TestEntry, size: number): Buffer {
  const block = Buffer.alloc(BLOCK);
  const type = entry.type ?? '0';
  block.write(entry.name, 0, 100, 'utf8');
  block.write(octal(entry.mode ?? (type === '5' ? 0o755 : 0o644), 8), 100, 'ascii');
  block.write(octal(entry.uid ?? 0, 8), 108, 'ascii');
  block.write(octal(entry.gid ?? 0, 8), 116, 'ascii');
  block.write(octal(size, 12), 124, 'ascii');
  block.write(octal(1500000000, 12), 136, 'ascii');
  block.write('        ', 148, 'ascii');
  block.write(type, 156, 'ascii');
  block.write(entry.linkname ?? '', 157, 100, 'utf8');
  block.write('ustar\u000000', 257, 'ascii');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(octal(sum, 7) + ' ', 148, 'ascii');
  return block;
}

function pad(body: Buffer): Buffer {
  const remainder = body.length % BLOCK;
  return remainder === 0 ? body : Buffer.concat([body, Buffer.alloc(BLOCK - remainder)]);
}

/** Returns a tar archive of `entries`, closed by two zero blocks unless `truncate` is set. */
export function buildTar(entries: TestEntry[], options: { truncate?: boolean } = {}): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const body = Buffer.from(entry.body ?? '');
    parts.push(header(entry, entry.declaredSize ?? body.length), pad(body));
  }
  if (!options.truncate) parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}
