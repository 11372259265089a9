/**
 * Lists the members of a local tar (plain, gzip, bzip2, xz or zstd), as ADD extracts them.
 * A file that is not such a tar is not an error: ADD copies it as a plain file, so the result
 * carries a `problem` and the caller decides.
 */
import { hostPathText, NotRegularFileError, streamRegularFile, type HostPath } from '../files/regularFile';
import { ArchiveError, messageOf } from './errors';
import { openDecompressed, type Compression, type DecompressOptions } from './decompress';
import { clampMemberPath } from './memberPath';
import { readTarEntries, type TarEntry, type TarEntryNames } from './tarEntries';

export type MemberType = 'file' | 'directory' | 'symlink' | 'hardlink';

/** A member type the model has no type for; such a member is listed as an empty file. */
export type SpecialMemberType = 'FIFO' | 'character device' | 'block device';

export interface ArchiveMember {
  /** Cleaned, relative, `/`-separated path (no leading `/`, no `..`). */
  path: string;
  type: MemberType;
  /** The member's real type, set when `type` is `file` only because the model has no type for it. */
  special?: SpecialMemberType;
  /**
   * The name as stored, set when its `..` climbs above the archive's top, where extraction keeps
   * the member instead (see `clampMemberPath`).
   */
  climbingName?: string;
  /** A hard link's target as stored, set when it climbs above the archive's top in the same way. */
  climbingLinkTarget?: string;
  size: number;
  /** Permission and special bits, without the file type bits. */
  mode: number;
  uid: number;
  gid: number;
  /** A symlink's target as stored, or a hard link's target as a cleaned relative path. */
  linkTarget?: string;
  /**
   * Set for a hard link whose target is not among the earlier members. An extractor makes the
   * link from a file that is already on disk, so it fails unless the destination contains it.
   */
  missingTarget?: true;
}

export interface ArchiveListing {
  entries: ArchiveMember[];
  compression: Compression;
  /** The reason the file is not read as a tar (not a tar, truncated, corrupt), if it is not. */
  problem?: string;
  /** Members that were skipped, each with the reason (NUL in a name, unsupported types). */
  skipped: string[];
  /**
   * The mode and owner of the archive's own top folder (a `./` member), which `entries` leaves out.
   * buildah gives them to the folder it extracts into; other extractors skip that member.
   */
  top?: Pick<ArchiveMember, 'mode' | 'uid' | 'gid'>;
}

/** Maps node-tar entry types onto member types; devices and FIFOs have none (see `specialType`). */
export function memberType(type: TarEntry['type']): MemberType | undefined {
  switch (type) {
    case 'File':
    case 'OldFile':
    case 'ContiguousFile':
      return 'file';
    case 'Directory':
      return 'directory';
    case 'SymbolicLink':
      return 'symlink';
    case 'Link':
      return 'hardlink';
    default:
      return undefined;
  }
}

/** Maps node-tar's FIFO and device entry types, which ADD extracts, onto their names. */
function specialType(type: TarEntry['type']): SpecialMemberType | undefined {
  switch (type) {
    case 'FIFO':
      return 'FIFO';
    case 'CharacterDevice':
      return 'character device';
    case 'BlockDevice':
      return 'block device';
    default:
      return undefined;
  }
}

/** Lists the members of the archive at `hostPath` without extracting anything. */
export async function listArchive(hostPath: HostPath, options: Pick<DecompressOptions, 'maxBytes'> = {}): Promise<ArchiveListing> {
  const listing: ArchiveListing = { entries: [], compression: 'none', skipped: [] };
  const label = hostPathText(hostPath);
  try {
    const { stream, compression } = await openDecompressed(await streamRegularFile(hostPath), { label, maxBytes: options.maxBytes });
    listing.compression = compression;
    const files = new Set<string>();
    await readTarEntries(stream, (entry, names) => {
      entry.resume();
      addMember(listing, entry, names, files);
    }, { label });
  } catch (error) {
    if (error instanceof NotRegularFileError) return { ...listing, entries: [], problem: `${label} is a ${error.kind}, not an archive; it is not opened.` };
    if (!(error instanceof ArchiveError)) return { ...listing, entries: [], problem: `${label} cannot be read: ${messageOf(error)}` };
    return { ...listing, entries: [], problem: error.message };
  }
  return listing;
}

/**
 * Adds one entry to the listing, or the reason it is skipped. `files` contains the paths of the
 * non-directories listed so far, because a hard link can only be made to one extracted before it.
 */
function addMember(listing: ArchiveListing, entry: TarEntry, names: TarEntryNames, files: Set<string>): void {
  const special = specialType(entry.type);
  const type = special ? 'file' : memberType(entry.type);
  if (!type) {
    listing.skipped.push(`${entry.path}: a ${entry.type} entry is not listed`);
    return;
  }
  const name = names.path ?? entry.path;
  const cleaned = clampMemberPath(name);
  if ('problem' in cleaned) {
    listing.skipped.push(cleaned.problem);
    return;
  }
  if (cleaned.path === '') {
    if (type === 'directory' && !special) listing.top = { mode: (entry.mode ?? 0) & 0o7777, uid: entry.uid ?? 0, gid: entry.gid ?? 0 };
    return;
  }
  if (names.linkpath !== undefined) {
    listing.skipped.push(`${cleaned.path}: the link target ${JSON.stringify(names.linkpath)} contains a NUL character`);
    return;
  }
  const member: ArchiveMember = {
    path: cleaned.path,
    type,
    size: type === 'file' && !special ? entry.size : 0,
    // Linux gives every symlink mode 0777, whatever mode its header records.
    mode: type === 'symlink' ? 0o777 : (entry.mode ?? 0) & 0o7777,
    uid: entry.uid ?? 0,
    gid: entry.gid ?? 0,
  };
  if (special) member.special = special;
  if (cleaned.clamped) member.climbingName = name;
  if (type === 'symlink') member.linkTarget = entry.linkpath ?? '';
  if (type === 'hardlink') {
    const target = clampMemberPath(entry.linkpath ?? '');
    if ('problem' in target) {
      listing.skipped.push(`${cleaned.path}: hard link target: ${target.problem}`);
      return;
    }
    if (target.clamped) member.climbingLinkTarget = entry.linkpath;
    member.linkTarget = target.path;
    if (!files.has(target.path)) member.missingTarget = true;
  }
  if (type === 'directory') files.delete(cleaned.path);
  else files.add(cleaned.path);
  listing.entries.push(member);
}
