/**
 * Rebuilds a docker-archive from a fixture folder that records a real image in two files.
 * `config.json` is its configuration as the builder wrote it. `layers.json` lists each layer's
 * entries with the text of every small file and only the size of a large one, to keep it small.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTar, type TestEntry } from '../archive/tarBuilder';
import { sha256 } from './imageBuilder';

/** One entry of `layers.json`: a tar member as the real layer had it. */
export interface ListedEntry {
  name: string;
  type: 'file' | 'folder' | 'symlink';
  /** Octal permission bits, such as `755`. */
  mode: string;
  uid?: number;
  gid?: number;
  text?: string;
  size?: number;
  target?: string;
}

const tarTypes = { file: '0', folder: '5', symlink: '2' } as const;

function tarEntry(listed: ListedEntry): TestEntry {
  const entry: TestEntry = { name: listed.name, type: tarTypes[listed.type], mode: parseInt(listed.mode, 8), uid: listed.uid, gid: listed.gid };
  if (listed.text !== undefined) entry.body = listed.text;
  // Only the size of a large file, such as a base's busybox binary, matters to the tests, not its bytes.
  if (listed.size !== undefined) entry.body = Buffer.alloc(listed.size);
  if (listed.target !== undefined) entry.linkname = listed.target;
  return entry;
}

/** Reads the layers of a fixture folder. */
export function listedLayers(fixture: string): ListedEntry[][] {
  return JSON.parse(readFileSync(join(fixture, 'layers.json'), 'utf8')) as ListedEntry[][];
}

/** Writes the image of `fixture` as a docker-archive tagged `tag` into `folder`; returns its path. */
export function writeListedArchive(fixture: string, folder: string, tag: string): string {
  const layers = listedLayers(fixture).map((entries) => buildTar(entries.map(tarEntry)));
  // The rebuilt tars differ from the builder's in their bytes, so the diff IDs become their digests.
  const config = JSON.parse(readFileSync(join(fixture, 'config.json'), 'utf8')) as { rootfs: { diff_ids: string[] } };
  config.rootfs.diff_ids = layers.map(sha256);
  const paths = layers.map((_, index) => `l${index}/layer.tar`);
  const manifest = JSON.stringify([{ Config: 'config.json', RepoTags: [tag], Layers: paths }]);
  const archive = join(folder, `${tag.replace(/[/:]/g, '-')}.tar`);
  writeFileSync(archive, buildTar([
    { name: 'config.json', body: JSON.stringify(config) },
    ...layers.map((tar, index) => ({ name: paths[index], body: tar })),
    { name: 'manifest.json', body: manifest },
  ]));
  return archive;
}
