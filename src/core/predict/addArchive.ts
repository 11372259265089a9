/**
 * Remarks on the members of a local archive that ADD extracts in ways a reader may not expect:
 * names that climb above the archive with `..`, FIFOs and device nodes.
 */
import type { ArchiveMember } from '../archive/listArchive';
import { joinImagePath } from '../model/paths';

/** How many member names a remark lists before it counts the rest. */
const MAX_NAMED_MEMBERS = 5;

export interface ArchiveRemarks {
  warnings: string[];
  notes: string[];
}

/**
 * Words the remarks on `members` of the context file `archive` extracted into `destination`.
 * The builders keep every such member, so these describe what the layer contains rather than
 * what it lacks. Real builds with Docker 20.10's classic builder and buildah 1.28.2 showed this,
 * and BuildKit (to v0.32 at least) extracts through the same moby code as the classic builder.
 */
export function archiveRemarks(archive: string, destination: string, members: readonly ArchiveMember[]): ArchiveRemarks {
  const remarks: ArchiveRemarks = { warnings: [], notes: [] };
  const climbing = members.flatMap((member) => climbingNames(member, destination));
  if (climbing.length > 0) {
    remarks.warnings.push(
      `${archive} has members whose names climb above the archive with "..": ${listed(climbing)}. ADD keeps them inside ${destination}, ` +
        'but such names are how an archive tries to write outside the folder it is extracted to, so check where it comes from.',
    );
  }
  const fifos = members.filter((member) => member.special === 'FIFO');
  if (fifos.length > 0) {
    remarks.notes.push(`ADD makes the FIFOs (named pipes) of ${archive}, shown here as empty files: ${listed(paths(fifos, destination))}.`);
  }
  const devices = members.filter((member) => member.special === 'character device' || member.special === 'block device');
  if (devices.length > 0) {
    remarks.notes.push(
      `ADD makes the device nodes of ${archive} when the builder runs as root, and leaves them out when it runs rootless, ` +
        `in a user namespace. They are shown here as empty files, marked estimated: ${listed(paths(devices, destination))}.`,
    );
  }
  return remarks;
}

/** Names a member's climbing name and hard link target, each with the path ADD gives it. */
function climbingNames(member: ArchiveMember, destination: string): string[] {
  const names: string[] = [];
  if (member.climbingName !== undefined) names.push(`${JSON.stringify(member.climbingName)} as ${joinImagePath(destination, member.path)}`);
  if (member.climbingLinkTarget !== undefined && member.linkTarget !== undefined) {
    names.push(`the hard link target ${JSON.stringify(member.climbingLinkTarget)} of ${member.path} as ${joinImagePath(destination, member.linkTarget)}`);
  }
  return names;
}

function paths(members: readonly ArchiveMember[], destination: string): string[] {
  return members.map((member) => joinImagePath(destination, member.path));
}

/** Joins up to `MAX_NAMED_MEMBERS` items with commas and counts the rest. */
export function listed(items: readonly string[]): string {
  const named = items.slice(0, MAX_NAMED_MEMBERS).join(', ');
  const more = items.length - MAX_NAMED_MEMBERS;
  return more > 0 ? `${named} and ${more} more` : named;
}
