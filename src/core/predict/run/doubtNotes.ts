/**
 * Notes that explain why entries of a RUN layer are estimates: one note per doubt, naming a few
 * of the paths. Only written entries still estimated in the final layer count, because a later
 * exact write of the same path in the RUN settles it. A whiteout is estimated only where
 * `unlistedDeletions.ts` adds its own note.
 */
import { makeLayer, type LayerEntry } from '../../model/layer';
import type { LayerStack } from '../../model/stack';
import { shortenLine } from '../../report/format';
import { joinNames } from '../layerWriter';
import { addNote, recordDoubt, type Doubt, type RunReport } from './context';
import { compareWalkOrder } from './layerOutput';

const unseenBelow = "(the base image is not read, or an earlier step's files are not all known)";

/**
 * Adds a note for each doubt behind the estimated entries of `entries`, unless another note
 * explains it. `below` is the stack under the RUN. A layer that is `unknown` as a whole gets no
 * such notes, because the notes on what it may hold unlisted already explain its certainty.
 */
export function addDoubtNotes(report: RunReport, entries: LayerEntry[], below: LayerStack): void {
  if (makeLayer(entries, report.floor).certainty !== 'estimated') return;
  const estimated = new Set(entries.filter((entry) => entry.op === 'write' && entry.certainty === 'estimated').map((entry) => entry.path));
  addCopiedUpEstimates(report, estimated, below);
  for (const [doubt, paths] of report.doubts ?? []) {
    if (doubt === 'noted') continue;
    const listed = [...paths].filter((path) => estimated.has(path)).sort(compareWalkOrder);
    if (listed.length > 0) addNote(report, doubtNote(doubt, listed, report.guesses ?? []));
  }
}

/**
 * Records the estimated entries that no command gave a doubt. These are copy-ups that keep the
 * certainty of the version below: a hard link to an estimated file, or the folder that overlay
 * storage copies up when a file in it is made and removed again.
 */
function addCopiedUpEstimates(report: RunReport, estimated: ReadonlySet<string>, below: LayerStack): void {
  const recorded = new Set([...(report.doubts?.values() ?? [])].flatMap((paths) => [...paths]));
  for (const path of estimated) {
    if (recorded.has(path)) continue;
    const lower = below.lookup(path);
    if (lower !== undefined && lower.entry.certainty !== 'exact') recordDoubt(report, path, 'estimated-below');
  }
}

/** Words the note for one doubt. `guesses` are the commands whose exit status the prediction guessed. */
function doubtNote(doubt: Exclude<Doubt, 'noted'>, paths: string[], guesses: string[]): string {
  const single = paths.length === 1;
  const named = joinNames(paths);
  switch (doubt) {
    case 'may-exist':
      return `The prediction cannot see whether ${named} already ${single ? 'exists' : 'exist'} below this RUN ${unseenBelow}, so it takes ${single ? 'it' : 'them'} to be new. ${single ? 'If it exists, it keeps' : 'Any that exists keeps'} its own owner and mode.`;
    case 'mkdir-may-fail':
      return `mkdir fails if ${named} already ${single ? 'exists' : 'exist'} below this RUN, which the prediction cannot see ${unseenBelow}, so it takes ${single ? 'it' : 'them'} to be new and the RUN to succeed.`;
    case 'guessed-branch': {
      const commands = guesses.length === 0 ? 'an earlier command' : joinNames(guesses.map((text) => `"${shortenLine(text)}"`), 2);
      return `Whether this RUN writes ${named} depends on the exit status of ${commands}, which the prediction can only guess.`;
    }
    case 'unknown-text':
      return `The text this RUN writes to ${named} comes from commands, files or values that the prediction does not know exactly, so ${single ? 'its' : 'their'} content and size are estimates.`;
    case 'unknown-binary':
      return `The ${single ? 'archive' : 'archives'} or other binary data that this RUN writes to ${named} ${single ? 'has a size' : 'have sizes'} that the prediction does not compute, so ${single ? 'its size is' : 'their sizes are'} unknown.`;
    case 'estimated-binary':
      return `The binary data that this RUN writes to ${named} comes from files or devices whose output the prediction does not know exactly, so ${single ? 'its size is an estimate' : 'their sizes are estimates'}.`;
    case 'unknown-size':
      return `This RUN appends to ${named}, whose ${single ? 'size before it is' : 'sizes before it are'} unknown, so the new ${single ? 'size is' : 'sizes are'} unknown too.`;
    case 'unknown-permission':
      return `The prediction cannot tell whether the USER may write ${named} (the owner or mode there is not known, or only a group could allow it), so it takes the write to succeed.`;
    case 'unknown-mode':
      return `The mode that chmod gives ${named} is unknown, because the mode before this RUN is unknown or the mode argument is not one the prediction reads.`;
    case 'estimated-below':
      return `This RUN changes ${named}, which ${single ? 'is' : 'are'} only estimated below it, so the version in this layer is estimated too.`;
    case 'estimated-source':
      return `This RUN copies or moves ${named} from ${single ? 'a path whose version is' : 'paths whose versions are'} only estimated, so ${single ? 'it is' : 'they are'} estimated too.`;
    case 'partial-glob':
      return `The pattern that names ${named} may also match paths the prediction cannot list, so what the command does there is estimated.`;
  }
}
