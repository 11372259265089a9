import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ArchiveError, TarEndMissingError, TruncatedTarError } from '../../../src/core/archive/errors';
import { readTarEntries, type TarEntry } from '../../../src/core/archive/tarEntries';
import { buildTar } from './tarBuilder';

const fixtures = join(__dirname, '../../fixtures/tar-reader');
const LONG_FILE = `deep/${'d'.repeat(60)}/${'e'.repeat(60)}/long-name.txt`;

/** An entry's fields and body as read. */
interface ReadEntry {
  path: string;
  type: string;
  linkpath?: string;
  size: number;
  uid?: number;
  gid?: number;
  body: string;
}

/** Splits `input` into chunks of `size` bytes, as a stream delivers it. */
function chunked(input: Buffer, size: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let start = 0; start < input.length; start += size) chunks.push(input.subarray(start, start + size));
  return chunks;
}

/** Reads every entry of `tar`, delivered in chunks of `size` bytes. */
async function readAll(tar: Buffer, size = tar.length): Promise<ReadEntry[]> {
  const entries: ReadEntry[] = [];
  await readTarEntries(Readable.from(chunked(tar, size)), async (entry) => {
    const { path, type, linkpath, size: bodySize, uid, gid } = entry;
    const read: ReadEntry = { path, type, linkpath, size: bodySize, uid, gid, body: '' };
    entries.push(read);
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk);
    read.body = Buffer.concat(chunks).toString();
  }, { label: 'test.tar', requireEnd: true });
  return entries;
}

/** Returns a copy of `tar` whose header at `offset` states its size in base-256, as GNU tar does for 8 GiB and more. */
function withBase256Size(tar: Buffer, offset: number, size: number): Buffer {
  const copy = Buffer.from(tar);
  copy.fill(0, offset + 124, offset + 136);
  copy[offset + 124] = 0x80;
  copy.writeUIntBE(size, offset + 130, 6);
  copy.fill(0x20, offset + 148, offset + 156);
  let sum = 0;
  for (let index = offset; index < offset + 512; index++) sum += copy[index];
  copy.write(sum.toString(8).padStart(6, '0') + '\0 ', offset + 148, 'latin1');
  return copy;
}

/** Waits `count` turns of the event loop, so that a stream that is not held back would read on. */
async function turns(count: number): Promise<void> {
  for (let turn = 0; turn < count; turn++) await new Promise((resolve) => setImmediate(resolve));
}

