/**
 * The words of the hint for lower files that a RUN stores again only to change their metadata.
 * The hint names what the commands change (mode, owner or modification time) with the old and
 * new values where they are known, and the COPY flag that sets a value when the file is added.
 * A chmod, chown or chgrp to the value a file already has changes nothing, so the hint names it
 * as a command to remove.
 */
import type { BuilderKind } from '../../dockerfile/builders';
import type { WriteEntry } from '../../model/layer';
import { capitalize, joinWords } from '../../report/format';

/** A lower file that a RUN copied up, with the version below it and the state the RUN left. */
export interface CopyUp {
  lower: WriteEntry;
  upper: { mode: number | null; uid: number | null; gid: number | null } | undefined;
  /** The commands that changed the file's metadata in this RUN: chmod, chown, chgrp or touch. */
  commands: ReadonlySet<string>;
}

type Attribute = 'mode' | 'owner' | 'time';

const attributes: readonly Attribute[] = ['mode', 'owner', 'time'];

/** The commands that set each attribute. touch sets the time to the current one, so it always changes it. */
const setters: Record<Attribute, readonly string[]> = { mode: ['chmod'], owner: ['chown', 'chgrp'], time: ['touch'] };

const names: Record<Attribute, string> = { mode: 'mode', owner: 'owner', time: 'modification time' };

const copyFlags: Record<Attribute, string> = { mode: '--chmod', owner: '--chown', time: '' };

/** The effect of the commands that set one attribute, across the copies they changed. */
interface AttributeChange {
  attribute: Attribute;
  /** `unchanged`: every copy kept its value. `unknown`: a value on either side is not known. */
  kind: 'unchanged' | 'changed' | 'unknown';
  /** `0644 → 0755` for a change that every copy shares, `0755` for a value every copy kept. */
  values?: string;
  /** The commands of `setters` that ran. */
  commands: string[];
}

function formatMode(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}

const modeOf = (entry: { mode: number | null }) => (entry.mode === null ? undefined : formatMode(entry.mode));
const ownerOf = (entry: { uid: number | null; gid: number | null }) => (entry.uid === null || entry.gid === null ? undefined : `${entry.uid}:${entry.gid}`);

/** Compares an attribute before and after in the copies whose commands set it, or returns undefined when none did. */
function changeOf(attribute: Attribute, copies: readonly CopyUp[]): AttributeChange | undefined {
  const setting = copies.filter((copy) => setters[attribute].some((command) => copy.commands.has(command)));
  if (setting.length === 0) return undefined;
  const commands = setters[attribute].filter((command) => setting.some((copy) => copy.commands.has(command)));
  if (attribute === 'time') return { attribute, kind: 'changed', commands };
  const format = attribute === 'mode' ? modeOf : ownerOf;
  const changes = new Set<string>();
  const keptValues = new Set<string>();
  for (const copy of setting) {
    const before = format(copy.lower);
    const after = copy.upper && format(copy.upper);
    if (before === undefined || after === undefined) return { attribute, kind: 'unknown', commands };
    if (before === after) keptValues.add(before);
    else changes.add(`${before} → ${after}`);
  }
  if (changes.size === 0) return { attribute, kind: 'unchanged', commands, ...(keptValues.size === 1 ? { values: [...keptValues][0] } : {}) };
  const shared = changes.size === 1 && keptValues.size === 0;
  return { attribute, kind: 'changed', commands, ...(shared ? { values: [...changes][0] } : {}) };
}

/**
 * Words the hint for `copies`, whose paths `listed` names and whose lower versions take `bytes`.
 * An attribute whose old or new value is unknown may have changed, so the hint writes "at most".
 * `unlisted` names the folders whose files the prediction cannot list but the commands copied up
 * as well (`chown -R`), or is empty.
 */
export function copyUpMessage(copies: readonly CopyUp[], listed: string, bytes: string, builder: BuilderKind, unlisted = ''): string {
  const sentences = copyUpSentences(copies, listed, bytes, builder);
  if (unlisted !== '') sentences.splice(1, 0, `The files in ${unlisted} that this prediction cannot list are stored again too (an unknown size).`);
  return sentences.join(' ');
}

/** Words the hint for folders whose unlisted files a RUN copied up, where it copied up no listed file with content. */
export function unlistedCopyUpMessage(unlisted: string): string {
  return `This RUN changes only the metadata of the files in ${unlisted} that this prediction cannot list, yet the layer stores them again (an unknown size). ` +
    'Set it where the files are added, or in the RUN that creates them.';
}

