import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { readTarEntries } from '../../../src/core/archive/tarEntries';
import { readImage } from '../../../src/core/image/readImage';
import { stackImage } from '../../../src/core/image/stackImage';
import { buildTar } from './tarBuilder';

const archive = join(__dirname, '../../fixtures/images/shared-whiteouts/shared-whiteouts.docker-overlay2.tar');

/** Docker's second whiteout in a layer: an empty regular file that names the first as its link. */
const strayWhiteouts = buildTar([
  { name: 'srv/.wh.a' },
  { name: 'srv/.wh.b', linkname: 'srv/a' },
]);

/** Splits `input` into chunks of `size` bytes, as a stream delivers it. */
function chunked(input: Buffer, size: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let start = 0; start < input.length; start += size) chunks.push(input.subarray(start, start + size));
  return chunks;
}

/** Reads `tar` in chunks of `size` bytes and returns each entry's path, link name and body. */
async function bodiesOf(tar: Buffer, size: number): Promise<Array<[string, string | undefined, Buffer]>> {
  const entries: Array<[string, string | undefined, Buffer]> = [];
  await readTarEntries(Readable.from(chunked(tar, size)), async (entry) => {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk);
    entries.push([entry.path, entry.linkpath, Buffer.concat(chunks)]);
  }, { label: 'test.tar' });
  return entries;
}

async function entriesOf(tar: Buffer): Promise<Array<[string, string | undefined]>> {
  const entries: Array<[string, string | undefined]> = [];
  await readTarEntries(Readable.from([tar]), (entry) => {
    entries.push([entry.path, entry.linkpath]);
    entry.resume();
  }, { label: 'test.tar' });
  return entries;
}

describe('stray link names', () => {
  it('Docker overlay2 whiteouts are deletions', async () => {
    const stack = stackImage(await readImage({ kind: 'path', path: archive })).stack;
    const layer = stack.layers[2];
    const deleted = layer.entries.filter((entry) => entry.change === 'deleted').map((entry) => entry.entry.path);
    assert.deepEqual(deleted, ['/srv/a', '/srv/b', '/srv/data']);
    assert.equal(layer.summary.deleted.count, 4);
    assert.equal(stack.lookup('/srv/data/c'), undefined);
    assert.equal(stack.lookup('/srv/keep')?.entry.type, 'file');
  });

  it('empty file loses its link name', async () => {
    assert.deepEqual(await entriesOf(strayWhiteouts), [['srv/.wh.a', undefined], ['srv/.wh.b', undefined]]);
  });

  it('file bodies pass unchanged', async () => {
    const outer = buildTar([{ name: 'inner.tar', body: strayWhiteouts }, { name: 'after.txt', body: 'after' }]);
    for (const size of [1, 7, 511, 513, 100_000]) {
      const entries = await bodiesOf(outer, size);
      assert.deepEqual(entries.map(([path]) => path), ['inner.tar', 'after.txt'], `chunks of ${size} bytes`);
      assert.ok(entries[0][2].equals(strayWhiteouts), `inner body, chunks of ${size} bytes`);
      assert.equal(entries[1][2].toString(), 'after', `last body, chunks of ${size} bytes`);
    }
  });

  it('PAX size moves the next header', async () => {
    // The header says 0 bytes and the PAX record 1024, as for a file too large for the size field.
    const body = Buffer.concat([strayWhiteouts.subarray(512, 1024), Buffer.alloc(512)]);
    const tar = buildTar([
      { name: 'PaxHeader', type: 'x', body: '13 size=1024\n' },
      { name: 'big', body, declaredSize: 0 },
      { name: 'srv/.wh.c', linkname: 'srv/a' },
    ]);
    for (const size of [1, 300, 100_000]) {
      const entries = await bodiesOf(tar, size);
      assert.deepEqual(entries.map(([path, linkpath]) => [path, linkpath]), [['big', undefined], ['srv/.wh.c', undefined]], `chunks of ${size} bytes`);
      assert.ok(entries[0][2].equals(body), `body kept, chunks of ${size} bytes`);
    }
    assert.deepEqual((await entriesOf(tar)).map(([path]) => path), ['big', 'srv/.wh.c']);
  });
});