describe('tar reader', () => {
  it('GNU long names and link names', async () => {
    const tar = readFileSync(join(fixtures, 'gnu-long-names.tar'));
    for (const size of [1, 100, 513, tar.length]) {
      const entries = await readAll(tar, size);
      assert.deepEqual(entries.map((entry) => [entry.path, entry.type, entry.linkpath]), [
        [LONG_FILE, 'File', undefined],
        ['short-link', 'SymbolicLink', `${'../'.repeat(40)}target.txt`],
        ['hard-link', 'Link', LONG_FILE],
      ], `chunks of ${size} bytes`);
      assert.equal(entries[0].body, 'long\n', `body, chunks of ${size} bytes`);
    }
  });

  it('base-256 uid of a GNU header', async () => {
    const [file] = await readAll(readFileSync(join(fixtures, 'gnu-long-names.tar')));
    assert.equal(file.uid, 3000000);
    assert.equal(file.gid, 7);
  });

  it('global PAX header sets nothing', async () => {
    // Go's archive/tar, which Docker uses, applies no global record to later entries.
    const entries = await readAll(readFileSync(join(fixtures, 'pax-global.tar')));
    assert.deepEqual(entries.map((entry) => [entry.path, entry.uid, entry.body]), [
      ['caf\u00e9.txt', 0, 'cafe\n'],
      [LONG_FILE, 0, 'long\n'],
    ]);
  });

  it('global PAX size hides no member', async () => {
    // A global `size=1024` before the empty `cover` made node-tar read `etc/hidden` as its body.
    const entries = await readAll(readFileSync(join(fixtures, 'pax-global-size-smuggle.tar')));
    assert.deepEqual(entries.map((entry) => [entry.path, entry.size]), [
      ['ok.txt', 5],
      ['cover', 0],
      ['etc/hidden', 7],
      ['after', 1],
    ]);
  });

  it('base-256 size moves the next header', async () => {
    const body = 'x'.repeat(600);
    const tar = withBase256Size(buildTar([{ name: 'big.txt', body }, { name: 'after.txt', body: 'after' }]), 0, 600);
    assert.equal(tar[124], 0x80);
    const entries = await readAll(tar, 300);
    assert.deepEqual(entries.map((entry) => [entry.path, entry.size, entry.body]), [
      ['big.txt', 600, body],
      ['after.txt', 5, 'after'],
    ]);
  });

  it('checksum failure names the member before', async () => {
    const tar = buildTar([{ name: 'a.txt', body: 'a' }, { name: 'b.txt', body: 'b' }, { name: 'c.txt', body: 'c' }]);
    tar[2048] ^= 0x01;
    await assert.rejects(readAll(tar), (error: Error) => {
      assert.ok(error instanceof ArchiveError);
      assert.equal(
        error.message,
        'test.tar is corrupt: its tar data is invalid after the member "b.txt" (a tar header checksum does not match). Copy or save it again.',
      );
      return true;
    });
  });

  it('truncated body fails the body too', async () => {
    const tar = buildTar([{ name: 'a.txt', body: 'a' }, { name: 'big.bin', body: Buffer.alloc(4096, 1) }]);
    let bodyError: Error | undefined;
    const read = readTarEntries(Readable.from(chunked(tar.subarray(0, 1024 + 2048), 700)), (entry) => {
      entry.on('error', (error: Error) => {
        bodyError = error;
      });
      entry.resume();
    }, { label: 'cut.tar' });
    await assert.rejects(read, (error: Error) => {
      assert.ok(error instanceof TruncatedTarError);
      assert.equal(error.member, 'big.bin');
      return true;
    });
    assert.ok(bodyError instanceof TruncatedTarError);
  });

  it('missing end block after last member', async () => {
    const tar = buildTar([{ name: 'a.txt', body: 'a' }, { name: 'b.txt', body: 'b' }], { truncate: true });
    await assert.rejects(readAll(tar), (error: Error) => {
      assert.ok(error instanceof TarEndMissingError);
      assert.equal(error.lastMember, 'b.txt');
      return true;
    });
  });

  it('slow consumer holds back the input', async () => {
    const body = Buffer.alloc(4 * 1024 * 1024, 7);
    const chunks = chunked(buildTar([{ name: 'big.bin', body }, { name: 'after.txt', body: 'after' }]), 64 * 1024);
    let pulled = 0;
    const input = new Readable({
      read() {
        const chunk = chunks.shift();
        pulled += chunk?.length ?? 0;
        this.push(chunk ?? null);
      },
    });
    let pulledWhilePaused = -1;
    let received = 0;
    const seen: string[] = [];
    await readTarEntries(input, (entry: TarEntry) => new Promise<void>((resolve) => {
      seen.push(entry.path);
      entry.on('end', resolve);
      if (entry.path !== 'big.bin') return void entry.resume();
      entry.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (pulledWhilePaused !== -1) return;
        entry.pause();
        const before = pulled;
        void turns(50).then(() => {
          pulledWhilePaused = pulled - before;
          entry.resume();
        });
      });
    }), { label: 'big.tar' });
    assert.deepEqual(seen, ['big.bin', 'after.txt']);
    assert.equal(received, body.length);
    assert.ok(pulledWhilePaused >= 0, 'the consumer paused');
    assert.ok(pulledWhilePaused <= 512 * 1024, `${pulledWhilePaused} bytes read while the consumer paused`);
  });

  it('abort stops the read and the body', async () => {
    const tar = buildTar([{ name: 'big.bin', body: Buffer.alloc(64 * 1024, 1) }]);
    const input = Readable.from(chunked(tar, 1024));
    const controller = new AbortController();
    let bodyError: Error | undefined;
    const read = readTarEntries(input, (entry) => {
      entry.on('error', (error: Error) => {
        bodyError = error;
      });
      entry.on('data', () => controller.abort());
    }, { label: 'big.tar', signal: controller.signal });
    await assert.rejects(read, { name: 'AbortError' });
    assert.equal(bodyError?.name, 'AbortError');
    // The reader destroys the stream it reads, which closes the input it was given.
    if (!input.closed) await new Promise((resolve) => input.once('close', resolve));
    assert.ok(input.destroyed);
  });

  it('handler error stops the read', async () => {
    const tar = buildTar([{ name: 'a.txt', body: 'a' }, { name: 'b.txt', body: 'b' }]);
    const seen: string[] = [];
    const read = readTarEntries(Readable.from([tar]), async (entry) => {
      seen.push(entry.path);
      entry.resume();
      throw new Error('handler failed');
    }, { label: 'test.tar' });
    await assert.rejects(read, { message: 'handler failed' });
    assert.deepEqual(seen, ['a.txt']);
  });

  it('NUL name chain keeps memory bounded', async () => {
    // 2,000 extended headers, each naming the next entry with a 32 KiB path that contains a NUL,
    // before one file. Only the last name can be the entry's, so the reader keeps only it.
    const record = (value: string) => {
      const text = ` path=${value}\n`;
      let length = text.length + 1;
      while (`${length}${text}`.length !== length) length++;
      return `${length}${text}`;
    };
    const pax = buildTar([{ name: 'PaxHeader', type: 'x', body: record(`a\0${'n'.repeat(32 * 1024)}`) }], { truncate: true });
    const last = buildTar([{ name: 'PaxHeader', type: 'x', body: record('kept\0name') }, { name: 'f', body: 'x' }]);
    setFlagsFromString('--expose-gc');
    const collect = runInNewContext('gc') as () => void;
    collect();
    const before = process.memoryUsage().heapUsed;
    let retained = 0;
    let names: unknown;

    // The reader has decoded the chain's headers when it requests the last chunk.
    await readTarEntries(Readable.from((function* () {
      for (let index = 0; index < 2000; index++) yield pax;
      collect();
      retained = process.memoryUsage().heapUsed - before;
      yield last;
    })()), (entry, entryNames) => {
      names = entryNames;
      entry.resume();
    }, { label: 'chain.tar' });

    assert.deepEqual(names, { path: 'kept\0name' });
    assert.ok(retained < 16 * 1024 * 1024, `${(retained / 1024 / 1024).toFixed(1)} MiB retained after the chain`);
  });

  it('handler returning its entry', async () => {
    const tar = buildTar([{ name: 'a', body: 'x' }, { name: 'b', body: 'y' }]);
    const paths: string[] = [];

    await readTarEntries(Readable.from([tar]), (entry) => {
      paths.push(entry.path);
      // A JavaScript handler may return what `resume()` returns, which TypeScript would reject.
      return entry.resume() as unknown as void;
    }, { label: 'resume.tar' });

    assert.deepEqual(paths, ['a', 'b']);
  });

  it('PAX length with letters sets nothing', async () => {
    // GNU tar calls this record malformed, but node-tar, Python and GNU tar all read the name `innocent`.
    const record = '19a path=evil\\name\n';
    assert.equal(Buffer.byteLength(record), 19);
    const entries = await readAll(buildTar([{ name: 'PaxHeader', type: 'x', body: record }, { name: 'innocent', body: 'x' }]));

    assert.deepEqual(entries.map((entry) => entry.path), ['innocent']);
  });

  it('body read through once and addListener', async () => {
    const tar = buildTar([{ name: 'a', body: 'first' }, { name: 'b', body: 'second' }]);
    const bodies: string[] = [];

    await readTarEntries(Readable.from([tar]), (entry) => new Promise<void>((resolve) => {
      const chunks: Buffer[] = [];
      if (entry.path === 'a') entry.once('data', (chunk: Buffer) => chunks.push(chunk));
      else entry.addListener('data', (chunk: Buffer) => chunks.push(chunk));
      entry.once('end', () => {
        bodies.push(Buffer.concat(chunks).toString());
        resolve();
      });
    }), { label: 'listeners.tar' });

    assert.deepEqual(bodies, ['first', 'second']);
  });

  it('late data listener error fails read', async () => {
    const tar = buildTar([{ name: 'a', body: 'x' }]);

    // The listener is added after the body arrived, so the body flows on a later tick.
    const reading = readTarEntries(Readable.from([tar]), async (entry) => {
      await new Promise((resolve) => setImmediate(resolve));
      entry.on('data', () => {
        throw new Error('listener failed');
      });
    }, { label: 'throws.tar' });

    await assert.rejects(reading, /listener failed/);
  });
});

