/**
 * A read-only client of the Docker Engine API (Podman serves the same calls) over Node's `http`.
 * It only sends GET requests: it never pulls, deletes or builds.
 */
import { stat } from 'node:fs/promises';
import { request, type IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { ArchiveError, messageOf } from '../../archive/errors';
import { describeKind } from '../../files/regularFile';
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
 * Returns what to do when the engine's address responds, but not as Docker Engine's API does. The
 * message that ends with it starts with the address, so the advice does not repeat it.
 */
export function apiAdvice(image = 'IMAGE'): string {
  return `Check that this address serves Docker Engine's API, or save the image with \`docker save -o FILE ${image}\` and read FILE.`;
}

/**
 * The advice for a socket that this user may not open, without a final period so that a caller can
 * append to it. The editor's hover gives the same advice.
 */
export const SOCKET_PERMISSION_ADVICE = 'Add your user to the group that owns the socket (docker, for Docker Engine) and log in again, or set DOCKER_HOST to a socket you may open';

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

/**
 * A connection to the engine that failed before any response. `code` is Node's error code, such
 * as `EACCES`, or `ENOTSOCK` for a socket path that is not a socket, where Node reports `ECONNREFUSED`.
 */
export class EngineUnreachableError extends ArchiveError {
  constructor(
    message: string,
    readonly code: string | undefined,
    options?: ErrorOptions,
  ) {
    super(message, options);
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
    const list = await this.getJson('/images/json', { description: 'the image list' }, signal);
    if (!Array.isArray(list)) throw new ArchiveError(`${describeEndpoint(this.endpoint)}: the image list is not a list. ${apiAdvice()}`);
    return list.map((item: Record<string, unknown>) => ({
      id: String(item.Id ?? ''),
      repoTags: Array.isArray(item.RepoTags) ? item.RepoTags.map(String) : [],
      size: typeof item.Size === 'number' ? item.Size : 0,
    }));
  }

  inspectImage(name: string, signal?: AbortSignal): Promise<unknown> {
    return this.getJson(`/images/${encodeName(name)}/json`, imageSubject(name), signal);
  }

  imageHistory(name: string, signal?: AbortSignal): Promise<unknown> {
    return this.getJson(`/images/${encodeName(name)}/history`, imageSubject(name), signal);
  }

  /** Streams `docker save` of one image (a docker-archive tar) without buffering it. */
  exportImage(name: string, signal?: AbortSignal): Promise<Readable> {
    return this.get(`/images/${encodeName(name)}/get`, imageSubject(name), signal);
  }

  private async getJson(path: string, subject: RequestSubject, signal?: AbortSignal): Promise<unknown> {
    // The idle timeout alone lets an engine that sends a byte now and then hold a request open forever.
    const response = await this.get(path, subject, signal, this.deadlineMs);
    const chunks: Buffer[] = [];
    let length = 0;
    for await (const chunk of response) {
      length += (chunk as Buffer).length;
      if (length > MAX_RESPONSE_JSON_BYTES) {
        response.destroy();
        throw new ArchiveError(`${describeEndpoint(this.endpoint)}: the response for ${subject.description} is larger than ${MAX_RESPONSE_JSON_BYTES} bytes. ${apiAdvice(subject.image)}`);
      }
      chunks.push(chunk as Buffer);
    }
    try {
      return JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch (error) {
      throw new ArchiveError(`${describeEndpoint(this.endpoint)}: the response for ${subject.description} is not valid JSON (${messageOf(error)}). ${apiAdvice(subject.image)}`);
    }
  }

  /**
   * Sends a GET and resolves with the response once its status is 200. With `deadlineMs`, the
   * request and the reading of its body fail with an `ArchiveError` when they take longer in all.
   */
  private get(path: string, subject: RequestSubject, signal?: AbortSignal, deadlineMs?: number): Promise<IncomingMessage> {
    const where = describeEndpoint(this.endpoint);
    return new Promise((resolve, reject) => {
      const target = 'socketPath' in this.endpoint ? { socketPath: this.endpoint.socketPath } : { host: this.endpoint.host, port: this.endpoint.port };
      let received: IncomingMessage | undefined;
      const timer = deadlineMs === undefined ? undefined : setTimeout(() => {
        const error = new ArchiveError(`${where}: GET ${path} timed out: it did not finish within ${deadlineMs} ms. ${idleAdvice(subject.image)}`);
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
          return reject(new ArchiveError(notFoundMessage(where, path, subject)));
        }
        void engineMessage(response).then((message) => {
          reject(new ArchiveError(`${where}: GET ${path} failed with HTTP ${status}${message ? `: ${message}` : ''}. ${statusAdvice(status, subject)}`));
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
        if (error instanceof ArchiveError || error.name === 'AbortError') return reject(error);
        void unreachableError(where, this.endpoint, error).then(reject);
      });
      req.end();
    });
  }
}

/** The target of a request: its `description` for messages, and the image it concerns, if any, for the advice. */
interface RequestSubject {
  description: string;
  image?: string;
}

/**
 * Returns the subject for image `name`, described as the engine looks it up: a name without a tag
 * or digest means `NAME:latest`.
 */
function imageSubject(name: string): RequestSubject {
  const lastPart = name.slice(name.lastIndexOf('/') + 1);
  return { description: lastPart.includes(':') || lastPart.includes('@') ? `image ${name}` : `image ${name}:latest`, image: name };
}

/**
 * Builds the message for a 404. For an image it means the engine has no such image. The image
 * list is never missing from Docker Engine's API, so there it means that the address serves
 * something else.
 */
function notFoundMessage(where: string, path: string, subject: RequestSubject): string {
  if (subject.image === undefined) return `${where}: GET ${path} failed with HTTP 404. ${apiAdvice()}`;
  return `${where}: ${subject.description} not found. List the engine's images with \`docker images\`.`;
}

/**
 * Returns what to do after an error status other than 404: a 5xx is the engine's own failure,
 * while the engine rejects a malformed image name with a 400.
 */
function statusAdvice(status: number, subject: RequestSubject): string {
  if (status >= 500) return idleAdvice(subject.image);
  if (subject.image === undefined) return apiAdvice();
  return `Check the image name ${subject.image}, and list the engine's images with \`docker images\`.`;
}

/**
 * Builds the error for a connection that failed before any response. On Linux, connect(2) fails
 * with ECONNREFUSED for a regular file or a directory as for a socket that nothing listens on, so
 * the path of a refused connection is checked for being a socket at all.
 */
async function unreachableError(where: string, endpoint: EngineEndpoint, error: Error): Promise<EngineUnreachableError> {
  const code = (error as NodeJS.ErrnoException).code;
  const kind = code === 'ECONNREFUSED' && 'socketPath' in endpoint ? await nonSocketKind(endpoint.socketPath) : undefined;
  if (kind === undefined) return new EngineUnreachableError(unreachableMessage(where, error), code, { cause: error });
  const message = `${where}: cannot reach the engine: the path is ${kind}, not a socket. Set DOCKER_HOST to the engine's socket, such as unix:///var/run/docker.sock.`;
  return new EngineUnreachableError(message, 'ENOTSOCK', { cause: error });
}

/** Returns the kind of file at `path` when it exists and is not a socket, following symlinks as `connect` does. */
async function nonSocketKind(path: string): Promise<string | undefined> {
  // A path that cannot be checked keeps the message for a refused connection.
  const stats = await stat(path).catch(() => undefined);
  if (stats === undefined || stats.isSocket()) return undefined;
  return stats.isFile() ? 'a regular file' : `a ${describeKind(stats)}`;
}

/**
 * Builds the message for a connection that failed before any response. Node's message repeats the
 * socket path or address (`connect ENOENT /run/docker.sock`), so the usual codes get their own.
 */
function unreachableMessage(where: string, error: Error): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return `${where}: cannot reach the engine: the socket does not exist. Start Docker or Podman, or set DOCKER_HOST to the socket of a running engine.`;
    case 'EACCES':
      return `${where}: cannot reach the engine: permission to open the socket is denied. ${SOCKET_PERMISSION_ADVICE}.`;
    case 'ECONNREFUSED':
      return `${where}: cannot reach the engine: the connection was refused, so no engine listens there. Start Docker or Podman, or set DOCKER_HOST to the socket of a running engine.`;
    default:
      return `${where}: cannot reach the engine (${messageOf(error)}). Check that Docker or Podman is running and that DOCKER_HOST names its socket.`;
  }
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
