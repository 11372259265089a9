/**
 * Compares the files a predicted layer and a built layer both write: their sizes, and their
 * contents where both sides have a digest. Modes, owners and modification times are not compared.
 */
import type { EntryOrigin, WriteEntry } from '../model/layer';
import { compareNames } from '../model/stack';
import { formatBytes, plural } from '../report/format';
import type { StackedView } from './layerEffect';

/** A file both layers write whose size or content differs. */
export interface ContentMismatch {
  path: string;
  predictedSize: number;
  builtSize: number;
  /** The kind of source the prediction takes the file from, so that a message can name the build context. */
  predictedOrigin: EntryOrigin['kind'] | null;
}

/**
 * Lists, in path order, the files both layers write whose sizes differ, or whose digests differ
 * where both have one. Only a predicted file of certainty `exact` and known size counts, so an
 * estimate or a guess is never taken for a difference.
 * NOTE: predicted COPY and ADD entries carry no digest, because the build context is not hashed.
 * So a context file changed to other bytes of the same size goes unnoticed.
 */
export function compareFileContents(predicted: StackedView, built: StackedView): ContentMismatch[] {
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
  for (const [path, builtEntry] of builtFiles) {
    const predictedEntry = predictedFiles.get(path);
    if (predictedEntry === undefined || !contentsDiffer(predictedEntry, builtEntry)) continue;
    mismatches.push({ path, predictedSize: predictedEntry.size ?? 0, builtSize: builtEntry.size ?? 0, predictedOrigin: predictedEntry.origin?.kind ?? null });
  }
  return mismatches.sort((a, b) => compareNames(a.path, b.path));
}

function contentsDiffer(predicted: WriteEntry, built: WriteEntry): boolean {
  if (built.type !== 'file' || built.size === null) return false;
  if (predicted.size !== built.size) return true;
  return predicted.digest !== undefined && built.digest !== undefined && predicted.digest !== built.digest;
}

/**
 * Describes the first `maxNamed` mismatches one sentence each (`/app/a is 121 B in the image and
 * 17 B in the build context.`), and counts the rest.
 */
export function describeContentMismatches(mismatches: readonly ContentMismatch[], maxNamed: number): string[] {
  const sentences = mismatches.slice(0, maxNamed).map(describeMismatch);
  const rest = mismatches.length - maxNamed;
  if (rest > 0) sentences.push(rest === 1 ? '1 more file differs in size or content.' : `${plural(rest, 'more file')} differ in size or content.`);
  return sentences;
}

function describeMismatch({ path, predictedSize, builtSize, predictedOrigin }: ContentMismatch): string {
  const source = predictedOrigin === 'context' ? 'the build context' : 'the prediction';
  if (predictedSize === builtSize) return `${path} has other content in the image than in ${source}, at the same size (${formatBytes(builtSize)}).`;
  // Rounded sizes may read the same (1.2 kB and 1.2 kB), and then only the byte counts show the difference.
  const rounded = formatBytes(builtSize) !== formatBytes(predictedSize);
  const size = (bytes: number) => (rounded ? formatBytes(bytes) : `${bytes.toLocaleString('en')} B`);
  return `${path} is ${size(builtSize)} in the image and ${size(predictedSize)} in ${source}.`;
}
