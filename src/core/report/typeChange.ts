/**
 * Lookups of the version that a modifying write shadows, and of whether that version was of
 * another kind (a folder that a file replaced). The editor's rows and hover and the CLI's text
 * word type changes from these alike.
 */
import type { EntryType, WriteEntry } from '../model/layer';
import type { ClassifiedEntry, LayerStack } from '../model/stack';

/** Entry types as the views name them. */
export const typeWords: Record<EntryType, string> = { file: 'file', directory: 'folder', symlink: 'symlink', hardlink: 'hard link' };

/** Returns the version of a modified entry's path that the entry shadows, if the stack has it. */
export function shadowedEntry(stack: LayerStack, classified: ClassifiedEntry): WriteEntry | undefined {
  if (classified.change !== 'modified' || classified.lowerLayer === undefined) return undefined;
  const versions = stack.tree.versionsOfPath(classified.entry.path);
  return versions.find((version) => version.layer === classified.lowerLayer)?.entry;
}

/**
 * Returns whether a write changes the kind of its path. A hard link is a file in the merged
 * filesystem, and its row names its target, so a file and a hard link are one kind here.
 */
export function changesKind(lower: EntryType, upper: EntryType): boolean {
  const kind = (type: EntryType) => (type === 'hardlink' ? 'file' : type);
  return kind(lower) !== kind(upper);
}
