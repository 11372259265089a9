/**
 * The generated inputs, kept in the system's temp folder between runs: generating them takes
 * about a minute, and they are the same bytes every time, so a later run reuses them.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateContext, type GeneratedContext } from './generate/context';
import { generateImage, type GeneratedImage } from './generate/image';

/** Raise this when a generator changes, so that old inputs are not reused. */
const INPUT_VERSION = 1;

export const inputRoot = join(tmpdir(), `layer-lens-bench-v${INPUT_VERSION}`);

/** Returns the generated image, generating it unless an earlier run left it complete. */
export function imageInput(fresh: boolean): Promise<GeneratedImage> {
  return cached('image', fresh, generateImage);
}

/** Returns the generated context and Dockerfile, generating them when missing. */
export function contextInput(fresh: boolean): Promise<GeneratedContext> {
  return cached('context', fresh, generateContext);
}

/** Runs `generate` into a folder unless an earlier run left its stamp file, written once generation finished. */
async function cached<T>(name: string, fresh: boolean, generate: (folder: string) => Promise<T>): Promise<T> {
  const folder = join(inputRoot, name);
  const stamp = join(folder, 'generated.json');
  if (!fresh && existsSync(stamp)) return JSON.parse(await readFile(stamp, 'utf8')) as T;
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  const started = Date.now();
  process.stderr.write(`Generating the ${name} input in ${folder} ...\n`);
  const result = await generate(folder);
  process.stderr.write(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  await writeFile(stamp, JSON.stringify(result));
  return result;
}
