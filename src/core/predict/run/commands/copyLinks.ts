/**
 * Hard links between the files that one cp or mv copies. GNU cp keeps them only on request
 * (-a, -d, --preserve=links), while BusyBox cp keeps them whenever it does not follow symlinks
 * (-R, -d, -P or -a, unless -L), so the two differ for a plain `cp -r`. mv always keeps them.
 */
import { addNote, type CommandContext } from '../context';
import { hasOption, optionValue, type ParsedOptions } from '../options';
import type { FileState, Inode } from '../view';
import { toolFlavor } from './toolFlavor';

/**
 * `kept`: a second name of a copied file becomes a hard link to the first copy. `separate`: each
 * name becomes a file of its own. `unknown`: the image's cp decides, so the copies are listed as
 * separate files, marked estimated.
 */
export type LinkRule = 'kept' | 'separate' | 'unknown';

/** The hard-link rule of one cp or mv run, and the first copy of each file it has copied so far. */
export interface LinkTracker {
  rule: LinkRule;
  copies: Map<Inode, FileState>;
}

export function newLinkTracker(rule: LinkRule): LinkTracker {
  return { rule, copies: new Map() };
}

/** Returns the hard-link rule of a cp command line, looking at which cp the image has where GNU and BusyBox differ. */
export function cpLinkRule(context: CommandContext, parsed: ParsedOptions): LinkRule {
  const gnu = gnuKeepsLinks(parsed);
  // BusyBox cp rejects --preserve and --no-preserve, so a build that gets past them runs GNU cp.
  const busybox = hasOption(parsed, 'preserve', 'no-preserve') ? gnu : busyboxKeepsLinks(parsed);
  if (gnu === busybox) return gnu ? 'kept' : 'separate';
  const flavor = toolFlavor(context);
  if (flavor === 'unknown') return 'unknown';
  return (flavor === 'busybox' ? busybox : gnu) ? 'kept' : 'separate';
}

/** GNU cp: -a and -d imply --preserve=links. */
function gnuKeepsLinks(parsed: ParsedOptions): boolean {
  const listsLinks = (value: string | undefined): boolean => value !== undefined && /(^|,)(links|all)(,|$)/.test(value);
  const requested = hasOption(parsed, 'a', 'archive', 'd') || listsLinks(optionValue(parsed, 'preserve'));
  return requested && !listsLinks(optionValue(parsed, 'no-preserve'));
}

/** BusyBox cp keeps hard links when it does not dereference: -R, -d, -P and -a turn dereferencing off, and -L turns it back on. */
function busyboxKeepsLinks(parsed: ParsedOptions): boolean {
  const noDereference = hasOption(parsed, 'a', 'archive', 'd', 'P', 'no-dereference', 'r', 'R', 'recursive');
  return noDereference && !hasOption(parsed, 'L', 'dereference');
}

/**
 * Returns the earlier copy that a copy of `source` should be a hard link of, or `undefined` when
 * the copy is a file of its own. Notes the guess when the image's cp decides.
 */
export function earlierCopy(context: CommandContext, links: LinkTracker | undefined, source: FileState, sourcePath: string): FileState | undefined {
  if (!links || source.type !== 'file' || source.inode === undefined) return undefined;
  const earlier = links.copies.get(source.inode);
  if (!earlier || links.rule === 'separate') return undefined;
  if (links.rule === 'kept') return earlier;
  addNote(context.report, `${context.name}: ${sourcePath} is a hard link to a file that this ${context.name} copies too. BusyBox cp copies it as a hard link and GNU cp as a separate file, but this prediction cannot tell which cp the image has, so it lists a separate file.`);
  return undefined;
}

/** Records the first copy of a file, so that later names of the same file can link to it. */
export function recordCopy(links: LinkTracker | undefined, source: FileState, copy: FileState): void {
  if (!links || source.type !== 'file' || source.inode === undefined) return;
  if (!links.copies.has(source.inode)) links.copies.set(source.inode, copy);
}

/** Returns whether a copy of `source` is a second name whose form (link or file) the image's cp decides. */
export function isGuessedCopy(links: LinkTracker | undefined, source: FileState): boolean {
  return links?.rule === 'unknown' && source.inode !== undefined && links.copies.has(source.inode);
}
