/** Builds docker-archives and OCI layouts that contain several small images, for `--image` tests. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildTar, type TestEntry } from '../archive/tarBuilder';
import { plainLayer, sha256, type TestLayer } from './imageBuilder';

export interface TestImage {
  tags: string[];
  /** The content of the image's one file, `/name`. */
  content: string;
}

/** Returns the one layer of a test image and its config, whose digest is the image ID. */
export function testImage(content: string): { layer: TestLayer; config: string } {
  const layer = plainLayer([{ name: 'name', body: content }]);
  const config = JSON.stringify({
    architecture: 'amd64',
    os: 'linux',
    rootfs: { type: 'layers', diff_ids: [sha256(layer.tar)] },
    history: [{ created_by: `/bin/sh -c echo ${content}` }],
  });
  return { layer, config };
}

/** Builds the config and layer members of one image, and returns them with the config's digest. */
function imageMembers(image: TestImage, prefix: string): { members: TestEntry[]; configName: string; layerName: string; configDigest: string } {
  const { layer, config } = testImage(image.content);
  const configDigest = sha256(config);
  const configName = configDigest.slice('sha256:'.length) + '.json';
  const layerName = `${prefix}/layer.tar`;
  return { members: [{ name: configName, body: config }, { name: layerName, body: layer.blob }], configName, layerName, configDigest };
}

/** Returns a docker-archive whose `manifest.json` lists `images` in order, as `docker save a b` writes it. */
export function multiImageArchive(images: TestImage[]): { archive: Buffer; configDigests: string[] } {
  const parts = images.map((image, index) => imageMembers(image, `l${index}`));
  const manifest = JSON.stringify(parts.map((part, index) => ({ Config: part.configName, RepoTags: images[index].tags, Layers: [part.layerName] })));
  const archive = buildTar([...parts.flatMap((part) => part.members), { name: 'manifest.json', body: manifest }]);
  return { archive, configDigests: parts.map((part) => part.configDigest) };
}

/** An entry of an OCI layout's `index.json`: one image, named by its annotations. */
export interface TestIndexEntry {
  content: string;
  annotations: Record<string, string>;
}

/** Returns the members of an OCI layout whose index lists one manifest per entry, and the config digests. */
export function multiImageLayoutMembers(entries: TestIndexEntry[]): { members: TestEntry[]; configDigests: string[] } {
  const blobs = new Map<string, string | Buffer>();
  const blob = (body: string | Buffer) => {
    const digest = sha256(body);
    blobs.set(`blobs/sha256/${digest.slice('sha256:'.length)}`, body);
    return { digest, size: Buffer.byteLength(body) };
  };
  const configDigests: string[] = [];
  const manifests = entries.map((entry) => {
    const { layer, config } = testImage(entry.content);
    configDigests.push(sha256(config));
    const manifest = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...blob(config) },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', ...blob(layer.blob) }],
    });
    return { mediaType: 'application/vnd.oci.image.manifest.v1+json', ...blob(manifest), annotations: entry.annotations };
  });
  const members: TestEntry[] = [
    { name: 'oci-layout', body: '{"imageLayoutVersion":"1.0.0"}' },
    { name: 'index.json', body: JSON.stringify({ schemaVersion: 2, manifests }) },
    ...[...blobs].map(([name, body]) => ({ name, body })),
  ];
  return { members, configDigests };
}

/** Returns an OCI layout tar (an oci-archive) whose index lists one manifest per image, named by `ref.name`. */
export function multiImageLayout(images: Array<{ refName: string; content: string }>): Buffer {
  const entries = images.map((image) => ({ content: image.content, annotations: { 'org.opencontainers.image.ref.name': image.refName } }));
  return buildTar(multiImageLayoutMembers(entries).members);
}

/** Writes members into `root` as an OCI layout folder. */
export function writeLayoutFolder(root: string, members: TestEntry[]): void {
  for (const member of members) {
    const path = join(root, member.name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, member.body ?? '');
  }
}

/**
 * Returns two image contents whose image IDs start with the same `digits` hex digits, found by
 * trying `c0`, `c1`, ... in turn. For 4 digits the birthday bound puts the expected number of
 * tries near 320.
 */
export function contentsWithSharedIdPrefix(digits: number): [string, string] {
  const seen = new Map<string, string>();
  for (let index = 0; ; index++) {
    const content = `c${index}`;
    const prefix = sha256(testImage(content).config).slice('sha256:'.length, 'sha256:'.length + digits);
    const earlier = seen.get(prefix);
    if (earlier !== undefined) return [earlier, content];
    seen.set(prefix, content);
  }
}
