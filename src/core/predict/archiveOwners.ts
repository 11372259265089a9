/**
 * The owners and modes that ADD gives a local archive's destination folder and members, which
 * differ by builder. Recorded with Docker Engine 20.10 (classic builder) and buildah 1.28.2:
 * `ADD --chown=app:staff own.tar.gz /x/own/` of an archive whose `./` entry and members are owned
 * 1234:2345 made `/x/own` 0:0 under classic and 1234:2345 under buildah, and both kept 1234:2345
 * on the members. buildah also gave an existing `/data` the mode 0700 of the archive's `./` entry.
 */
import type { ArchiveListing } from '../archive/listArchive';
import type { BuilderKind } from '../dockerfile/builders';
import type { Ownership } from './ownership';

/** The owner and mode of the folder a copy goes into. */
export interface DestinationFolder {
  uid: number | null;
  gid: number | null;
  mode: number;
  /** Set when the builder gives an existing folder these attributes too, so the layer lists it. */
  restatesExisting: boolean;
}

/**
 * Returns the owner and mode of the destination folder. buildah applies the archive's own `./`
 * entry to it, existing or not. The classic builder and BuildKit create a missing folder
 * themselves and skip the `./` entry, because the folder exists by the time they extract (moby's
 * `archive.Unpack` skips `.` over a folder, and BuildKit's `applyRootArchive` skips the root).
 * The classic builder creates it owned by root; BuildKit's `copy.MkdirAll` gives it the --chown
 * owner. `top` is the archive's `./` member, and `createdMode` the mode the step gives the folders it creates.
 */
export function archiveFolder(builder: BuilderKind, top: ArchiveListing['top'], owner: Ownership | null, createdMode: number): DestinationFolder {
  if (builder === 'buildah' && top !== undefined) return { uid: top.uid, gid: top.gid, mode: top.mode, restatesExisting: true };
  // NOTE: no build recorded the destination buildah creates for an archive without a `./` entry. The --chown owner it gives the parents is assumed.
  const chowned = builder === 'classic' ? null : owner;
  return { uid: chowned ? chowned.uid : 0, gid: chowned ? chowned.gid : 0, mode: createdMode, restatesExisting: false };
}

/**
 * Returns the owner that replaces the members' own, or `null` when they keep the archive's.
 * BuildKit's `unpack` passes the --chown owner to the extraction since v0.23.0 (moby/buildkit
 * pull request 5987). The classic builder and buildah keep the archive's owners.
 * NOTE: the BuildKit rule is read from its source, not recorded in a build.
 */
export function archiveMemberOwner(builder: BuilderKind, owner: Ownership | null): Ownership | null {
  return builder === 'buildkit' ? owner : null;
}

/** Words the note on what --chown does to an extracted archive under `builder`. */
export function archiveChownNote(builder: BuilderKind, archive: string): string {
  if (builder === 'buildkit') {
    return `BuildKit v0.23 and later give the files extracted from ${archive} the --chown owner; earlier versions keep the owners stored in the archive.`;
  }
  if (builder === 'classic') {
    return `The classic builder does not apply --chown to an extracted archive: the files of ${archive} keep the owners stored in it, and the folders ADD creates are owned by root.`;
  }
  return `buildah does not apply --chown to the files it extracts from ${archive}: they keep the owners stored in the archive, and the destination folder takes the owner and mode of the archive's "./" entry when it has one.`;
}
