/**
 * Reads images for the editor and keeps them for the session: linked archives and engine images,
 * and the engine's local base images. The engine is contacted only in a trusted workspace, and
 * only with the read-only calls of `EngineClient` (list, inspect, export), so nothing is pulled.
 */
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { EngineClient, EngineUnreachableError, type EngineImageSummary } from '../../core/image/engine/client';
import { describeEndpoint, resolveEngineEndpoint } from '../../core/image/engine/endpoint';
import { inspectImageLayers, type InspectedImage } from '../../core/image/engine/inspectedImage';
import { tagMatchesReference } from '../../core/image/imageReferences';
import { readImage } from '../../core/image/readImage';
import type { ImageData, ImageProgress, ImageSource } from '../../core/image/types';
import { formatBytes, plural } from '../format';
import { errorMessage } from '../log';
import { baseImageWarning, listingWarning } from './engineWarning';
import { describeSpec, toImageSource, type ImageSpec } from './imageSpec';

/**
 * The engine's images, or the reason it cannot be used. `connectCode` is Node's error code when
 * the connection failed before any response (`ENOENT` for a missing socket, `EACCES` for one this
 * user may not open), because each calls for other advice than a stopped engine.
 */
export type EngineListing = { ok: true; where: string; images: EngineImageSummary[] } | { ok: false; reason: string; where?: string; connectCode?: string };

/** The options `ImageLibrary` passes to the reader. */
export interface ReadOptions {
  signal?: AbortSignal;
  onProgress: (progress: ImageProgress) => void;
}

/** How long a listing of the engine's images is reused before the engine is asked again. */
const listingLifetimeMs = 10_000;
/** Milliseconds the engine may stay silent before a listing fails, so a dead socket does not stall an analysis. */
const listingTimeoutMs = 5_000;

export class ImageLibrary {
  private readonly images = new Map<string, Promise<ImageData>>();
  /** Inspected engine images by image ID, which names the same content for the whole session. */
  private readonly inspected = new Map<string, Promise<InspectedImage>>();
  private listing: { at: number; result: Promise<EngineListing> } | undefined;
  /** Reasons for failed listings that this session has shown to the user. */
  private readonly reportedFailures = new Set<string>();

