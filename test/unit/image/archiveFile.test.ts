import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { openArchiveFile } from '../../../src/core/image/archiveFileStore';
import { readImage } from '../../../src/core/image/readImage';
import type { ImageData } from '../../../src/core/image/types';
import { buildTar } from '../archive/tarBuilder';
import { dockerArchive, plainLayer, type TestLayer } from './imageBuilder';

function gzipLayer(layer: TestLayer): TestLayer {
  return { blob: gzipSync(layer.tar), tar: layer.tar };
}

const layers = [
  gzipLayer(plainLayer([{ name: 'etc/', type: '5' }, { name: 'etc/a.conf', body: 'one' }, { name: 'opt/old/', type: '5' }, { name: 'opt/old/x', body: 'xx' }])),
  plainLayer([{ name: 'etc/a.conf', body: 'two!' }, { name: 'opt/.wh.old' }, { name: 'etc/a.conf', body: 'again' }]),
  gzipLayer(plainLayer([{ name: 'srv/', type: '5' }, { name: 'srv/.wh..wh..opq' }, { name: 'srv/link', type: '2', linkname: '../etc/a.conf' }])),
];

/** The parts of an image read from a file that must match the same archive read as a stream. */
function comparable(image: ImageData) {
  return { layers: image.layers.map((layer) => ({ ...layer })), steps: image.steps, problems: image.problems, config: image.config, reference: image.reference };
}

/** Writes a header's checksum after a test changed its bytes. */
function setChecksum(header: Buffer): void {
  header.fill(' ', 148, 156);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
}

describe('archive file reading', () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'layer-lens-archive-file-'));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  const write = (name: string, bytes: Buffer) => {
    const path = join(folder, name);
    writeFileSync(path, bytes);
    return path;
  };

  it('same image as one-pass read', async () => {
    const archive = dockerArchive(layers);
    const path = write('image.tar', archive);
    assert.ok(await openArchiveFile(path), 'the archive was not opened by offset');
    const fromFile = await readImage({ kind: 'path', path });
    const fromStream = await readImage({ kind: 'stream', stream: Readable.from([archive]), label: path });
    assert.deepEqual(comparable(fromFile), comparable(fromStream));
    assert.equal(fromFile.layers.length, 3);
    assert.deepEqual(fromFile.problems, [`${path}: l1/layer.tar: /etc/a.conf appears more than once; the last entry is used.`]);
  });

  it('gzip archive falls back', async () => {
    const path = write('image.tar.gz', gzipSync(dockerArchive(layers)));
    assert.equal(await openArchiveFile(path), undefined);
    const image = await readImage({ kind: 'path', path });
    assert.equal(image.layers.length, 3);
  });

  it('long member name falls back', async () => {
    const long = `${'d'.repeat(120)}/layer.tar`;
    const archive = dockerArchive([layers[0]]);
    // A GNU long-name entry (type L) before a member: the offset reader leaves such archives alone.
    const withLongName = Buffer.concat([buildTar([{ name: '././@LongLink', type: '0', body: long + '\0' }]).subarray(0, 1024), archive]);
    withLongName[156] = 'L'.charCodeAt(0);
    setChecksum(withLongName.subarray(0, 512));
    const path = write('long.tar', withLongName);
    assert.equal(await openArchiveFile(path), undefined);
  });

  it('truncated archive falls back', async () => {
    const archive = dockerArchive(layers);
    const path = write('truncated.tar', archive.subarray(0, archive.length - 2048));
    assert.equal(await openArchiveFile(path), undefined);
    await assert.rejects(readImage({ kind: 'path', path }));
  });

  it('undecodable header falls back', async () => {
    const archive = Buffer.from(dockerArchive(layers));
    // A size field whose first byte marks base-256 but is neither 0x80 nor 0xff: node-tar throws.
    archive[124] = 0x81;
    setChecksum(archive.subarray(0, 512));
    const path = write('base256.tar', archive);
    assert.equal(await openArchiveFile(path), undefined);
    await assert.rejects(readImage({ kind: 'path', path }), /not a valid tar archive|not a tar archive|cannot be read/);
  });

  it('corrupt layer named in error', async () => {
    const corrupt = { blob: Buffer.from(layers[0].blob).fill(7, 20, 40), tar: layers[0].tar };
    const path = write('corrupt.tar', dockerArchive([corrupt, layers[1]]));
    await assert.rejects(readImage({ kind: 'path', path }), /l0\/layer\.tar/);
  });
});
