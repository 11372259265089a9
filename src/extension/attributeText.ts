/**
 * Types, modes and owners in words, for the hover and the Image Layers view. A layer made only by
 * `chmod` or `chown` has no other visible change, so these words are what explains it.
 * Nothing here imports `vscode`, so it runs under plain mocha.
 */
import { describeAttributeChange } from '../core/model/changes';
import type { WriteEntry } from '../core/model/layer';
import type { ClassifiedEntry } from '../core/model/stack';
import { changesKind, typeWords } from '../core/report/typeChange';


/** Formats permission bits in octal with four digits, as `ls` and `chmod` show them: `0755`, `4755`. */
export function formatMode(mode: number | null): string {
  return mode === null ? 'unknown' : (mode & 0o7777).toString(8).padStart(4, '0');
}

/** Formats an owner as `uid:gid`; `unknown` when neither is known, as for a `--chown` user name, which only the image's `/etc/passwd` maps to a number. */
export function formatOwner(uid: number | null, gid: number | null): string {
  if (uid === null && gid === null) return 'unknown';
  return `${uid ?? 'unknown'}:${gid ?? 'unknown'}`;
}

/**
 * Describes how a modifying write's type, mode and owner differ from the version it shadows:
 * `mode only: 0644 → 0755` when the contents are known to be the same, `mode 0644 → 0755` when
 * they may differ too, and `folder → file, mode 0755 → 0644` when the type changed. Returns the
 * core's words alone (`same bytes rewritten`) when neither mode nor owner changed, and
 * `undefined` when there is nothing to describe.
 */
export function describeAttributeDifference(classified: ClassifiedEntry, lower: WriteEntry | undefined): string | undefined {
  const { entry } = classified;
  if (entry.op !== 'write') return undefined;
  // A new type comes first, so that a folder replaced by a file does not read as a chmod.
  if (lower !== undefined && changesKind(lower.type, entry.type)) {
    const others = describeModeAndOwner(entry, lower, undefined);
    return [`${typeWords[lower.type]} → ${typeWords[entry.type]}`, ...(others ? [others] : [])].join(', ');
  }
  return describeModeAndOwner(entry, lower, classified.changedAttributes && describeAttributeChange(classified.changedAttributes, entry.type));
}

/** Names the mode and owner changes after `words`, the core's words for a metadata-only change. */
function describeModeAndOwner(entry: WriteEntry, lower: WriteEntry | undefined, words: string | undefined): string | undefined {
  const modeChanged = lower !== undefined && lower.mode !== entry.mode;
  const ownerChanged = lower !== undefined && (lower.uid !== entry.uid || lower.gid !== entry.gid);
  const values: string[] = [];
  if (modeChanged) values.push(`${formatMode(lower.mode)} → ${formatMode(entry.mode)}`);
  if (ownerChanged) values.push(`${formatOwner(lower.uid, lower.gid)} → ${formatOwner(entry.uid, entry.gid)}`);
  if (values.length === 0) return words;
  if (words?.endsWith(' only')) return `${words}: ${values.join(', ')}`;
  // When the contents changed too, or could not be compared, each value gets its name.
  const named: string[] = [];
  if (modeChanged) named.push(`mode ${values[0]}`);
  if (ownerChanged) named.push(`owner ${values[values.length - 1]}`);
  return named.join(', ');
}
