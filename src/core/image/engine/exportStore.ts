/**
 * Reads an image from the engine's export stream (`docker save` over the API). Its failures name
 * the image as the user wrote it (`docker://NAME`) and the member where the stream stopped. Their
 * advice suits an export, while the tar reader's own messages suit a file.
 */
import { existsSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { ArchiveError, insideMember, InterruptedReadError, TruncatedTarError } from '../../archive/errors';
import { readArchiveStore, type ArchiveStoreOptions } from '../archiveStore';
import type { ImageStore } from '../store';
import type { ImageSource } from '../types';
import { EngineClient, EngineIdleTimeoutError, idleAdvice } from './client';
import { resolveEngineEndpoint } from './endpoint';

export type EngineSource = Extract<ImageSource, { kind: 'engine' }>;

/** Reads the export of `source` into a store; `options.label` names the image in messages. */
export async function readEngineExport(source: EngineSource, options: ArchiveStoreOptions): Promise<ImageStore> {
  try {
    const exported = await exportFromEngine(source, options.signal);
    return await readArchiveStore(exported, options);
  } catch (error) {
    throw describeExportFailure(error, options.label, source.name);
  }
}

async function exportFromEngine(source: EngineSource, signal?: AbortSignal): Promise<Readable> {
  const endpoint = source.endpoint ?? resolveEngineEndpoint({ env: process.env, exists: existsSync });
  const client = new EngineClient(endpoint, { idleTimeoutMs: source.idleTimeoutMs });
  // Inspecting first turns an unknown name into a clear "not found" before any streaming.
  await client.inspectImage(source.name, signal);
  return client.exportImage(source.name, signal);
}

/**
 * Rewords a failed export of the image `name`, labelled `label`. Other errors, such as a layer
 * that is corrupt or an image that is not found, already name what they are about.
 */
function describeExportFailure(error: unknown, label: string, name: string): unknown {
  if (error instanceof InterruptedReadError && error.cause instanceof EngineIdleTimeoutError) {
    const timeout = error.cause;
    return new ArchiveError(`${label}: the image export from the engine at ${timeout.endpoint} timed out after ${timeout.idleTimeoutMs} ms without data${insideMember(error.member)}. ${idleAdvice(name)}`);
  }
  // A timeout before the export's first byte, in the inspect request or the export's headers.
  if (error instanceof EngineIdleTimeoutError) {
    return new ArchiveError(`${label}: ${error.request} to the engine at ${error.endpoint} timed out after ${error.idleTimeoutMs} ms without data. ${idleAdvice(name)}`);
  }
  if (error instanceof InterruptedReadError) return endedEarly(label, name, error.member, error.reason);
  // A connection closed before the first byte of the body fails the response before any member.
  if (error instanceof Error && error.message === 'aborted') return endedEarly(label, name, undefined, 'aborted');
  // The engine closed the stream cleanly inside a member: the tar reader finds the archive truncated.
  if (error instanceof TruncatedTarError && error.label === label) return endedEarly(label, name, error.member);
  return error;
}

/**
 * Words an export that stopped before its end. Node's HTTP client fails a response whose socket
 * closed partway with the bare message "aborted", so that reason is put in words.
 */
function endedEarly(label: string, name: string, member: string | undefined, reason?: string): ArchiveError {
  let because = '';
  if (reason === 'aborted') because = ', because the engine closed the connection';
  else if (reason !== undefined) because = `, because the connection failed (${reason})`;
  return new ArchiveError(`${label}: the engine's export stream ended early${insideMember(member)}${because}. ${idleAdvice(name)}`);
}
