/**
 * Writes an uncompressed tar into a stream from headers built by node-tar, so that the bench
 * can generate gigabyte layers without putting a single file on disk.
 */
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { Header } from 'tar';

const BLOCK = 512;
/** A fixed time keeps every generated tar, and so every digest, the same from run to run. */
const MTIME = new Date('2024-01-01T00:00:00Z');

export type TarMemberType = 'File' | 'Directory' | 'SymbolicLink';

export interface TarMember {
  path: string;
  type: TarMemberType;
  linkpath?: string;
}

export class TarStream {
  private readonly zeros = Buffer.alloc(BLOCK);

  constructor(private readonly output: Writable) {}

  /** Appends one member; `body` is a file's content and is ignored for other types. */
  async add(member: TarMember, body: Buffer = this.zeros.subarray(0, 0)): Promise<void> {
    const size = member.type === 'File' ? body.length : 0;
    const header = new Header({
      path: member.type === 'Directory' ? member.path + '/' : member.path,
      type: member.type,
      mode: member.type === 'Directory' ? 0o755 : 0o644,
      uid: 0,
      gid: 0,
      size,
      mtime: MTIME,
      linkpath: member.linkpath,
      uname: 'root',
      gname: 'root',
    });
    const block = Buffer.alloc(BLOCK);
    header.encode(block, 0);
    if (header.needPax) throw new Error(`bench tar: ${member.path} is too long for a plain ustar header; use a shorter name.`);
    await this.write(block);
    if (size === 0) return;
    await this.write(body);
    const padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (padding > 0) await this.write(this.zeros.subarray(0, padding));
  }

  /** Appends a member whose body is read from a stream of known length. */
  async addStream(path: string, size: number, body: AsyncIterable<Buffer>): Promise<void> {
    const header = new Header({ path, type: 'File', mode: 0o644, uid: 0, gid: 0, size, mtime: MTIME, uname: 'root', gname: 'root' });
    const block = Buffer.alloc(BLOCK);
    header.encode(block, 0);
    await this.write(block);
    for await (const chunk of body) await this.write(chunk);
    const padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (padding > 0) await this.write(this.zeros.subarray(0, padding));
  }

  /** Writes the two zero blocks that end a tar and ends the output. */
  async finish(): Promise<void> {
    await this.write(Buffer.alloc(2 * BLOCK));
    this.output.end();
    await once(this.output, 'finish');
  }

  private async write(chunk: Buffer): Promise<void> {
    if (!this.output.write(chunk)) await once(this.output, 'drain');
  }
}
