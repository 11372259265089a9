/**
 * Real images for one analysis run: the base images the prediction stacks on, the builder the
 * linked image was built with, and the merge of the prediction with that image.
 * The logic is the core's (`linkDockerfile`, `knownImageOf`, `linkAnalysis`); this class fetches
 * the images and hands them over.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Analysis } from '../../core/analysis/types';
import { ContextDigests, type ContextDigest } from '../../core/context/contextDigests';
import type { BuildahFormat, BuilderKind } from '../../core/dockerfile/builders';
import type { InspectedImage } from '../../core/image/engine/inspectedImage';
import { builtImageReferences, tagMatchesReference } from '../../core/image/imageReferences';
import { knownImageOf } from '../../core/image/knownImage';
import { hasLinkedBaseLayers } from '../../core/image/linkedBaseLayers';
import { buildahFormatOf, builderKindOf, linkedBaseImage, rootBaseOf } from '../../core/image/linkedBuild';
import { linkDockerfile, type DockerfileLink, type LinkOptions } from '../../core/image/linkDockerfile';
import { linkAnalysis } from '../../core/image/linkedAnalysis';
import type { ImageData } from '../../core/image/types';
import type { ImageResolver, KnownImage, UnreadImageHint } from '../../core/predict/baseImage';
import { errorMessage, type Notifier } from '../log';
import { settingNoticeText } from '../settingProblems';
import { engineSettingFile, readsEngineImages } from '../settings';
import type { EngineListing, ImageLibrary } from './imageLibrary';
import type { ImageLinks } from './imageLinks';
import { describeSpec } from './imageSpec';
import { basePlatformProblems, linkedPlatformProblems } from './platformProblems';
import { unreadImageHintText, type UnreadImageCause } from './unreadImageHint';

/** The Dockerfile and options of one analysis run. */
export interface ImageRequest {
  uri: vscode.Uri;
  text: string;
  target?: string;
  buildArgs: Record<string, string>;
  /** The value of `layerLens.platform`; absent for the host's platform. */
  platform?: string;
}

/** The additions to one analysis run. */
export interface PreparedImages {
  images?: ImageResolver;
  /** The advice on having each unread image of the build read, naming the cause that applies this run. */
  unreadImageHint?: UnreadImageHint;
  builder?: BuilderKind;
  /**
   * `docker` when the linked image's configuration shows buildah's Docker format, else absent, so
   * that `layerLens.buildahFormat` applies: an image pushed as `oci:` no longer shows it.
   */
  buildahFormat?: BuildahFormat;
  /** The build arguments to predict with: the request's, and those the linked image records for the others. */
  buildArgs?: Record<string, string>;
  /** Merges the prediction with the linked image; returns the prediction when none is linked. */
  finish(prediction: Analysis): Analysis;
}

/** The linked image's own base layers, which the prediction uses as the image of the reference the target's chain starts from. */
type LinkedBase = NonNullable<ReturnType<typeof linkedBaseImage>>;

/** The engine's images added to one run, and the advice for the images the run does not read. */
interface LocalImages {
  added: Map<string, ImageData>;
  /** The engine's image of the linked build's root base, inspected instead of read. */
  inspectedRoot?: { reference: string; image: InspectedImage };
  hint: UnreadImageHint;
}

export class ImageSupport {
  /** The digests of build context files, kept so that an unchanged file is read once. */
  private readonly contextDigests = new Map<string, ContextDigests>();

