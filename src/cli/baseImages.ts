/**
 * Reads the images of `explain --base-image` and `image --base-image` that the build uses, so
 * that the prediction stacks on their files, ENV, WORKDIR, USER and account files, as the
 * editor's engine images do.
 */
import type { Writable } from 'node:stream';
import { InflatedSizeError } from '../core/archive/decompress';
import { ArchiveError } from '../core/archive/errors';
import type { StageInfo } from '../core/analysis/types';
import { planBuild, type PlanOptions } from '../core/dockerfile/plan';
import { builtImageReferences, normalizeReference } from '../core/image/imageReferences';
import { knownImageOf } from '../core/image/knownImage';
import { linesOnRequestedPlatform, ownStagePlatform } from '../core/image/platformMismatch';
import { readImage } from '../core/image/readImage';
import { ImageNotFoundError } from '../core/image/resolve';
import { IMAGE_SOURCE_HINT, isNotImageArchive } from '../core/image/sourceHint';
import type { ImageData } from '../core/image/types';
import type { ImageResolver, KnownImage } from '../core/predict/baseImage';
import type { BaseImageOption } from './baseImageOptions';
import { InputError, writeWarning } from './io';

/** One image reference of the Dockerfile and the image read for it, as `explain --json` lists them. */
export interface BaseImageJson {
  /** The reference as the Dockerfile writes it, after variable expansion. */
  reference: string;
  /** SOURCE of the option: a path as given, or `docker://NAME`. */
  source: string;
  configDigest: string | null;
  platform: string | null;
}

export interface BaseImages {
  /** Lookup of the image read for a reference of the Dockerfile, or `undefined` when no image was read. */
  resolver?: ImageResolver;
  read: BaseImageJson[];
  /** The number of warnings written to standard error, which `explain --fail-on warning` counts. */
  warnings: number;
}

/**
 * Reads the image of each option whose REF the build uses; warns on `stderr` about the others
 * and about the problems reading reports, naming `command`. Rejects with an `InputError` when a
 * SOURCE cannot be read.
 */
export async function readBaseImages(options: readonly BaseImageOption[], text: string, planOptions: PlanOptions, stderr: Writable, command: 'explain' | 'image' = 'explain'): Promise<BaseImages> {
  if (options.length === 0) return { read: [], warnings: 0 };
  const references = builtImageReferences(text, planOptions);
  const stages = planBuild(text, planOptions).stages.map((stage) => stage.info);
  const known = new Map<string, KnownImage>();
  const read: BaseImageJson[] = [];
  let warnings = 0;
  for (const option of options) {
    const matching = references.filter((reference) => normalizeReference(reference) === option.normalized);
    if (matching.length === 0) {
      writeWarning(stderr, command, unusedOptionWarning(option, references));
      warnings++;
      continue;
    }
    const image = await readOptionImage(option, requestedPlatform(stages, matching, planOptions.platform));
    for (const problem of image.problems) writeWarning(stderr, command, `--base-image ${option.value}: ${problem}`);
    warnings += image.problems.length;
    known.set(option.normalized, knownImageOf(image));
    for (const reference of matching) read.push({ reference, source: image.source, configDigest: image.configDigest, platform: image.platform });
  }
  if (known.size === 0) return { read, warnings };
  return { resolver: (reference) => known.get(normalizeReference(reference)), read, warnings };
}

/** Returns the CLI's advice for an image the build reads but no `--base-image` read, as the prediction's notes give it. */
export function baseImageOptionHint(reference: string): string {
  return `To have it read, give --base-image ${reference} to read it from the engine (pull or build it first), or --base-image ${reference}=ARCHIVE for a docker save archive.`;
}

/**
 * Returns the platform to read the image of `references` for. `--platform` chooses it unless
 * every stage built on the image has its own `FROM --platform`, as the editor's check of
 * `layerLens.platform` leaves such stages out. Then the flag chooses it, when all the stages
 * name the same valid platform, and the host's platform otherwise.
 */
function requestedPlatform(stages: readonly StageInfo[], references: readonly string[], option: string | undefined): string | undefined {
  if (references.some((reference) => linesOnRequestedPlatform(stages, reference).length > 0)) return option;
  const flags = new Set(references.map((reference) => ownStagePlatform(stages, reference)));
  const [flag] = flags;
  return flags.size === 1 ? flag : undefined;
}

/**
 * Reads the image of an option. From an archive or layout of several images (`docker save node:20
 * alpine:3.20`), it reads the one tagged REF. Without that tag, it reads the only or first image.
 */
async function readOptionImage(option: BaseImageOption, platform: string | undefined): Promise<ImageData> {
  try {
    if (option.fromEngine) return await readImage(option.source, { platform });
    return await readImage(option.source, { platform, image: option.reference }).catch((error: unknown) => {
      if (error instanceof ImageNotFoundError) return readImage(option.source, { platform });
      throw error;
    });
  } catch (error) {
    if (!(error instanceof ArchiveError)) throw error;
    throw new InputError(`--base-image ${option.value} cannot be read: ${unreadableReason(option, error)}`);
  }
}

function unreadableReason(option: BaseImageOption, error: ArchiveError): string {
  // explain has no option to raise the layer limit, so the message names the command that has one.
  if (error instanceof InflatedSizeError) return `${error.finding} Check the image with "layer-lens image --max-layer-bytes N", or leave this --base-image out.`;
  if (isNotImageArchive(error, option.source)) return `${error.message} ${IMAGE_SOURCE_HINT}`;
  if (!option.fromEngine) return error.message;
  return `${error.message} Without =SOURCE, --base-image reads REF from the engine's local images and pulls nothing: pass REF=SOURCE to read an archive or OCI layout instead.`;
}

function unusedOptionWarning(option: BaseImageOption, references: readonly string[]): string {
  const used = references.length > 0 ? `it reads ${references.join(', ')}` : 'it reads no external image';
  return `--base-image ${option.value}: the build does not read ${option.reference} (${used}), so this option is ignored.`;
}
