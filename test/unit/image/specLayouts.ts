/**
 * Image formats that no tool on this machine writes, built for tests from their specifications:
 * the layout of `docker save` since Docker Engine 25, and eStargz layers (the stargz-snapshotter
 * project's `docs/estargz.md`).
 */
import { gzipSync } from 'node:zlib';
import { list } from 'tar';
import { buildTar, type TestEntry } from '../archive/tarBuilder';
import { sha256 } from './imageBuilder';

/** Reads every regular member of a tar file into memory, keyed by its path. */
export function readMembers(file: string): Map<string, Buffer> {
  const members = new Map<string, Buffer>();
  list({
    file,
    sync: true,
    onReadEntry: (entry) => {
      const chunks: Buffer[] = [];
      entry.on('data', (chunk: Buffer) => chunks.push(chunk));
      entry.on('end', () => {
        if (entry.type === 'File') members.set(entry.path, Buffer.concat(chunks));
      });
    },
  });
  return members;
}

interface LegacyManifest {
  Config: string;
  RepoTags: string[];
  Layers: string[];
}

/**
 * Rewrites a legacy docker-archive (`<id>/layer.tar`, as Engine 20.10 saves) into the layout
 * that `docker save` writes since Engine 25. Every blob sits at `blobs/sha256/<hex>` (config,
 * layers, OCI manifest), beside `oci-layout`, an `index.json` and a `manifest.json` whose
 * `Config` and `Layers` name those blob paths. With the classic image store the layers stay
 * uncompressed and `index.json` points at the manifest. With `containerdStore` the layers are
 * gzip blobs and `index.json` points at an image index of one platform, as the containerd image
 * store saves them.
 */
export function engine25Archive(legacyFile: string, options: { containerdStore?: boolean } = {}): Buffer {
  const members = readMembers(legacyFile);
  const [legacy] = JSON.parse(members.get('manifest.json')!.toString()) as LegacyManifest[];
  const blobs = new Map<string, Buffer>();
  const put = (bytes: Buffer | string) => {
    const buffer = Buffer.from(bytes);
    const digest = sha256(buffer);
    blobs.set(`blobs/sha256/${digest.slice('sha256:'.length)}`, buffer);
    return { digest, size: buffer.length };
  };

  const config = put(members.get(legacy.Config)!);
  const layerMediaType = options.containerdStore ? 'application/vnd.oci.image.layer.v1.tar+gzip' : 'application/vnd.oci.image.layer.v1.tar';
  const layers = legacy.Layers.map((path) => {
    const tar = members.get(path)!;
    return { mediaType: layerMediaType, ...put(options.containerdStore ? gzipSync(tar) : tar) };
  });
  const manifest = {
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    ...put(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config }, layers })),
  };

  const [repository, tag] = legacy.RepoTags[0].split(':');
  const annotations = { 'io.containerd.image.name': `docker.io/library/${repository}:${tag}`, 'org.opencontainers.image.ref.name': tag };
  const top = options.containerdStore
    ? {
      mediaType: 'application/vnd.oci.image.index.v1+json',
      ...put(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [{ ...manifest, platform: { architecture: 'amd64', os: 'linux' } }] })),
      annotations,
    }
    : { ...manifest, annotations };

  const dockerManifest = [{ Config: `blobs/sha256/${config.digest.slice(7)}`, RepoTags: legacy.RepoTags, Layers: layers.map((layer) => `blobs/sha256/${layer.digest.slice(7)}`) }];
  const entries: TestEntry[] = [
    { name: 'blobs', type: '5' },
    { name: 'blobs/sha256', type: '5' },
    ...[...blobs].map(([name, body]) => ({ name, body })),
    { name: 'index.json', body: JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [top] }) },
    { name: 'manifest.json', body: JSON.stringify(dockerManifest) },
    { name: 'oci-layout', body: '{"imageLayoutVersion":"1.0.0"}' },
  ];
  return buildTar(entries);
}

/** One entry of an eStargz layer: a folder, a regular file or a symlink. */
export interface EstargzEntry {
  name: string;
  type: 'dir' | 'reg' | 'symlink';
  body?: string | Buffer;
  linkName?: string;
  mode: number;
}