  /** `readSource` reads one image; tests pass a wrapper of `readImage` that counts reads. */
  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly readSource: (source: ImageSource, options: ReadOptions) => Promise<ImageData> = readImage,
  ) {}

  /** Returns the image of a spec read earlier in this session, if any. */
  cached(spec: ImageSpec): Promise<ImageData> | undefined {
    return this.images.get(describeSpec(spec));
  }

  /**
   * Reads an image with a cancellable notification that counts layers, replacing any copy read
   * earlier. Rejects with an abort error when the user cancels.
   */
  readWithNotification(spec: ImageSpec): Promise<ImageData> {
    const title = `Layer Lens: reading ${describeSpec(spec)}`;
    const reading = vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return this.read(spec, controller.signal, progressReporter(progress));
    });
    return this.keep(spec, reading);
  }

  /**
   * Returns the cached image of a spec, or reads it with progress in the status bar.
   * NOTE: an archive rewritten on disk is not read again until "Analyze Image..." links it anew.
   */
  readQuietly(spec: ImageSpec): Promise<ImageData> {
    const cached = this.cached(spec);
    if (cached) return cached;
    const title = `Layer Lens: reading ${describeSpec(spec)}`;
    const reading = vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, (progress) =>
      this.read(spec, undefined, progressReporter(progress)),
    );
    return this.keep(spec, reading);
  }

  /** Lists the engine's images, or returns why it cannot: in an untrusted workspace, without contacting it. */
  listEngineImages(): Promise<EngineListing> {
    if (!vscode.workspace.isTrusted) {
      return Promise.resolve({ ok: false, reason: 'The workspace is not trusted, so Layer Lens does not contact the container engine.' });
    }
    if (this.listing && Date.now() - this.listing.at < listingLifetimeMs) return this.listing.result;
    const result = this.fetchListing();
    this.listing = { at: Date.now(), result };
    return result;
  }

  /**
   * Reads the engine's local image for `reference`, if the workspace is trusted and the engine has
   * one with that tag. Returns `undefined` otherwise; failures go to the log.
   */
  async localImage(reference: string): Promise<ImageData | undefined> {
    const local = await this.findLocalImage(reference);
    if (!local) return undefined;
    const { listing, found } = local;
    // Reading by ID keeps the cache right when the tag moves to another image.
    try {
      return await this.readQuietly({ kind: 'engine', name: found.id });
    } catch (error) {
      this.log.warn(baseImageWarning('read', { reference, id: found.id, where: listing.where }, errorMessage(error)));
      return undefined;
    }
  }

  /**
   * Inspects the engine's local image for `reference` without exporting its layers, under the
   * same conditions as `localImage`. Returns `undefined` when there is none or the request fails,
   * and logs the failure.
   */
  async inspectLocalImage(reference: string): Promise<InspectedImage | undefined> {
    const local = await this.findLocalImage(reference);
    if (!local) return undefined;
    const { listing, found } = local;
    let inspecting = this.inspected.get(found.id);
    if (!inspecting) {
      inspecting = this.inspectById(found.id);
      this.inspected.set(found.id, inspecting);
      // A failed request is not kept, so the next analysis sends it again.
      inspecting.catch(() => this.inspected.delete(found.id));
    }
    try {
      return await inspecting;
    } catch (error) {
      this.log.warn(baseImageWarning('inspect', { reference, id: found.id, where: listing.where }, errorMessage(error)));
      return undefined;
    }
  }

  /** Drops the listing, so the next request lists the engine's images again. */
  forgetListing(): void {
    this.listing = undefined;
  }

  /** Returns whether a listing failed for `reason` for the first time this session, and remembers it. */
  isNewListingFailure(reason: string): boolean {
    if (this.reportedFailures.has(reason)) return false;
    this.reportedFailures.add(reason);
    return true;
  }

  /** Returns the engine's image tagged `reference` with the listing it is in, or `undefined` when the engine cannot be listed or has no such tag. */
  private async findLocalImage(reference: string): Promise<{ listing: Extract<EngineListing, { ok: true }>; found: EngineImageSummary } | undefined> {
    const listing = await this.listEngineImages();
    if (!listing.ok) return undefined;
    const found = listing.images.find((image) => image.repoTags.some((tag) => tagMatchesReference(tag, reference)));
    return found ? { listing, found } : undefined;
  }

  private keep(spec: ImageSpec, reading: Thenable<ImageData>): Promise<ImageData> {
    const key = describeSpec(spec);
    const promise = Promise.resolve(reading);
    this.images.set(key, promise);
    // A failed read is not kept, so the next request tries again.
    promise.catch(() => {
      if (this.images.get(key) === promise) this.images.delete(key);
    });
    return promise;
  }

  private async read(spec: ImageSpec, signal: AbortSignal | undefined, onProgress: (progress: ImageProgress) => void): Promise<ImageData> {
    if (spec.kind === 'engine' && !vscode.workspace.isTrusted) {
      throw new Error(`Cannot read ${describeSpec(spec)}: the workspace is not trusted, so Layer Lens does not contact the container engine. Trust the workspace, or link an image archive inside it.`);
    }
    const started = Date.now();
    const image = await this.readSource(toImageSource(spec), { signal, onProgress });
    this.log.info(`Read ${describeSpec(spec)} in ${Date.now() - started} ms: ${plural(image.layers.length, 'layer')}, ${plural(image.steps.length, 'history entry', 'history entries')}`);
    for (const problem of image.problems) this.log.warn(`${describeSpec(spec)}: ${problem}`);
    return image;
  }

  private async inspectById(id: string): Promise<InspectedImage> {
    return inspectImageLayers(new EngineClient(resolveEngineEndpoint({ env: process.env, exists: existsSync })), id);
  }

  private async fetchListing(): Promise<EngineListing> {
    let client: EngineClient;
    try {
      client = new EngineClient(resolveEngineEndpoint({ env: process.env, exists: existsSync }), { idleTimeoutMs: listingTimeoutMs });
    } catch (error) {
      return { ok: false, reason: errorMessage(error) };
    }
    const where = describeEndpoint(client.endpoint);
    try {
      return { ok: true, where, images: await client.listImages() };
    } catch (error) {
      this.log.info(listingWarning(where, errorMessage(error)));
      return { ok: false, reason: errorMessage(error), where, connectCode: error instanceof EngineUnreachableError ? error.code : undefined };
    }
  }
}

/** Turns the reader's progress into "layer i of n" with the bytes read so far. */
function progressReporter(progress: vscode.Progress<{ message?: string; increment?: number }>): (update: ImageProgress) => void {
  let reported = 0;
  return ({ layersRead, layers, bytes }) => {
    const layerText = layers === null ? 'reading the manifest' : `layer ${Math.min(layersRead + 1, layers)} of ${layers}`;
    const share = layers ? (layersRead / layers) * 100 : 0;
    progress.report({ message: `${layerText}, ${formatBytes(bytes)}`, increment: share - reported });
    reported = share;
  };
}
