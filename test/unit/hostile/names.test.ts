/**
 * Member names that are not valid UTF-8, read by the layer reader, `listArchive` and
 * `readLayerFile`. node-tar decodes names as UTF-8, so without the raw-byte decoding two names that
 * differ only in an invalid byte would read as one.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { listArchive } from '../../../src/core/archive/listArchive';
import { decodeMemberName } from '../../../src/core/archive/memberNames';
import { readLayerFile } from '../../../src/core/image/layerFile';
import { readLayerTar } from '../../../src/core/image/layerTar';
import { writeTar, type RawEntry } from '../../fixtures/hostile/tarWriter';
import { dockerArchive } from '../image/imageBuilder';

const raw = (text: string) => Buffer.from(text, 'latin1');

/** Renders a layer's entries as `path type size [-> target]` lines. */
async function layerLines(entries: RawEntry[]): Promise<{ lines: string[]; problems: string[] }> {
  const result = await readLayerTar(Readable.from([writeTar(entries)]), { label: 'image.tar: l0/layer.tar' });
  const lines = result.layer.entries.map((entry) => {
    if (entry.op === 'delete') return `${entry.path} deleted`;
    const line = `${entry.path} ${entry.type} ${entry.size}`;
    return entry.linkTarget === undefined ? line : `${line} -> ${entry.linkTarget}`;
  });
  return { lines, problems: result.problems };
}

/**
 * Builds the entry Go's archive/tar writes for a name that is not ASCII: a PAX `path` record, and
 * the name's ASCII bytes in the header.
 */
function goEntry(name: Buffer, body: string): RawEntry {
  return { name: Buffer.from(name.filter((byte) => byte < 0x80)), pax: { path: name }, body };
}

describe('names that are not valid UTF-8', () => {
  let scratch: string;
  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'layer-lens-hostile-names-'));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('invalid byte keeps two entries', async () => {
    const { lines, problems } = await layerLines([
      { name: raw('w/\xffbin'), body: 'a' },
      { name: 'w/bin', body: 'ab' },
    ]);
    assert.deepEqual(lines, ['/w/\\xffbin file 1', '/w/bin file 2']);
    assert.deepEqual(problems, []);
  });

  it('different invalid bytes differ', async () => {
    const { lines } = await layerLines([
      { name: raw('w/\xfebin'), body: 'a' },
      { name: raw('w/\xffbin'), body: 'ab' },
    ]);
    assert.deepEqual(lines, ['/w/\\xfebin file 1', '/w/\\xffbin file 2']);
  });

  it('PAX path as Go writes it', async () => {
    const { lines, problems } = await layerLines([goEntry(raw('w/\xffbin'), 'a'), { name: 'w/bin', body: 'ab' }]);
    assert.deepEqual(lines, ['/w/\\xffbin file 1', '/w/bin file 2']);
    assert.deepEqual(problems, []);
  });

  it('PAX path whose ASCII part ends in a slash', async () => {
    // Go writes the header name `w/` here, which node-tar alone reads as a directory with no body.
    const { lines, problems } = await layerLines([goEntry(raw('w/\xff'), 'abcd'), { name: 'w/next', body: 'x' }]);
    assert.deepEqual(lines, ['/w/\\xff file 4', '/w/next file 1']);
    assert.deepEqual(problems, []);
  });

  it('GNU long name with an invalid byte', async () => {
    const long = raw(`${'d/'.repeat(60)}\xe9t\xe9`);
    const { lines } = await layerLines([{ name: '././@LongLink', type: 'L', body: Buffer.concat([long, Buffer.alloc(1)]) }, { name: 'short', body: 'a' }]);
    assert.deepEqual(lines, [`/${'d/'.repeat(60)}\\xe9t\\xe9 file 1`]);
  });

  it('symlink target with an invalid byte', async () => {
    const { lines } = await layerLines([{ name: 'l', type: '2', linkname: 'x', pax: { linkpath: raw('t\xff') } }]);
    assert.deepEqual(lines, ['/l symlink 0 -> t\\xff']);
  });

  it('backslash in an escaped name doubles', async () => {
    const { lines } = await layerLines([
      { name: raw('a\\\xff'), body: 'a' },
      { name: 'a\\xff', body: 'ab' },
      { name: 'a\\x2d', body: 'abc' },
      { name: 'caf\u00e9', body: 'abcd' },
    ]);
    assert.deepEqual(lines, ['/a\\\\\\xff file 1', '/a\\\\xff file 2', '/a\\x2d file 3', '/caf\u00e9 file 4']);
  });

  it('whiteout of an escaped name', async () => {
    const { lines } = await layerLines([{ name: raw('w/.wh.\xffbin') }]);
    assert.deepEqual(lines, ['/w/\\xffbin deleted']);
  });

  it('decoding keeps byte strings apart', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 8 }), fc.uint8Array({ maxLength: 8 }), (left, right) => {
        fc.pre(!Buffer.from(left).equals(Buffer.from(right)));
        return decodeMemberName(left) !== decodeMemberName(right);
      }),
      { numRuns: 20000 },
    );
  });

  it('listArchive shows the escaped name', async () => {
    const path = join(scratch, 'names.tar');
    writeFileSync(path, writeTar([{ name: raw('w/\xffbin'), body: 'a' }, { name: 'w/bin', body: 'ab' }]));
    const listing = await listArchive(path);
    assert.deepEqual(listing.entries.map((member) => member.path), ['w/\\xffbin', 'w/bin']);
  });

  it('readLayerFile opens the shown path', async () => {
    const tar = writeTar([goEntry(raw('w/\xffbin'), 'one'), { name: 'w/bin', body: 'two' }, { name: raw('w/\xfebin'), type: '1', linkname: 'w/bin' }]);
    const path = join(scratch, 'image.tar');
    writeFileSync(path, dockerArchive([{ blob: tar, tar }]));
    const source = { kind: 'path' as const, path };
    assert.deepEqual(await readLayerFile(source, 0, '/w/\\xffbin'), { kind: 'file', bytes: Buffer.from('one'), entryPath: '/w/\\xffbin' });
    assert.deepEqual(await readLayerFile(source, 0, '/w/bin'), { kind: 'file', bytes: Buffer.from('two'), entryPath: '/w/bin' });
    assert.deepEqual(await readLayerFile(source, 0, '/w/\\xfebin'), { kind: 'file', bytes: Buffer.from('two'), entryPath: '/w/bin' });
  });
});
