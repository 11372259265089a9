/**
 * Tests of a layer that the manifest reaches through a chain of symlinks, in a gzip-compressed
 * docker-archive. Such an archive is scanned, not indexed, so its own store follows the links,
 * both when the image is read and when one file is read from the layer.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Parser } from 'tar';
import { MAX_LINK_HOPS } from '../../../src/core/image/archiveMembers';
import { readImage } from '../../../src/core/image/readImage';
import { readLayerFile } from '../../../src/core/image/layerFile';
import { buildTar, type TestEntry } from '../archive/tarBuilder';
import { dockerArchive, plainLayer } from './imageBuilder';

/** Returns the entries of a tar in memory, bodies included. */
function tarEntries(tar: Buffer): TestEntry[] {
  const entries: TestEntry[] = [];
  const parser = new Parser({
    onReadEntry: (entry) => {
      const chunks: Buffer[] = [];
      entry.on('data', (chunk: Buffer) => chunks.push(chunk));
      entry.on('end', () => entries.push({ name: entry.path, body: Buffer.concat(chunks) }));
    },
  });
  parser.end(tar);
  return entries;
}

/** Writes a gzip docker-archive whose one layer the manifest names through `links` symlinks. */
function chainedArchive(folder: string, links: number): string {
  const layer = plainLayer([{ name: 'hello.txt', body: 'hello\n' }]);
  const names = Array.from({ length: links }, (_, index) => `c${index}/layer.tar`);
  const saved = tarEntries(dockerArchive([layer], { layerPaths: [names[0]] }));
  const chain: TestEntry[] = names.map((name, index) => ({ name, type: '2', linkname: index === links - 1 ? '../l0/layer.tar' : `../c${index + 1}/layer.tar` }));
  const path = join(folder, `chain-${links}.tar.gz`);
  writeFileSync(path, gzipSync(buildTar([...saved, ...chain])));
  return path;
}

describe('layer behind a link chain', () => {
  let folder: string;

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'layer-lens-link-chain-'));
  });

  after(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('reads the longest chain allowed', async () => {
    const path = chainedArchive(folder, MAX_LINK_HOPS);
    const image = await readImage({ kind: 'path', path });
    assert.deepEqual(image.layers[0].layer.entries.map((entry) => entry.path), ['/hello.txt']);
    const file = await readLayerFile({ kind: 'path', path }, 0, '/hello.txt');
    assert.deepEqual(file, { kind: 'file', bytes: Buffer.from('hello\n'), entryPath: '/hello.txt' });
  });

  it('reports a longer chain as missing', async () => {
    const path = chainedArchive(folder, MAX_LINK_HOPS + 1);
    const missing = /the layer c0\/layer\.tar is missing from the archive/;
    await assert.rejects(readImage({ kind: 'path', path }), missing);
    await assert.rejects(readLayerFile({ kind: 'path', path }, 0, '/hello.txt'), missing);
  });
});