export interface EstargzLayer {
  /** The gzip blob as a registry stores it, and the uncompressed tar inside it. */
  blob: Buffer;
  tar: Buffer;
  /** The table of contents (`stargz.index.json`) and the blob offset of its gzip member. */
  toc: Buffer;
  tocOffset: number;
}

/** The size of an eStargz footer: an empty gzip member whose Extra field names the TOC offset. */
export const ESTARGZ_FOOTER_SIZE = 51;

const typeFlags = { dir: '5', reg: '0', symlink: '2' } as const;
const typeBits = { dir: 0o040000, reg: 0o100000, symlink: 0o120000 } as const;

/**
 * Builds an eStargz layer of `entries`. A new gzip member starts at the blob's top, at the
 * payload of every non-empty regular file, at the TOC's tar header and at the footer. The TOC
 * is the last tar entry, and a `.no.prefetch.landmark` (one byte, 0x0f) leads the archive because
 * no file is prioritized.
 */
export function estargzLayer(entries: EstargzEntry[]): EstargzLayer {
  const raw: Buffer[] = [];
  const members: Buffer[] = [];
  let pending: Buffer[] = [];
  let offset = 0;
  const flush = () => {
    const uncompressed = Buffer.concat(pending);
    raw.push(uncompressed);
    members.push(gzipSync(uncompressed));
    offset += members[members.length - 1].length;
    pending = [];
  };

  const tocEntries: Array<Record<string, unknown>> = [];
  const all: EstargzEntry[] = [{ name: '.no.prefetch.landmark', type: 'reg', body: Buffer.from([0x0f]), mode: 0o644 }, ...entries];
  for (const entry of all) {
    const body = Buffer.from(entry.body ?? '');
    pending.push(tarHeader({ name: entry.name, type: typeFlags[entry.type], mode: entry.mode, linkname: entry.linkName }, body.length));
    const tocEntry: Record<string, unknown> = { name: entry.name, type: entry.type, mode: typeBits[entry.type] | entry.mode, uid: 0, gid: 0 };
    if (entry.linkName !== undefined) tocEntry.linkName = entry.linkName;
    if (entry.type === 'reg') tocEntry.size = body.length;
    if (entry.type === 'reg' && body.length > 0) {
      flush();
      Object.assign(tocEntry, { offset, digest: sha256(body), chunkDigest: sha256(body), chunkSize: 0 });
      pending.push(padded(body));
    }
    tocEntries.push(tocEntry);
  }
  flush();

  const tocOffset = offset;
  const toc = Buffer.from(JSON.stringify({ version: 1, entries: tocEntries }));
  pending.push(tarHeader({ name: 'stargz.index.json', type: '0', mode: 0o644 }, toc.length), padded(toc), Buffer.alloc(1024));
  flush();
  return { blob: Buffer.concat([...members, estargzFooter(tocOffset)]), tar: Buffer.concat(raw), toc, tocOffset };
}

/** Returns the 51-byte footer: gzip header with FEXTRA, subfield `SG` of `%016xSTARGZ`, an empty stored block. */
function estargzFooter(tocOffset: number): Buffer {
  const subfield = Buffer.from(tocOffset.toString(16).padStart(16, '0') + 'STARGZ', 'ascii');
  const header = Buffer.from([0x1f, 0x8b, 0x08, 0x04, 0, 0, 0, 0, 0, 0xff]);
  const extra = Buffer.alloc(6);
  extra.writeUInt16LE(4 + subfield.length, 0);
  extra.write('SG', 2, 'ascii');
  extra.writeUInt16LE(subfield.length, 4);
  // A final stored block of length 0, then the CRC-32 and length of no data, both zero.
  const emptyBlock = Buffer.from([0x01, 0x00, 0x00, 0xff, 0xff]);
  return Buffer.concat([header, extra, subfield, emptyBlock, Buffer.alloc(8)]);
}

/** Returns the ustar header alone of an entry whose body has `size` bytes. */
function tarHeader(entry: Omit<TestEntry, 'body' | 'declaredSize'>, size: number): Buffer {
  return buildTar([{ ...entry, declaredSize: size }], { truncate: true });
}

function padded(body: Buffer): Buffer {
  const remainder = body.length % 512;
  return remainder === 0 ? body : Buffer.concat([body, Buffer.alloc(512 - remainder)]);
}
