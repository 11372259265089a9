/**
 * The members of an image archive as its stores keep them, keyed by cleaned path: JSON documents
 * as bytes, links by their cleaned target, and layer blobs in the form each store reads them.
 * The archive stores share here how they record and follow links and how they look up members.
 */
import { ArchiveError } from '../archive/errors';
import { cleanMemberPath } from '../archive/memberPath';
import { MAX_JSON_BYTES } from './formats';
import type { LayerReadResult } from './layerTar';
import type { ImageStore } from './store';

export type DocumentMember = { kind: 'bytes'; bytes: Buffer };
export type LinkMember = { kind: 'link'; target: string };

/**
 * Maximum links followed from one path: enough for the one hop by which saved archives link a
 * layer blob, and few enough to end a loop of links.
 */
export const MAX_LINK_HOPS = 8;

/** Names that docker-archive and OCI layouts use for JSON and small text members. */
export const TEXT_NAMES = /(^|\/)(manifest\.json|index\.json|oci-layout|repositories|VERSION|json|[0-9a-f]{64}\.json)$/;

/** Returns whether a tar entry type is a symlink or a hard link. */
export function isLinkType(type: string): type is 'SymbolicLink' | 'Link' {
  return type === 'SymbolicLink' || type === 'Link';
}

/**
 * Returns the member for the link entry at `path`. A symlink's target is relative to the link's
 * folder, and a hard link's to the archive root. Returns `undefined` when the target leaves the
 * archive, so that the link is left out.
 */
export function linkMember(path: string, type: 'SymbolicLink' | 'Link', linkpath: string): LinkMember | undefined {
  const base = type === 'Link' ? '' : path.slice(0, path.lastIndexOf('/') + 1);
  const target = cleanMemberPath(base + linkpath);
  return 'path' in target ? { kind: 'link', target: target.path } : undefined;
}

/**
 * Follows links from `path`, at most `MAX_LINK_HOPS` of them, and returns the last path reached
 * with its member. That member is still a link when the chain is longer than the bound.
 */
export function followLinks<M extends { kind: string }>(members: ReadonlyMap<string, M | LinkMember>, path: string): { path: string; member: M | LinkMember | undefined } {
  let reached = path;
  let member = members.get(reached);
  for (let hops = 0; member !== undefined && isLink(member) && hops < MAX_LINK_HOPS; hops++) {
    reached = member.target;
    member = members.get(reached);
  }
  return { path: reached, member };
}

/** Returns the member that `path` leads to, or `undefined` when it is missing or behind too many links. */
export function resolveMember<M extends { kind: string }>(members: ReadonlyMap<string, M | LinkMember>, path: string): Exclude<M, LinkMember> | undefined {
  const { member } = followLinks(members, path);
  return member === undefined || isLink(member) ? undefined : (member as Exclude<M, LinkMember>);
}

/**
 * Returns the bytes of a document member. `notDocument` ends the message for a member of
 * another kind, because the stores differ in what such a member can be.
 */
export function documentBytes(label: string, path: string, member: DocumentMember | { kind: string } | undefined, notDocument: string): Buffer {
  if (member !== undefined && isDocument(member)) return member.bytes;
  if (member !== undefined) throw new ArchiveError(`${label}: ${path} ${notDocument}`);
  throw new ArchiveError(`${label}: ${path} is missing from the archive.`);
}

/** Creates the error for a document larger than `MAX_JSON_BYTES`, the size limit of one document. */
export function oversizedDocumentError(label: string, path: string): ArchiveError {
  return new ArchiveError(`${label}: ${path} is larger than ${MAX_JSON_BYTES} bytes; it is not an image document.`);
}

/** Creates the error for a layer that the manifest names and the archive does not contain. */
export function missingLayerError(label: string, path: string): ArchiveError {
  return new ArchiveError(`${label}: the layer ${path} is missing from the archive.`);
}

/**
 * An image store over an archive whose members are already classified. Subclasses differ only in
 * how they hold a layer blob and read it.
 */
export abstract class ArchiveMemberStore<L extends { kind: 'layer' }> implements ImageStore {
  abstract readonly layerConcurrency: number;

  constructor(
    readonly label: string,
    private readonly members: ReadonlyMap<string, DocumentMember | LinkMember | L>,
  ) {}

  async has(path: string): Promise<boolean> {
    return this.resolve(path) !== undefined;
  }

  async readBytes(path: string): Promise<Buffer> {
    return documentBytes(this.label, path, this.resolve(path), 'is a layer, not a JSON document.');
  }

  abstract readLayer(path: string): Promise<LayerReadResult>;

  /** Returns the layer member that `path` leads to, and throws an `ArchiveError` for any other. */
  protected layerAt(path: string): L {
    const member = this.resolve(path);
    if (member?.kind === 'layer') return member as L;
    if (member?.kind === 'bytes') throw new ArchiveError(`${this.label}: ${path} is not a layer tar.`);
    throw missingLayerError(this.label, path);
  }

  protected resolve(path: string): DocumentMember | L | undefined {
    return resolveMember(this.members, path);
  }
}

export function isLink(member: { kind: string }): member is LinkMember {
  return member.kind === 'link';
}

function isDocument(member: { kind: string }): member is DocumentMember {
  return member.kind === 'bytes';
}
