/**
 * A read-only client of the Docker Engine API (Podman serves the same calls) over Node's `http`.
 * It only sends GET requests: it never pulls, deletes or builds.
 */
import { request, type IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { ArchiveError, messageOf } from '../../archive/errors';
import { describeEndpoint, type EngineEndpoint } from './endpoint';

export interface EngineClientOptions {
  /** Milliseconds without any data before a request fails; the default is 30 s. */
  idleTimeoutMs?: number;
  /**
   * Milliseconds a metadata request (image list, inspect, history) may take in all; the default
   * is 60 s. The image export has no such bound, because a large image takes long to stream.
   */
  deadlineMs?: number;
}

export interface EngineImageSummary {
  id: string;
  repoTags: string[];
  size: number;
}

const MAX_RESPONSE_JSON_BYTES = 64 * 1024 * 1024;

/**
 * Returns what to do when the engine stops sending: a busy or stuck engine responds to
 * `docker version` slowly or not at all, and a saved archive is read without the engine.
 */
export function idleAdvice(image = 'IMAGE'): string {
  return `Check that the engine answers \`docker version\`, then run the command again, or save the image with \`docker save -o FILE ${image}\` and read FILE.`;
}

/**
 * A request to the engine that received no data for `idleTimeoutMs`. The message names the
 * endpoint and the request. A caller that has the image name builds its own message from these
 * fields.
 */
export class EngineIdleTimeoutError extends ArchiveError {
  constructor(
    readonly endpoint: string,
    readonly request: string,
    readonly idleTimeoutMs: number,
  ) {
    super(`${endpoint}: ${request} timed out after ${idleTimeoutMs} ms without data. ${idleAdvice()}`);
  }
}

export class EngineClient {
  private readonly idleTimeoutMs: number;
  private readonly deadlineMs: number;

  constructor(
    readonly endpoint: EngineEndpoint,
    options: EngineClientOptions = {},
  ) {
    this.idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
    this.deadlineMs = options.deadlineMs ?? 60_000;
  }

  async listImages(signal?: AbortSignal): Promise<EngineImageSummary[]> {
    const list = await this.getJson('/images/json', 'the image list', signal);
    if (!Array.isArray(list)) throw new ArchiveError(`${describeEndpoint(this.endpoint)} returned an image list that is not a list.`);
    return list.map((item: Record<string, unknown>) => ({
      id: String(item.Id ?? ''),
      repoTags: Array.isArray(item.RepoTags) ? item.RepoTags.map(String) : [],
      size: typeof item.Size === 'number' ? item.Size : 0,
    }));
  }

  inspectImage(name: string, signal?: AbortSignal): Promise<unknown> {
    return this.getJson(`/images/${encodeName(name)}/json`, describeImageName(name), signal);
  }

  imageHistory(name: string, signal?: AbortSignal): Promise<unknown> {
    return this.getJson(`/images/${encodeName(name)}/history`, describeImageName(name), signal);
  }

  /** Streams `docker save` of one image (a docker-archive tar) without buffering it. */
  exportImage(name: string, signal?: AbortSignal): Promise<Readable> {
    return this.get(`/images/${encodeName(name)}/get`, describeImageName(name), signal);
  }

  private async getJson(path: string, what: string, signal?: AbortSignal): Promise<unknown> {
    // The idle timeout alone lets an engine that sends a byte now and then hold a request open forever.
    const response = await this.get(path, what, signal, this.deadlineMs);
    const chunks: Buffer[] = [];
    let length = 0;
    for await (const chunk of response) {
      length += (chunk as Buffer).length;
      if (length > MAX_RESPONSE_JSON_BYTES) {
        response.destroy();
        throw new ArchiveError(`${describeEndpoint(this.endpoint)}: the response for ${what} is larger than ${MAX_RESPONSE_JSON_BYTES} bytes.`);
      }
      chunks.push(chunk as Buffer);
    }
    try {
      return JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch (error) {
      throw new ArchiveError(`${describeEndpoint(this.endpoint)}: the response for ${what} is not valid JSON (${messageOf(error)}).`);
    }
  }

  /**
   * Sends a GET and resolves with the response once its status is 200. With `deadlineMs`, the
   * request and the reading of its body fail with an `ArchiveError` when they take longer in all.
   */
  private get(path: string, what: string, signal?: AbortSignal, deadlineMs?: number): Promise<IncomingMessage> {
    const where = describeEndpoint(this.endpoint);
    return new Promise((resolve, reject) => {
      const target = 'socketPath' in this.endpoint ? { socketPath: this.endpoint.socketPath } : { host: this.endpoint.host, port: this.endpoint.port };
      let received: IncomingMessage | undefined;
      const timer = deadlineMs === undefined ? undefined : setTimeout(() => {
        const error = new ArchiveError(`${where}: GET ${path} timed out: it did not finish within ${deadlineMs} ms.`);
        req.destroy(error);
        received?.destroy(error);
      }, deadlineMs);
      const req = request({ ...target, path, method: 'GET', signal, headers: { Host: 'docker' } }, (response) => {
        received = response;
        response.once('close', () => clearTimeout(timer));
        const status = response.statusCode ?? 0;
        if (status === 200) return resolve(response);
        if (status === 404) {
          response.resume();
          return reject(new ArchiveError(`${where}: ${what} not found. List the engine's images with \`docker images\`.`));
        }
        void engineMessage(response).then((message) => {
          reject(new ArchiveError(`${where}: GET ${path} failed with HTTP ${status}${message ? `: ${message}` : ''}.`));
        });
      });
      req.setTimeout(this.idleTimeoutMs, () => {
        const error = new EngineIdleTimeoutError(where, `GET ${path}`, this.idleTimeoutMs);
        // Once the body streams, its reader listens to the response, which the request's end alone
        // fails with a bare "aborted", as if the engine had closed the stream.
        received?.destroy(error);
        req.destroy(error);
      });
      req.on('error', (error) => {
        clearTimeout(timer);
        reject(error instanceof ArchiveError || error.name === 'AbortError' ? error : new ArchiveError(`${where}: cannot reach the engine (${messageOf(error)}). Is Docker or Podman running?`));
      });
      req.end();
    });
  }
}

/** Names an image as the engine looks it up, where a name without a tag or digest means `NAME:latest`. */
function describeImageName(name: string): string {
  const lastPart = name.slice(name.lastIndexOf('/') + 1);
  return lastPart.includes(':') || lastPart.includes('@') ? `image ${name}` : `image ${name}:latest`;
}

/** Bytes of an error response read for its message; the engine's error bodies are one short JSON object. */
const MAX_ERROR_BODY_BYTES = 4096;
/** Characters of the engine's message kept in an error, so a runaway message cannot flood the output. */
const MAX_ERROR_MESSAGE_LENGTH = 300;

/**
 * Reads the `message` field of an engine error response (`{"message":"..."}`), trimmed, with runs
 * of whitespace made one space, no final full stop, and cut to `MAX_ERROR_MESSAGE_LENGTH` characters. Resolves to
 * `undefined` when the body has no such field or cannot be read; it never rejects.
 */
function engineMessage(response: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const finish = () => resolve(messageField(Buffer.concat(chunks).subarray(0, MAX_ERROR_BODY_BYTES).toString('utf8')));
    response.on('data', (chunk: Buffer) => {
      if (length >= MAX_ERROR_BODY_BYTES) return;
      chunks.push(chunk);
      length += chunk.length;
      if (length >= MAX_ERROR_BODY_BYTES) {
        response.destroy();
        finish();
      }
    });
    response.on('end', finish);
    response.on('error', finish);
    response.on('close', finish);
  });
}

function messageField(body: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const message = (parsed as { message?: unknown } | null)?.message;
  if (typeof message !== 'string') return undefined;
  // The error adds its own full stop.
  const text = message.replace(/\s+/g, ' ').trim().replace(/\.+$/, '');
  if (text === '') return undefined;
  return text.length > MAX_ERROR_MESSAGE_LENGTH ? `${text.slice(0, MAX_ERROR_MESSAGE_LENGTH)}…` : text;
}

/** Encodes an image name for a URL path, keeping the `/`, `:` and `@` of references readable. */
function encodeName(name: string): string {
  return encodeURIComponent(name).replace(/%2F/gi, '/').replace(/%3A/gi, ':').replace(/%40/g, '@');
}
