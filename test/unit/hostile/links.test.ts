/**
 * Hard links to missing targets and names that node-tar cuts at a NUL, read by the layer reader
 * and by `listArchive`. The tars are written byte by byte, so they hold what tools refuse to write.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { listArchive } from '../../../src/core/archive/listArchive';
import { readLayerTar } from '../../../src/core/image/layerTar';
import { writeTar, type RawEntry } from '../../fixtures/hostile/tarWriter';

const readLayer = (entries: RawEntry[]) => readLayerTar(Readable.from([writeTar(entries)]), { label: 'image.tar: l0/layer.tar' });

/** Renders a layer's entries as `path type [-> target]` lines. */
async function layerLines(entries: RawEntry[]): Promise<{ lines: string[]; problems: string[] }> {
  const result = await readLayer(entries);
  const lines = result.layer.entries.map((entry) => {
    if (entry.op === 'delete') return `${entry.path} deleted`;
    return entry.linkTarget === undefined ? `${entry.path} ${entry.type}` : `${entry.path} ${entry.type} -> ${entry.linkTarget}`;
  });
  return { lines, problems: result.problems };
}

describe('hostile links and names', () => {
  let scratch: string;
  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'layer-lens-hostile-links-'));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  const list = (entries: RawEntry[]) => {
    const path = join(scratch, 'archive.tar');
    writeFileSync(path, writeTar(entries));
    return listArchive(path);
  };

  it('layer hard link to missing target', async () => {
    const { lines, problems } = await layerLines([{ name: 'hard', type: '1', linkname: 'nowhere' }]);
    assert.deepEqual(lines, ['/hard hardlink -> /nowhere']);
    assert.deepEqual(problems, ['image.tar: l0/layer.tar: hard link hard points to /nowhere, which is not a file written earlier in the layer; it is listed as a hard link to a missing target.']);
  });

  it('layer hard link to earlier file', async () => {
    const { lines, problems } = await layerLines([{ name: 'a', body: 'a' }, { name: 'b', type: '1', linkname: 'a' }]);
    assert.deepEqual(lines, ['/a file', '/b hardlink -> /a']);
    assert.deepEqual(problems, []);
  });

  it('layer hard link to directory', async () => {
    const { problems } = await layerLines([{ name: 'd', type: '5' }, { name: 'b', type: '1', linkname: 'd' }]);
    assert.deepEqual(problems, ['image.tar: l0/layer.tar: hard link b points to /d, which is not a file written earlier in the layer; it is listed as a hard link to a missing target.']);
  });

  it('layer hard link with absolute target', async () => {
    const { lines, problems } = await layerLines([{ name: 'hard', type: '1', linkname: '/etc/shadow' }]);
    assert.deepEqual(lines, ['/hard hardlink -> /etc/shadow']);
    assert.equal(problems.length, 1);
  });

  it('layer hard link outside the image', async () => {
    const { lines, problems } = await layerLines([{ name: 'hard', type: '1', linkname: '../../etc/shadow' }, { name: 'ok', body: 'ok' }]);
    assert.deepEqual(lines, ['/ok file']);
    assert.deepEqual(problems, ['image.tar: l0/layer.tar: hard link hard: the member name "../../etc/shadow" points outside the image\'s root filesystem with ".."; the entry is skipped.']);
  });

  it('layer PAX path with NUL', async () => {
    const { lines, problems } = await layerLines([{ name: 'bin/plain', pax: { path: 'bin/a\u0000b' }, body: 'x' }, { name: 'ok', body: 'ok' }]);
    assert.deepEqual(lines, ['/ok file']);
    assert.deepEqual(problems, ['image.tar: l0/layer.tar: the member name "bin/a\\u0000b" contains a NUL character; the entry is skipped.']);
  });

  it('layer PAX path without NUL', async () => {
    const { lines, problems } = await layerLines([{ name: 'bin/plain', pax: { path: 'bin/long-name' }, body: 'x' }]);
    assert.deepEqual(lines, ['/bin/long-name file']);
    assert.deepEqual(problems, []);
  });

  it('layer PAX linkpath with NUL', async () => {
    const { lines, problems } = await layerLines([{ name: 't', body: 't' }, { name: 's', type: '2', linkname: 't', pax: { linkpath: 't\u0000x' } }]);
    assert.deepEqual(lines, ['/t file']);
    assert.deepEqual(problems, ['image.tar: l0/layer.tar: the link s has a target "t\\u0000x" that contains a NUL character; the entry is skipped.']);
  });

  it('layer GNU long name with NUL', async () => {
    const { lines, problems } = await layerLines([{ name: '././@LongLink', type: 'L', body: 'bin/a\u0000b\u0000' }, { name: 'bin/plain', body: 'x' }]);
    assert.deepEqual(lines, []);
    assert.deepEqual(problems, ['image.tar: l0/layer.tar: the member name "bin/a\\u0000b" contains a NUL character; the entry is skipped.']);
  });

  it('layer GNU long name ended by NUL', async () => {
    const { lines, problems } = await layerLines([{ name: '././@LongLink', type: 'L', body: 'bin/long\u0000' }, { name: 'bin/plain', body: 'x' }]);
    assert.deepEqual(lines, ['/bin/long file']);
    assert.deepEqual(problems, []);
  });

  it('NUL name does not mark next entry', async () => {
    const { lines } = await layerLines([{ name: 'bin/plain', pax: { path: 'a\u0000b' }, body: 'x' }, { name: 'a', body: 'a' }]);
    assert.deepEqual(lines, ['/a file']);
  });

  it('archive hard link to missing target', async () => {
    const listing = await list([{ name: 'h', type: '1', linkname: 'nowhere' }, { name: 'ok', body: 'ok' }, { name: 'g', type: '1', linkname: 'ok' }]);
    assert.deepEqual(listing.entries.map((member) => [member.path, member.type, member.linkTarget, member.missingTarget]), [
      ['h', 'hardlink', 'nowhere', true],
      ['ok', 'file', undefined, undefined],
      ['g', 'hardlink', 'ok', undefined],
    ]);
    assert.deepEqual(listing.skipped, []);
  });

  it('archive PAX path with NUL', async () => {
    const listing = await list([{ name: 'plain', pax: { path: 'a\u0000b' }, body: 'x' }, { name: 'ok', body: 'ok' }]);
    assert.deepEqual(listing.entries.map((member) => member.path), ['ok']);
    assert.deepEqual(listing.skipped, ['the member name "a\\u0000b" contains a NUL character']);
  });

  it('archive PAX linkpath with NUL', async () => {
    const listing = await list([{ name: 'ok', body: 'ok' }, { name: 'h', type: '1', linkname: 'ok', pax: { linkpath: 'ok\u0000/../x' } }]);
    assert.deepEqual(listing.entries.map((member) => member.path), ['ok']);
    assert.deepEqual(listing.skipped, ['h: the link target "ok\\u0000/../x" contains a NUL character']);
  });
});
