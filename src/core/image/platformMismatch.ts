/**
 * Finds a requested platform that an image read for a build is not for. The CLI's `--platform`
 * and the editor's `layerLens.platform` share this check and word the result each in their own terms.
 */
import type { StageInfo } from '../analysis/types';
import { formatPlatform, parsePlatform, platformMatches, type Platform } from './platform';

/** An image whose platform differs from the one requested. */
export interface PlatformMismatch {
  /** The platform requested, as given. */
  requested: string;
  /** The image's platform, as `os/arch[/variant]`. */
  actual: string;
  /**
   * Whether the source offered several platforms, so that an image ID given to `--image` chose
   * this one. Otherwise the source contains one image only, and that image is read.
   */
  chosenById: boolean;
}

/**
 * Compares the platform requested with the image's. Returns `undefined` when either is absent or
 * not a platform, or when the image's matches. A request without a variant accepts any variant.
 */
export function findPlatformMismatch(requested: string | undefined, actual: string | null, offered: readonly string[]): PlatformMismatch | undefined {
  if (requested === undefined || actual === null) return undefined;
  const requestedPlatform = parsePlatform(requested);
  const actualPlatform = parsePlatform(actual);
  if (!requestedPlatform || !actualPlatform || platformMatches(actualPlatform, requestedPlatform)) return undefined;
  return { requested, actual, chosenById: offered.length > 1 };
}

/** Words a mismatch for `--platform`, as the image readers report it among an image's problems. */
export function describePlatformMismatch(mismatch: PlatformMismatch): string {
  const { requested, actual } = mismatch;
  if (mismatch.chosenById) return `the image is for ${actual}, not ${requested}; the image ID given to --image chose it.`;
  return `the image is for ${actual}, not ${requested}; it holds one image only, so that one is read.`;
}

/**
 * Lists the FROM lines of the stages built on the image `reference` whose platform the requested
 * platform chooses: those without their own `FROM --platform`, because that flag chooses the
 * platform of its stage. Returns line 1 when no stage is built on the image, which only
 * `COPY --from` then reads, for the requested platform.
 */
export function linesOnRequestedPlatform(stages: readonly StageInfo[], reference: string): number[] {
  const built = stages.filter((stage) => stage.parentStage === null && stage.baseResolved === reference);
  if (built.length === 0) return [1];
  return built.filter((stage) => stage.platform === null).map((stage) => stage.line);
}

/**
 * Returns the platform that the `FROM --platform` flags of the stages built on `reference` name,
 * when every such stage has one and all name the same valid platform. Returns `undefined`
 * otherwise, also when no stage is built on it.
 */
export function ownStagePlatform(stages: readonly StageInfo[], reference: string): string | undefined {
  const flags = new Set(stages.filter((stage) => stage.parentStage === null && stage.baseResolved === reference).map((stage) => stage.platform));
  if (flags.size !== 1) return undefined;
  const [flag] = flags;
  return flag !== null && parsePlatform(flag) ? flag : undefined;
}

/**
 * Describes an image whose config names another platform than the index entry that lists it,
 * or returns `undefined` when they agree or either is missing. Os and architecture must be
 * equal. A variant counts only when both name one, because either may leave it out (`arm64`
 * and `arm64/v8` are the same platform).
 */
export function describeIndexConfigMismatch(indexPlatform: string | null, configPlatform: Platform | undefined): string | undefined {
  const listed = indexPlatform === null ? undefined : parsePlatform(indexPlatform);
  if (!listed || !configPlatform) return undefined;
  const sameVariant = listed.variant === undefined || configPlatform.variant === undefined || listed.variant === configPlatform.variant;
  if (listed.os === configPlatform.os && listed.architecture === configPlatform.architecture && sameVariant) return undefined;
  const config = formatPlatform(configPlatform);
  return `the index lists the image for ${indexPlatform}, but its config is for ${config}, so its layers may hold ${config} files. The image is reported as ${indexPlatform}, as the index lists it.`;
}
