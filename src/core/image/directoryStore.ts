/** An image store over an OCI layout folder: members are files, read on request. */
import { realpath } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { ArchiveError, messageOf } from '../archive/errors';
import { describeError, isMissing } from '../context/ignoreFile';
import { NotRegularFileError, openRegularFile, streamRegularFile } from '../files/regularFile';
import { oversizedDocumentError } from './archiveMembers';
import { MAX_JSON_BYTES } from './formats';
import { readLayerTar, type LayerReadResult } from './layerTar';
import type { ImageStore } from './store';

export interface DirectoryStoreOptions {
  maxLayerBytes?: number;
  signal?: AbortSignal;
  onBytes?: (bytes: number) => void;
}

export class DirectoryStore implements ImageStore {
  /** Layer blobs are separate files, so several can be read at once. */
  readonly layerConcurrency = 4;
  private readonly layers = new Map<string, Promise<LayerReadResult>>();

  constructor(
    readonly label: string,
    private readonly options: DirectoryStoreOptions = {},
  ) {}

  async has(path: string): Promise<boolean> {
    try {
      await locateInLayout(this.label, path);
      return true;
    } catch {
      return false;
    }
  }

  async readBytes(path: string): Promise<Buffer> {
    const { handle, stats } = await this.open(await locateInLayout(this.label, path), path);
    try {
      if (stats.size > MAX_JSON_BYTES) throw oversizedDocumentError(this.label, path);
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  }

  readLayer(path: string): Promise<LayerReadResult> {
    let result = this.layers.get(path);
    if (!result) {
      result = locateInLayout(this.label, path).then(async (file) => readLayerTar(await this.stream(file, path), {
        label: `${this.label}: ${path}`,
        maxBytes: this.options.maxLayerBytes,
        signal: this.options.signal,
        onBytes: this.options.onBytes,
      }));
      this.layers.set(path, result);
    }
    return result;
  }

  /** Opens a blob, rejecting FIFOs, sockets and folders, whose reading could block or fail. */
  private async open(file: string, path: string): ReturnType<typeof openRegularFile> {
    try {
      return await openRegularFile(file);
    } catch (error) {
      throw this.openFailure(path, error);
    }
  }

  private async stream(file: string, path: string): ReturnType<typeof streamRegularFile> {
    try {
      return await streamRegularFile(file);
    } catch (error) {
      throw this.openFailure(path, error);
    }
  }

  private openFailure(path: string, error: unknown): ArchiveError {
    if (error instanceof NotRegularFileError) return new ArchiveError(`${this.label}: ${path} is a ${error.kind}, not a file; the layout is damaged.`);
    return new ArchiveError(`${this.label}: ${path} cannot be read: ${messageOf(error)}.`);
  }
}

/**
 * Resolves the member `path` of the layout at `folder` to a file, following symlinks. Rejects
 * paths and symlinks that lead outside the folder, since a layout may come from anyone.
 */
export async function locateInLayout(folder: string, path: string): Promise<string> {
  let root: string;
  let file: string;
  try {
    root = await realpath(folder);
    file = await realpath(join(root, path));
  } catch (error) {
    if (isMissing(error)) throw new ArchiveError(`${folder}: ${path} is missing from the layout, so the layout is incomplete. Copy the folder again, or export the image again.`, { cause: error });
    throw new ArchiveError(`${folder}: ${path} cannot be read (${describeError(error)}).`, { cause: error });
  }
  if (!file.startsWith(root + sep)) throw new ArchiveError(`${folder}: ${path} points outside the layout folder.`);
  return file;
}
