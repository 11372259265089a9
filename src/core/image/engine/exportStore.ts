/**
 * Reads an image from the engine's export stream (`docker save` over the API). Its failures name
 * the image as the user wrote it (`docker://NAME`) and the member where the stream stopped. Their
 * advice suits an export, while the tar reader's own messages suit a file.
 */
import { existsSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { ArchiveError, insideMember, InterruptedReadError, NotTarArchiveError, TarEndMissingError, TruncatedCompressedDataError, TruncatedTarError } from '../../archive/errors';
import { readArchiveStore, type ArchiveStoreOptions } from '../archiveStore';
import type { ImageStore } from '../store';
import type { ImageSource } from '../types';
import { apiAdvice, EngineClient, EngineIdleTimeoutError, idleAdvice } from './client';
import { describeEndpoint, resolveEngineEndpoint, type EngineEndpoint } from './endpoint';

export type EngineSource = Extract<ImageSource, { kind: 'engine' }>;

/** The size of a tar header block: an export shorter than this ended inside its first header. */
const TAR_BLOCK = 512;

/** Reads the export of `source` into a store; `options.label` names the image in messages. */
export async function readEngineExport(source: EngineSource, options: ArchiveStoreOptions): Promise<ImageStore> {
  let bytes = 0;
  const onBytes = (count: number) => {
    bytes += count;
    options.onBytes?.(count);
  };
  let endpoint: EngineEndpoint | undefined;
  try {
    endpoint = engineEndpoint(source);
    const exported = await exportFromEngine(source, endpoint, options.signal);
    // An export that the engine ends cleanly between two members would otherwise read as an image with fewer members.
    return await readArchiveStore(exported, { ...options, onBytes, requireTarEnd: true });
  } catch (error) {
    if (endpoint === undefined) throw error;
    throw describeExportFailure(error, { label: options.label, name: source.name, where: describeEndpoint(endpoint), bytes });
  }
}

/**
 * Builds the error for an export that is a whole tar archive without `manifest.json` or
 * `index.json`. Docker Engine's export of an image always has `manifest.json`, so the advice is to
 * check what serves the address.
 */
export function exportWithoutImageError(source: EngineSource, label: string): ArchiveError {
  const where = describeEndpoint(engineEndpoint(source));
  return new ArchiveError(`${label}: the export from the engine at ${where} contains no image, because it has neither manifest.json nor index.json. ${apiAdvice(source.name)}`);
}

/** The image as the user wrote it, the engine's name for it, the engine's address, and the bytes of its export received. */
interface ExportFacts {
  label: string;
  name: string;
  where: string;
  bytes: number;
}

/** Returns the endpoint of `source`, or the one of this process's environment (DOCKER_HOST or a default socket). */
function engineEndpoint(source: EngineSource): EngineEndpoint {
  return source.endpoint ?? resolveEngineEndpoint({ env: process.env, exists: existsSync });
}

async function exportFromEngine(source: EngineSource, endpoint: EngineEndpoint, signal?: AbortSignal): Promise<Readable> {
  const client = new EngineClient(endpoint, { idleTimeoutMs: source.idleTimeoutMs });
  // Inspecting first turns an unknown name into a clear "not found" before any streaming.
  await client.inspectImage(source.name, signal);
  return client.exportImage(source.name, signal);
}

/**
 * Rewords a failed export. Other errors, such as a layer that is corrupt or an image that is not
 * found, already name what they are about.
 */
function describeExportFailure(error: unknown, facts: ExportFacts): unknown {
  const { label, name } = facts;
  if (error instanceof InterruptedReadError && error.cause instanceof EngineIdleTimeoutError) {
    const timeout = error.cause;
    return new ArchiveError(`${label}: the image export from the engine at ${timeout.endpoint} timed out after ${timeout.idleTimeoutMs} ms without data${insideMember(error.member)}. ${idleAdvice(name)}`);
  }
  // A timeout before the export's first byte, in the inspect request or the export's headers.
  if (error instanceof EngineIdleTimeoutError) {
    return new ArchiveError(`${label}: ${error.request} to the engine at ${error.endpoint} timed out after ${error.idleTimeoutMs} ms without data. ${idleAdvice(name)}`);
  }
  if (error instanceof InterruptedReadError) return endedEarly(facts, insideMember(error.member), error.reason);
  // A connection closed before the first byte of the body fails the response before any member.
  if (error instanceof Error && error.message === 'aborted') return endedEarly(facts, '', 'aborted');
  return endedCleanly(error, facts) ?? notTarExport(error, facts) ?? error;
}

/**
 * Words an export that the engine ended cleanly before the end of its archive. The tar reader
 * reports it as a truncated archive or as one without its end, and the decompressor of a
 * compressed export as truncated data. An export shorter than a header reads as no tar at all.
 * Returns `undefined` for other errors.
 */
function endedCleanly(error: unknown, facts: ExportFacts): ArchiveError | undefined {
  // A layer member's errors have labels of their own, which name the member.
  if (error instanceof TruncatedTarError && error.label === facts.label) {
    return endedEarly(facts, error.member === undefined ? ', inside a tar header' : `, before the member ${JSON.stringify(error.member)} was complete`);
  }
  if (error instanceof TarEndMissingError && error.label === facts.label) {
    if (error.lastMember === undefined) return endedEarly(facts, ', before the first member of the archive');
    return endedEarly(facts, `, after the member ${JSON.stringify(error.lastMember)} and before the end of the archive`);
  }
  if (error instanceof TruncatedCompressedDataError && error.label === facts.label) {
    return endedEarly(facts, `, before the end of its ${error.compression} data`);
  }
  if (error instanceof NotTarArchiveError && error.label === facts.label && facts.bytes < TAR_BLOCK) {
    return endedEarly(facts, ', inside the header of the first member');
  }
  return undefined;
}

/**
 * Builds the error for an export that is not a tar archive from its first block on. The tar
 * reader's message suits a file, while the export's fault lies with what serves the engine's
 * address.
 */
function notTarExport(error: unknown, { label, name, where }: ExportFacts): ArchiveError | undefined {
  if (!(error instanceof NotTarArchiveError) || error.label !== label) return undefined;
  const detail = error.detail === undefined ? '' : `: ${error.detail}`;
  return new ArchiveError(`${label}: the export from the engine at ${where} is not a tar archive${detail}. ${apiAdvice(name)}`, { cause: error });
}

/**
 * Words an export that stopped before its end, at `place`. Node's HTTP client fails a response
 * whose socket closed partway with the bare message "aborted", so that reason is put in words.
 */
function endedEarly({ label, name, bytes }: ExportFacts, place: string, reason?: string): ArchiveError {
  let because = '';
  if (reason === 'aborted') because = ', because the engine closed the connection';
  else if (reason !== undefined) because = `, because the connection failed (${reason})`;
  return new ArchiveError(`${label}: the engine's export stream ended early, after ${bytes} bytes${place}${because}. ${idleAdvice(name)}`);
}