function copyUpSentences(copies: readonly CopyUp[], listed: string, bytes: string, builder: BuilderKind): string[] {
  const changes = attributes.map((attribute) => changeOf(attribute, copies)).filter((change) => change !== undefined);
  const unchanged = changes.filter((change) => change.kind === 'unchanged');
  const effective = changes.filter((change) => change.kind !== 'unchanged');
  if (effective.length === 0 && unchanged.length > 0) return noChangeSentences(unchanged, listed, bytes, copies.length, builder);
  if (effective.length === 0) {
    // NOTE: every copy-up is recorded with the command that made it, so this is only a fallback.
    return [`This RUN changes only the metadata of ${listed}, yet the layer stores the whole file again (${bytes}).`, 'Set it where the file is added, or in the RUN that creates it.'];
  }
  const verb = effective.some((change) => change.kind === 'unknown') ? 'changes at most' : 'changes only';
  const changedNames = joinWords(effective.map((change) => names[change.attribute]));
  const sentences = [`This RUN ${verb} the ${changedNames} of ${listed}${values(effective)}, yet the layer stores the whole file again (${bytes}).`, remedy(effective, builder)];
  if (unchanged.length > 0) {
    const pronoun = commandsOf(unchanged).length === 1 ? 'it leaves' : 'they leave';
    const unchangedNames = joinWords(unchanged.map((change) => names[change.attribute]));
    sentences.push(`Remove the ${joinWords(commandsOf(unchanged))} too, since ${pronoun} the ${unchangedNames} as before${values(unchanged)}.`);
  }
  return sentences;
}

/**
 * Words the hint for commands that set only values the files already have. vfs storage computes a
 * layer by comparing whole trees, so it drops such a rewrite and an image built there has no copy.
 */
function noChangeSentences(kept: AttributeChange[], listed: string, bytes: string, files: number, builder: BuilderKind): string[] {
  const keptNames = joinWords(kept.map((change) => names[change.attribute]));
  const owned = files === 1 ? 'it already has' : 'they already have';
  const target = kept.length === 1 ? `the value ${owned}` : `the values ${owned}`;
  const pronoun = files === 1 ? 'it' : 'them';
  return [
    `This RUN sets the ${keptNames} of ${listed} to ${target}${values(kept)}, which changes nothing.`,
    `Overlay storage still stores the whole file again in this layer (${bytes}), while vfs storage leaves ${pronoun} out.`,
    `Remove the ${joinWords(commandsOf(kept))}, or set the ${keptNames} where the file is added (${addedWith(kept, builder)}).`,
  ];
}

/** Words where to set the changed attributes instead. */
function remedy(effective: AttributeChange[], builder: BuilderKind): string {
  const settable = effective.filter((change) => change.attribute !== 'time');
  const timed = settable.length < effective.length;
  if (settable.length === 0) return 'Leave the time as it is, or set it in the RUN that creates the file.';
  const them = settable.length === 1 ? `the ${settable[0].attribute}` : 'them';
  const set = `set ${them} where the file is added (${addedWith(settable, builder)}, or the RUN that creates it)`;
  return `${capitalize(set)}${timed ? ', and leave the time as it is' : ''}.`;
}

/**
 * Names how the attributes are set as a file is added. The classic builder rejects COPY --chmod
 * ("requires BuildKit"), but its COPY keeps the mode a file has in the build context.
 */
function addedWith(changes: readonly AttributeChange[], builder: BuilderKind): string {
  const byContext = builder === 'classic' && changes.some((change) => change.attribute === 'mode');
  const flags = changes.filter((change) => !(byContext && change.attribute === 'mode')).map((change) => copyFlags[change.attribute]);
  const ways = flags.length > 0 ? [`COPY ${flags.join(' and ')}`] : [];
  if (byContext) ways.push('a chmod of the file in the build context');
  return ways.join(' and ');
}

function commandsOf(changes: AttributeChange[]): string[] {
  return [...new Set(changes.flatMap((change) => change.commands))];
}

/**
 * Writes the values in brackets: alone for one attribute, named for several. Writes nothing when
 * a value is not shared by every copy or the attribute is the time, which has no value to show.
 */
function values(changes: AttributeChange[]): string {
  const valued = changes.filter((change) => change.attribute !== 'time');
  if (valued.length === 0 || valued.some((change) => change.values === undefined)) return '';
  if (valued.length === 1 && changes.length === 1) return ` (${valued[0].values})`;
  return ` (${valued.map((change) => `${change.attribute} ${change.values}`).join(', ')})`;
}
