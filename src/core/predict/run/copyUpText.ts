/**
 * The words of the hint for lower files that a RUN stores again only to change their metadata.
 * The hint names the metadata that changed (mode, owner or only the time) with the old and new
 * values where they are known, and the COPY flag that sets it when the file is added.
 */
import type { WriteEntry } from '../../model/layer';

/** A lower file that a RUN copied up, with the version below it and the state the RUN left. */
export interface CopyUp {
  lower: WriteEntry;
  upper: { mode: number | null; uid: number | null; gid: number | null } | undefined;
}

function formatMode(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}

/**
 * The change of one attribute across the copies: none, one shared change (`shared` is
 * `0644 → 0755`), several changes (`shared` absent), or `unknown` when a value is unknown.
 */
interface AttributeChange {
  kind: 'unchanged' | 'changed' | 'unknown';
  shared?: string;
}

function changeOf(copies: readonly CopyUp[], format: (entry: NonNullable<CopyUp['upper']>) => string | undefined): AttributeChange {
  const changes = new Set<string>();
  for (const copy of copies) {
    const before = format(copy.lower);
    const after = copy.upper && format(copy.upper);
    if (before === undefined || after === undefined) return { kind: 'unknown' };
    if (before !== after) changes.add(`${before} → ${after}`);
  }
  if (changes.size === 0) return { kind: 'unchanged' };
  return changes.size === 1 ? { kind: 'changed', shared: [...changes][0] } : { kind: 'changed' };
}

const modeOf = (entry: { mode: number | null }) => (entry.mode === null ? undefined : formatMode(entry.mode));
const ownerOf = (entry: { uid: number | null; gid: number | null }) => (entry.uid === null || entry.gid === null ? undefined : `${entry.uid}:${entry.gid}`);

/**
 * Words the hint for `copies`, whose paths `listed` names and whose lower versions take `bytes`.
 * When a mode or owner on either side is unknown, the hint names all three attributes that a
 * copy-up may change, as it cannot tell which one did.
 */
export function copyUpMessage(copies: readonly CopyUp[], listed: string, bytes: string): string {
  const stored = `yet the layer stores the whole file again (${bytes})`;
  const mode = changeOf(copies, modeOf);
  const owner = changeOf(copies, ownerOf);
  if (mode.kind === 'unknown' || owner.kind === 'unknown') {
    return `This RUN changes only the mode, owner or time of ${listed}, ${stored}. Set them where the file is added (COPY --chmod or --chown, or the RUN that creates it).`;
  }
  if (mode.kind === 'unchanged' && owner.kind === 'unchanged') {
    return `This RUN changes only the modification time of ${listed}, ${stored}. Leave the time as it is, or set it in the RUN that creates the file.`;
  }
  if (owner.kind === 'unchanged') {
    return `This RUN changes only the mode of ${listed}${values(mode.shared)}, ${stored}. Set the mode where the file is added (COPY --chmod, or the RUN that creates it).`;
  }
  if (mode.kind === 'unchanged') {
    return `This RUN changes only the owner of ${listed}${values(owner.shared)}, ${stored}. Set the owner where the file is added (COPY --chown, or the RUN that creates it).`;
  }
  const both = mode.shared && owner.shared ? values(`mode ${mode.shared}, owner ${owner.shared}`) : '';
  return `This RUN changes only the mode and owner of ${listed}${both}, ${stored}. Set them where the file is added (COPY --chmod and --chown, or the RUN that creates it).`;
}

/** Writes a shared change in brackets, or nothing when the copies changed in different ways. */
function values(shared: string | undefined): string {
  return shared === undefined ? '' : ` (${shared})`;
}
