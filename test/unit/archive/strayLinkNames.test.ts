import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { clearStrayLinkNames } from '../../../src/core/archive/strayLinkNames';
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

/** Passes `input` through the filter in chunks of `size` bytes and returns what comes out. */
async function filtered(input: Buffer, size: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for (let start = 0; start < input.length; start += size) chunks.push(input.subarray(start, start + size));
  const output: Buffer[] = [];
  for await (const chunk of Readable.from(chunks).pipe(clearStrayLinkNames())) output.push(chunk as Buffer);
  return Buffer.concat(output);
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

  it('only that header changes', async () => {
    const output = await filtered(strayWhiteouts, 4096);
    assert.equal(output.length, strayWhiteouts.length);
    assert.ok(output.subarray(0, 512).equals(strayWhiteouts.subarray(0, 512)));
    assert.ok(output.subarray(1024).equals(strayWhiteouts.subarray(1024)));
    assert.equal(output[512 + 157], 0);
    assert.equal(output.subarray(512, 612).toString('latin1'), strayWhiteouts.subarray(512, 612).toString('latin1'));
  });

  it('file bodies pass unchanged', async () => {
    const outer = buildTar([{ name: 'inner.tar', body: strayWhiteouts }, { name: 'after.txt', body: 'after' }]);
    for (const size of [1, 7, 511, 513, 100_000]) {
      assert.ok((await filtered(outer, size)).equals(outer), `chunks of ${size} bytes`);
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
      const output = await filtered(tar, size);
      assert.ok(output.subarray(0, 2048).equals(tar.subarray(0, 2048)), `body kept, chunks of ${size} bytes`);
      assert.equal(output[2048 + 157], 0, `header cleared, chunks of ${size} bytes`);
    }
    assert.deepEqual((await entriesOf(tar)).map(([path]) => path), ['big', 'srv/.wh.c']);
  });
});
