/**
 * Measures the minimum work of reading the bench image in Node: inflate two layers at a time, frame
 * the tar blocks, hash each layer and file body, and keep nothing. Usage: node readLayers.js LAYER.tar.gz...
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { Header } from 'tar';

/** The read and inflate sizes of `archiveFileStore.ts` and `decompress.ts`. */
const CHUNK_BYTES = 256 * 1024;
const BLOCK = 512;
const PARALLEL_LAYERS = 2;

/** Walks a tar stream block by block: a header, then the body and its padding. */
class TarFramer {
  entries = 0;
  private header = Buffer.alloc(BLOCK);
  private headerFill = 0;
  private bodyLeft = 0;
  private paddingLeft = 0;
  private body: Hash | undefined;
  private ended = false;

  push(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length && !this.ended) {
      if (this.bodyLeft > 0) offset = this.readBody(chunk, offset);
      else if (this.paddingLeft > 0) offset = this.skipPadding(chunk, offset);
      else offset = this.readHeader(chunk, offset);
    }
  }

  private readHeader(chunk: Buffer, offset: number): number {
    const count = Math.min(BLOCK - this.headerFill, chunk.length - offset);
    chunk.copy(this.header, this.headerFill, offset, offset + count);
    this.headerFill += count;
    if (this.headerFill < BLOCK) return offset + count;
    this.headerFill = 0;
    const header = new Header(this.header);
    if (header.nullBlock) {
      this.ended = true;
      return chunk.length;
    }
    if (!header.cksumValid) throw new Error(`invalid tar header checksum after ${this.entries} entries`);
    this.entries++;
    const size = header.size ?? 0;
    this.bodyLeft = size;
    this.paddingLeft = (BLOCK - (size % BLOCK)) % BLOCK;
    this.body = size > 0 ? createHash('sha256') : undefined;
    return offset + count;
  }

  private readBody(chunk: Buffer, offset: number): number {
    const count = Math.min(this.bodyLeft, chunk.length - offset);
    this.body?.update(chunk.subarray(offset, offset + count));
    this.bodyLeft -= count;
    if (this.bodyLeft === 0) this.body?.digest();
    return offset + count;
  }

  private skipPadding(chunk: Buffer, offset: number): number {
    const count = Math.min(this.paddingLeft, chunk.length - offset);
    this.paddingLeft -= count;
    return offset + count;
  }
}

async function readLayer(file: string): Promise<number> {
  const layer = createHash('sha256');
  const framer = new TarFramer();
  const inflated = createReadStream(file, { highWaterMark: CHUNK_BYTES }).pipe(createGunzip({ chunkSize: CHUNK_BYTES }));
  for await (const chunk of inflated as AsyncIterable<Buffer>) {
    layer.update(chunk);
    framer.push(chunk);
  }
  layer.digest();
  return framer.entries;
}

async function main(files: string[]): Promise<void> {
  let next = 0;
  let entries = 0;
  const worker = async () => {
    while (next < files.length) entries += await readLayer(files[next++]);
  };
  await Promise.all(Array.from({ length: PARALLEL_LAYERS }, worker));
  process.stdout.write(`${entries}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`readLayers: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