  constructor(
    private readonly links: ImageLinks,
    private readonly library: ImageLibrary,
    private readonly notifier: Notifier,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /**
   * Reads what the run needs: the linked image, and the engine's local base images. The link is
   * planned again with the configurations of the engine's images, so that the layers of a base
   * image's ONBUILD triggers map to the FROM line, as with `layer-lens image --base-image`. That
   * needs the engine's root base image to have the linked image's base layers.
   */
  async prepare(request: ImageRequest): Promise<PreparedImages> {
    const linked = await this.linkedImage(request);
    const linkOptions = { path: request.uri.fsPath, target: request.target, buildArgs: request.buildArgs };
    const plainLink = linked ? linkDockerfile(linked, request.text, linkOptions) : undefined;
    // The prediction stacks on the linked image's own base layers, so the engine's copy of the
    // root base only gives its configuration and diff IDs, which an inspect request returns.
    const inspectedRoot = plainLink && plainLink.mapping.baseEntries > 0 ? rootBaseOf(plainLink) : undefined;
    const known = new Map<string, KnownImage>();
    const localImages = await this.addLocalImages({ ...request, buildArgs: plainLink?.buildArgs ?? request.buildArgs }, known, inspectedRoot);
    const { link, base } = linked && plainLink ? this.linkWithEngineBases(linked, plainLink, request.text, linkOptions, localImages, known) : { link: plainLink, base: undefined };
    if (base) {
      // The prediction stacks on the linked image's own base layers, so the engine's copy gets no platform warning.
      known.set(base.reference, base.known);
      localImages.added.delete(base.reference);
    }
    return {
      images: known.size > 0 ? (reference) => known.get(reference) : undefined,
      unreadImageHint: localImages.hint,
      builder: link ? builderKindOf(link.mapping.builder) : undefined,
      buildahFormat: linked && buildahFormatOf(linked) === 'docker' ? 'docker' : undefined,
      buildArgs: link?.buildArgs,
      finish: (prediction) => this.warnOfPlatforms(linked && link ? linkAnalysis(prediction, linked, link, this.digestsOf(prediction.contextPath)) : prediction, request.platform, localImages.added, linked),
    };
  }

  /**
   * Plans the link again with the configurations of the engine's images, and returns it with the
   * linked image's own base layers. The engine's image of the root base counts only when its
   * layers are the linked image's base layers. Otherwise the link stays planned without
   * configurations, and its FROM line keeps the info on ONBUILD triggers.
   */
  private linkWithEngineBases(linked: ImageData, plainLink: DockerfileLink, text: string, options: LinkOptions, localImages: LocalImages, known: ReadonlyMap<string, KnownImage>): { link: DockerfileLink; base: LinkedBase | undefined } {
    const { added, inspectedRoot } = localImages;
    if (added.size === 0 && !inspectedRoot) return { link: plainLink, base: linkedBaseImage(linked, plainLink) };
    const baseConfigs = (reference: string) => {
      if (reference === inspectedRoot?.reference) return inspectedRoot.image.config;
      return added.has(reference) ? known.get(reference)?.config : undefined;
    };
    const link = linkDockerfile(linked, text, { ...options, baseImages: baseConfigs });
    const root = rootBaseOf(link);
    const engineBase = root === undefined ? undefined : engineDiffIds(root, localImages);
    if (engineBase && !hasLinkedBaseLayers(engineBase.diffIds, linked, link)) {
      this.log.info(`Linking ${plainLink.path} without the configuration of the engine's image ${root} (${engineBase.source}): its layers are not the base layers of the linked image ${linked.source}, because the tag has moved since the build or names another image.`);
      return { link: plainLink, base: linkedBaseImage(linked, plainLink) };
    }
    return { link, base: linkedBaseImage(linked, link, baseConfigs) };
  }

  /** Returns a digest source for one comparison, from a cache per build context kept across analyses. */
  private digestsOf(contextPath: string): ContextDigest {
    let digests = this.contextDigests.get(contextPath);
    if (!digests) {
      digests = new ContextDigests(contextPath);
      this.contextDigests.set(contextPath, digests);
    }
    return digests.forComparison();
  }

  /** Adds the warnings of engine and linked images for another platform than `layerLens.platform`, and logs them. */
  private warnOfPlatforms(analysis: Analysis, platform: string | undefined, localImages: ReadonlyMap<string, ImageData>, linked: ImageData | undefined): Analysis {
    const problems = [...(linked ? linkedPlatformProblems(analysis, platform, linked) : []), ...basePlatformProblems(analysis, platform, localImages)];
    // Two FROM lines on one image get one message each, but one notification.
    for (const message of new Set(problems.map((problem) => problem.message))) this.notifier.warn(settingNoticeText(message));
    return problems.length === 0 ? analysis : { ...analysis, problems: [...problems, ...analysis.problems] };
  }

  private async linkedImage(request: ImageRequest): Promise<ImageData | undefined> {
    const spec = this.links.get(request.uri);
    if (!spec) return undefined;
    try {
      return await this.library.readQuietly(spec);
    } catch (error) {
      this.notifier.error(`Layer Lens could not read ${describeSpec(spec)}, linked to ${path.basename(request.uri.fsPath)}: ${errorMessage(error)}`, error);
      return undefined;
    }
  }

  /**
   * Adds the engine's local copies of the images the build reads, other than those already known:
   * also the base of a stage the target only copies from, which shapes the files it copies.
   * The image of `inspectedRoot` is inspected, not read. Returns the images it added, by
   * reference, and the advice for the images it did not add.
   */
  private async addLocalImages(request: ImageRequest, known: Map<string, KnownImage>, inspectedRoot: string | undefined): Promise<LocalImages> {
    const added = new Map<string, ImageData>();
    const unavailable = await this.engineUnavailable(request.uri);
    if (unavailable) return { added, hint: (reference) => unreadImageHintText(reference, unavailable) };
    const causes = new Map<string, UnreadImageCause>();
    let inspected: LocalImages['inspectedRoot'];
    for (const reference of builtImageReferences(request.text, { target: request.target, buildArgs: request.buildArgs, platform: request.platform })) {
      if (known.has(reference)) continue;
      if (reference === inspectedRoot) {
        const image = await this.library.inspectLocalImage(reference);
        if (image) inspected = { reference, image };
        else causes.set(reference, await this.missingImageCause(reference));
        continue;
      }
      const image = await this.library.localImage(reference);
      if (!image) {
        causes.set(reference, await this.missingImageCause(reference));
        continue;
      }
      this.log.debug(`Stacking the prediction of ${request.uri.fsPath} on the local image ${reference}`);
      known.set(reference, knownImageOf(image));
      added.set(reference, image);
    }
    // An image no stage of the target's build reads was not looked for, so the core's neutral advice stays.
    return {
      added,
      inspectedRoot: inspected,
      hint: (reference) => {
        const cause = causes.get(reference);
        return cause && unreadImageHintText(reference, cause);
      },
    };
  }

  /** Returns why this run reads no image from the engine, or `undefined` when the engine listed its images. */
  private async engineUnavailable(dockerfile: vscode.Uri): Promise<UnreadImageCause | undefined> {
    if (!readsEngineImages(dockerfile)) return { kind: 'settingOff', settingsFile: engineSettingFile(dockerfile) };
    if (!vscode.workspace.isTrusted) return { kind: 'untrusted' };
    const listing = await this.library.listEngineImages();
    return listing.ok ? undefined : noEngineCause(listing);
  }

  /**
   * Tells an image the engine does not have from one it has but could not read. The listing is
   * the one `localImage` used, because the library keeps it for some seconds.
   */
  private async missingImageCause(reference: string): Promise<UnreadImageCause> {
    const listing = await this.library.listEngineImages();
    if (!listing.ok) return noEngineCause(listing);
    const listed = listing.images.some((image) => image.repoTags.some((tag) => tagMatchesReference(tag, reference)));
    return listed ? { kind: 'unreadable', where: listing.where } : { kind: 'notInEngine', where: listing.where };
  }
}

/** Returns the layer diff IDs of the engine's image of `reference`, whether it was inspected or read, with its source for the log. */
function engineDiffIds(reference: string, localImages: LocalImages): { diffIds: string[]; source: string } | undefined {
  const { inspectedRoot, added } = localImages;
  if (reference === inspectedRoot?.reference) return { diffIds: inspectedRoot.image.diffIds, source: `docker://${inspectedRoot.image.id}` };
  const image = added.get(reference);
  return image && { diffIds: image.layers.map((layer) => layer.diffId), source: image.source };
}

/** Returns the cause for a failed listing; the endpoint reads DOCKER_HOST from this process's environment. */
function noEngineCause(listing: Extract<EngineListing, { ok: false }>): UnreadImageCause {
  if (listing.connectCode === 'EACCES' && listing.where !== undefined) return { kind: 'socketDenied', where: listing.where };
  return { kind: 'noEngine', where: listing.where, reason: listing.reason, dockerHost: process.env.DOCKER_HOST?.trim() || undefined, connectCode: listing.connectCode };
}
