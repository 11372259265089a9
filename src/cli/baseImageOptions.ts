/** Parses `explain --base-image REF[=SOURCE]`, which names the image to read for a reference of the Dockerfile. */
import { normalizeReference } from '../core/image/imageReferences';
import type { ImageSource } from '../core/image/types';
import { UsageError } from './io';

/** One `--base-image` option. */
export interface BaseImageOption {
  /** The option's value as the user wrote it, for messages. */
  value: string;
  /** REF as written, and as Docker resolves it (`docker.io/library/node:20`), for matching. */
  reference: string;
  normalized: string;
  source: ImageSource;
  /** Whether SOURCE was left out, so that the engine's local copy of REF is read. */
  fromEngine: boolean;
}

const SOURCE_FORMS = 'a docker save archive, an OCI archive or layout folder, or docker://NAME';

/** Parses each `REF=SOURCE` or `REF` value; rejects empty parts and two options for the same image. */
export function parseBaseImageOptions(values: readonly string[]): BaseImageOption[] {
  const options = values.map(parseBaseImageOption);
  for (const [index, option] of options.entries()) {
    const earlier = options.slice(0, index).find((other) => other.normalized === option.normalized);
    if (earlier) throw new UsageError(`--base-image "${earlier.value}" and --base-image "${option.value}" name the same image ${option.normalized}: pass it once.`);
  }
  return options;
}

function parseBaseImageOption(value: string): BaseImageOption {
  const equals = value.indexOf('=');
  const reference = (equals < 0 ? value : value.slice(0, equals)).trim();
  if (reference === '') throw new UsageError(`--base-image "${value}" names no image: pass REF=SOURCE, such as node:20=node.tar, or REF alone to read the engine's copy.`);
  if (/\s/.test(reference)) throw new UsageError(`--base-image "${value}": the image reference "${reference}" contains a space.`);
  const normalized = normalizeReference(reference);
  // Without SOURCE the engine's local copy is read, as the editor reads a base image.
  if (equals < 0) return { value, reference, normalized, source: { kind: 'engine', name: reference }, fromEngine: true };
  const text = value.slice(equals + 1);
  if (text.trim() === '') throw new UsageError(`--base-image "${value}" has no SOURCE after "=": pass ${SOURCE_FORMS}.`);
  return { value, reference, normalized, source: parseSource(text, value), fromEngine: false };
}

/** Reads SOURCE as `layer-lens image` reads its operand. */
function parseSource(text: string, value: string): ImageSource {
  if (!text.startsWith('docker://')) return { kind: 'path', path: text };
  const name = text.slice('docker://'.length);
  if (name === '') throw new UsageError(`--base-image "${value}": docker:// needs an image name, such as docker://alpine:3.20.`);
  return { kind: 'engine', name };
}
