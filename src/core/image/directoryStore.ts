/** An image store over an OCI layout folder: members are files, read on request. */
import { realpath } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { ArchiveError, messageOf } from '../archive/errors';
import { NotRegularFileError, openRegularFile, streamRegularFile } from '../files/regularFile';
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
      await this.locate(path);
      return true;
    } catch {
      return false;
    }
  }

  async readBytes(path: string): Promise<Buffer> {
    const { handle, stats } = await this.open(await this.locate(path), path);
    try {
      if (stats.size > MAX_JSON_BYTES) throw new ArchiveError(`${this.label}: ${path} is larger than ${MAX_JSON_BYTES} bytes; it is not an image document.`);
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  }

  readLayer(path: string): Promise<LayerReadResult> {
    let result = this.layers.get(path);
    if (!result) {
      result = this.locate(path).then(async (file) => readLayerTar(await this.stream(file, path), {
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

  /** Resolves a member to a file, rejecting paths and symlinks that lead outside the folder. */
  private async locate(path: string): Promise<string> {
    let file: string;
    let root: string;
    try {
      root = await realpath(this.label);
      file = await realpath(join(root, path));
    } catch (error) {
      throw new ArchiveError(`${this.label}: ${path} is missing from the layout (${messageOf(error)}).`);
    }
    if (!file.startsWith(root + sep)) throw new ArchiveError(`${this.label}: ${path} points outside the layout folder.`);
    return file;
  }
}
