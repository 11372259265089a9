/**
 * Compares the mode of a file that a step copies from the build context with the mode the built
 * layer stores for it. COPY and ADD without --chmod keep a context file's permission bits, as
 * Docker Engine 20.10's classic builder and buildah 1.28.2 did in recorded builds. So a different
 * mode in the image shows that the context file's mode changed since the build.
 */
import type { PlannedStep } from '../dockerfile/plan';
import type { WriteEntry } from '../model/layer';
import { describeFirstItems } from './namedSentences';

/** A file copied from the build context whose mode in the image differs from the context file's. */
export interface ModeMismatch {
  path: string;
  /** The context file's mode, without the setuid bit, which builders drop. */
  predictedMode: number;
  builtMode: number;
}

/**
 * The mode bits compared: the permission bits except group and other write. The recorded classic
 * builder and buildah drop the setuid bit (4755 becomes 0755). No recording shows what BuildKit
 * does with the special bits, or whether a builder's umask clears group or other write.
 */
const COMPARED_BITS = 0o755;

/**
 * Tells whether a step stores the build context files it copies with the modes they have in the
 * context, so that their modes can be compared with the image's. A --chmod flag sets other modes.
 * On Windows, files have no execute bits, so the mode read from a context file there does not
 * predict the mode the image stores.
 */
export function keepsContextModes(step: PlannedStep | undefined, platform: NodeJS.Platform = process.platform): boolean {
  return platform !== 'win32' && step?.copy !== undefined && !step.copy.chmod;
}

/**
 * Returns how the modes of a predicted file and the built file at the same path differ, or
 * `undefined` when they agree or cannot be compared. Only a predicted file copied from the build
 * context with an exact, known mode counts, so that an estimate is never taken for a difference.
 */
export function modeMismatch(predicted: WriteEntry, built: WriteEntry): ModeMismatch | undefined {
  if (predicted.origin?.kind !== 'context' || predicted.type !== 'file' || predicted.certainty !== 'exact' || predicted.mode === null) return undefined;
  if (built.type !== 'file' || built.mode === null) return undefined;
  if ((predicted.mode & COMPARED_BITS) === (built.mode & COMPARED_BITS)) return undefined;
  return { path: predicted.path, predictedMode: predicted.mode, builtMode: built.mode };
}

/**
 * Describes the first `maxNamed` mismatches one sentence each (`/app/run.sh has mode 0644 in the
 * image and 0755 in the build context, …`), and counts the rest.
 */
export function describeModeMismatches(mismatches: readonly ModeMismatch[], maxNamed: number): string[] {
  return describeFirstItems(mismatches, maxNamed, describeMismatch, { noun: 'file', difference: 'in mode' });
}

function describeMismatch({ path, predictedMode, builtMode }: ModeMismatch): string {
  const context = octal(predictedMode);
  return `${path} has mode ${octal(builtMode)} in the image and ${context} in the build context, so the file's mode likely changed after the build, and a rebuild would store ${context}.`;
}

function octal(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}
