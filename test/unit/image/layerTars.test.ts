/**
 * Holds every layer of every image archive fixture against the layer tar itself. The tar's
 * entries are listed here with node-tar and turned into the expected changes by the whiteout
 * rules of the OCI image specification: `.wh.NAME` deletes NAME, and `.wh..wh..opq` makes its
 * folder opaque. This covers the base image layers that the per-archive tests leave out.
 */
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decompress as zstdDecompress } from 'fzstd';
import { Parser } from 'tar';
import { readImage } from '../../../src/core/image/readImage';
import { stackImage } from '../../../src/core/image/stackImage';
import type { ImageLayer } from '../../../src/core/image/types';
import { readMembers } from './specLayouts';

const fixtures = join(__dirname, '../../fixtures/images');

/** Every image archive fixture, with the platform to read from a multi-platform index. */
const archives: Array<{ file: string; platform?: string; layers: number }> = [
  { file: 'busybox-local-2.tar', layers: 1 },
  { file: '16-rm-rf-recreate.docker-overlay2.tar', layers: 4 },
  { file: '21-run-chains.docker.tar', layers: 4 },
  { file: '21-run-chains.buildah.tar', layers: 4 },
  { file: 'real-layers/real-layers.docker-overlay2.tar', layers: 5 },
  { file: 'real-layers/real-layers.buildah.oci.tar', layers: 5 },
  { file: 'real-layers/real-layers.buildah.docker.tar', layers: 5 },
  { file: 'real-layers/real-layers.zstd.oci.tar', layers: 5 },
  { file: 'multi-platform/multi-platform.oci.tar', platform: 'linux/amd64', layers: 2 },
  { file: 'multi-platform/multi-platform.oci.tar', platform: 'linux/arm64/v8', layers: 2 },
];

const typeNames: Record<string, string> = { File: 'file', OldFile: 'file', Directory: 'directory', SymbolicLink: 'symlink', Link: 'hardlink' };

/** Lists the changes that a layer tar holds, one row per path, as `changesRead` renders them. */
function changesInTar(tar: Buffer): string[] {
  const writes = new Map<string, string>();
  const deletes = new Set<string>();
  const opaque = new Set<string>();
  const parser = new Parser({
    onReadEntry: (entry) => {
      entry.resume();
      const path = '/' + entry.path.replace(/^\.\//, '').replace(/\/$/, '');
      if (path === '/') return;
      const slash = path.lastIndexOf('/');
      const folder = slash === 0 ? '' : path.slice(0, slash);
      const name = path.slice(slash + 1);
      if (name === '.wh..wh..opq') opaque.add(folder);
      else if (name.startsWith('.wh.')) deletes.add(`${folder}/${name.slice(4)}`);
      else writes.set(path, writeRow(entry.type, path, entry.size, entry.mode ?? 0, entry.linkpath));
    },
  });
  parser.end(tar);
  for (const folder of opaque) writes.set(folder, (writes.get(folder) ?? `write directory 0 0 ${folder}`) + ' opaque');
  return [...writes.values(), ...[...deletes].map((path) => `delete ${path}`)].sort(byPath);
}

function writeRow(tarType: string, path: string, size: number, mode: number, linkpath: string | undefined): string {
  const type = typeNames[tarType] ?? tarType;
  let row = `write ${type} ${type === 'file' ? size : 0} ${(mode & 0o7777).toString(8)} ${path}`;
  if (type === 'symlink') row += ` -> ${linkpath}`;
  if (type === 'hardlink') row += ` -> /${(linkpath ?? '').replace(/^\.\//, '')}`;
  return row;
}

/** Renders the reader's entries of a layer in the same form as `changesInTar`. */
function changesRead(layer: ImageLayer): string[] {
  return layer.layer.entries.map((entry) => {
    if (entry.op === 'delete') return `delete ${entry.path}`;
    let row = `write ${entry.type} ${entry.size} ${(entry.mode ?? 0).toString(8)} ${entry.path}`;
    if (entry.linkTarget !== undefined) row += ` -> ${entry.linkTarget}`;
    if (entry.opaque) row += ' opaque';
    return row;
  }).sort(byPath);
}

function byPath(a: string, b: string): number {
  const pathOf = (row: string) => row.split(' ').find((word) => word.startsWith('/')) ?? '';
  return pathOf(a) < pathOf(b) ? -1 : 1;
}

function uncompressed(blob: Buffer, compression: ImageLayer['compression']): Buffer {
  if (compression === 'gzip') return gunzipSync(blob);
  if (compression === 'zstd') return Buffer.from(zstdDecompress(blob));
  assert.equal(compression, 'none');
  return blob;
}

/** Lists each write member of a layer tar as its raw name and the SHA-256 of its body. */
function namesAndDigestsInTar(tar: Buffer): string[] {
  const rows: string[] = [];
  const parser = new Parser({
    onReadEntry: (entry) => {
      const name = entry.path;
      const hash = createHash('sha256');
      entry.on('data', (chunk: Buffer) => hash.update(chunk));
      entry.on('end', () => {
        const base = name.replace(/\/$/, '').split('/').pop() ?? '';
        if (base.startsWith('.wh.') || name.replace(/^\.\//, '') === '') return;
        rows.push(entry.type === 'File' && entry.size > 0 ? `${name} ${hash.digest('hex')}` : name);
      });
    },
  });
  parser.end(tar);
  return rows.sort();
}

/** Renders the reader's writes of a layer in the same form as `namesAndDigestsInTar`. */
function namesAndDigestsRead(layer: ImageLayer): string[] {
  const rows: string[] = [];
  for (const entry of layer.layer.entries) {
    if (entry.op === 'delete' || entry.origin?.kind !== 'layer-tar') continue;
    rows.push(entry.digest === undefined ? entry.origin.name : `${entry.origin.name} ${entry.digest}`);
  }
  return rows.sort();
}

describe('image fixture layer tars', () => {
  for (const archive of archives) {
    it(`${archive.file}${archive.platform ? ` ${archive.platform}` : ''}`, async () => {
      const path = join(fixtures, archive.file);
      const image = await readImage({ kind: 'path', path }, archive.platform ? { platform: archive.platform } : {});
      const members = readMembers(path);
      assert.equal(image.layers.length, archive.layers);
      assert.deepEqual(image.problems, []);
      for (const [index, layer] of image.layers.entries()) {
        const blob = members.get(layer.member);
        assert.ok(blob, `${layer.member} is not a member of ${archive.file}`);
        const tar = uncompressed(blob, layer.compression);
        const expected = changesInTar(tar);
        assert.ok(expected.length > 0, `layer ${index} lists no entries`);
        assert.deepEqual(changesRead(layer), expected, `layer ${index} (${layer.member})`);
        // The reader keeps raw member names and digests in a packed form (`TarWrite`).
        assert.deepEqual(namesAndDigestsRead(layer), namesAndDigestsInTar(tar), `layer ${index} (${layer.member}): names and digests`);
      }
      // Stacked for showing, the writes read their paths from the stack's tree: the same rows.
      const expectedRows = image.layers.map((layer) => [changesRead(layer), namesAndDigestsRead(layer)]);
      stackImage(image);
      assert.deepEqual(image.layers.map((layer) => [changesRead(layer), namesAndDigestsRead(layer)]), expectedRows);
    });
  }
});
