/**
 * Compares the files a predicted layer and a built layer both write: their sizes, their contents
 * where both sides have a digest, and with `compareModes` set, the modes of files copied from the
 * build context (see `modeMismatch`). Owners are compared in `fileOwnerComparison`, and
 * modification times are not compared.
 */
import type { ContextDigest } from '../context/contextDigests';
import type { EntryOrigin, WriteEntry } from '../model/layer';
import { compareNames } from '../model/stack';
import { formatBytes } from '../report/format';
import { modeMismatch, type ModeMismatch } from './fileModeComparison';
import type { StackedView } from './layerEffect';
import { describeFirstItems } from './namedSentences';

/** A file both layers write whose size or content differs. */
export interface ContentMismatch {
  path: string;
  predictedSize: number;
  builtSize: number;
  /** The kind of source the prediction takes the file from, so that a message can name the build context. */
  predictedOrigin: EntryOrigin['kind'] | null;
}

/** The files of a comparison whose size, content or mode differs, and those whose content was not compared. */
export interface ContentComparison {
  mismatches: ContentMismatch[];
  /** Files copied from the build context whose mode differs, in path order. It is empty unless modes were compared. */
  modeMismatches: ModeMismatch[];
  /** Files of the same size on both sides whose context file the digest budget left unread, in path order. */
  unchecked: string[];
}

/**
 * Lists, in path order, the files both layers write whose sizes differ, or whose digests differ
 * where both have one. Only a predicted file of certainty `exact` and known size counts, so an
 * estimate or a guess is never taken for a difference. A predicted file from the build context has
 * no digest of its own, so `contextDigest` gives one where the sizes agree. `compareModes` also
 * lists the files copied from the build context whose modes differ, for a step that keeps the
 * context files' modes (see `keepsContextModes`).
 */
export function compareFileContents(predicted: StackedView, built: StackedView, contextDigest?: ContextDigest, compareModes = false): ContentComparison {
  const predictedFiles = new Map<string, WriteEntry>();
  for (const { entry } of predicted.layer.entries) {
    // A later write of the same path wins, as it does when a builder extracts the layer tar.
    if (entry.op !== 'write') continue;
    if (entry.type === 'file' && entry.certainty === 'exact' && entry.size !== null) predictedFiles.set(entry.path, entry);
    else predictedFiles.delete(entry.path);
  }
  const builtFiles = new Map<string, WriteEntry>();
  for (const { entry } of built.layer.entries) {
    if (entry.op === 'write' && predictedFiles.has(entry.path)) builtFiles.set(entry.path, entry);
  }
  const mismatches: ContentMismatch[] = [];
  const unchecked: string[] = [];
  const modeMismatches: ModeMismatch[] = [];
  for (const [path, builtEntry] of builtFiles) {
    const predictedEntry = predictedFiles.get(path);
    if (predictedEntry === undefined) continue;
    const mode = compareModes ? modeMismatch(predictedEntry, builtEntry) : undefined;
    if (mode) modeMismatches.push(mode);
    const verdict = contentsDiffer(predictedEntry, builtEntry, contextDigest);
    if (verdict === 'unchecked') unchecked.push(path);
    else if (verdict) mismatches.push({ path, predictedSize: predictedEntry.size ?? 0, builtSize: builtEntry.size ?? 0, predictedOrigin: predictedEntry.origin?.kind ?? null });
  }
  const byPath = (a: { path: string }, b: { path: string }) => compareNames(a.path, b.path);
  return { mismatches: mismatches.sort(byPath), modeMismatches: modeMismatches.sort(byPath), unchecked: unchecked.sort(compareNames) };
}

/** Returns whether two files differ, or `unchecked` when their sizes agree and the digest budget left the context file unread. */
function contentsDiffer(predicted: WriteEntry, built: WriteEntry, contextDigest?: ContextDigest): boolean | 'unchecked' {
  if (built.type !== 'file' || built.size === null) return false;
  if (predicted.size !== built.size) return true;
  if (built.digest === undefined) return false;
  // NOTE: only a write whose origin is the build context gets a digest here. A copy of a context
  // file that a RUN `cp` or a `COPY --from` makes has another origin, so a same-size change shows
  // only on the line that copied the file from the context.
  const digest = predicted.digest ?? mainContextDigest(predicted, built.size, contextDigest);
  if (digest === null) return 'unchecked';
  return digest !== undefined && digest !== built.digest;
}

/** Returns the digest of the main build context's file that a predicted write copies, when it is read. */
function mainContextDigest(predicted: WriteEntry, size: number, contextDigest?: ContextDigest): string | null | undefined {
  const origin = predicted.origin;
  // A named build context is another folder, whose files this digest source does not read.
  if (!contextDigest || origin?.kind !== 'context' || origin.context !== undefined) return undefined;
  return contextDigest(origin.path, size);
}

/**
 * Describes the first `maxNamed` mismatches one sentence each (`/app/a is 121 B in the image and
 * 17 B in the build context.`), and counts the rest.
 */
export function describeContentMismatches(mismatches: readonly ContentMismatch[], maxNamed: number): string[] {
  return describeFirstItems(mismatches, maxNamed, describeMismatch, { noun: 'file', difference: 'in size or content' });
}

function describeMismatch({ path, predictedSize, builtSize, predictedOrigin }: ContentMismatch): string {
  const source = predictedOrigin === 'context' ? 'the build context' : 'the prediction';
  if (predictedSize === builtSize) return `${path} has other content in the image than in ${source}, at the same size (${formatBytes(builtSize)}).`;
  // Rounded sizes may read the same (1.2 kB and 1.2 kB), and then only the byte counts show the difference.
  const rounded = formatBytes(builtSize) !== formatBytes(predictedSize);
  const size = (bytes: number) => (rounded ? formatBytes(bytes) : `${bytes.toLocaleString('en')} B`);
  return `${path} is ${size(builtSize)} in the image and ${size(predictedSize)} in ${source}.`;
}
