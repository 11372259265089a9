/** Turns layers read from an image into the `KnownImage` a prediction stacks on. */
import type { BaseImageConfig } from '../dockerfile/plan';
import { makeLayer, type WriteEntry } from '../model/layer';
import { normalizeImagePath } from '../model/paths';
import { mergedPaths } from '../model/merged';
import { LayerStack } from '../model/stack';
import type { KnownImage } from '../predict/baseImage';
import { plainWrite } from './tarWrite';
import type { ImageData, ImageLayer } from './types';

/**
 * Flattens the layers made by the first `historyEntries` history entries of an image (all of
 * them by default) into one layer: the merged filesystem those layers show, every entry exact,
 * with the text of the account files the readers kept.
 */
export function knownImageOf(image: ImageData, historyEntries = image.steps.length): KnownImage {
  const stack = new LayerStack();
  // The image layer behind each stack layer, to find the text of a visible account file.
  const stacked: ImageLayer[] = [];
  for (const step of image.steps.slice(0, historyEntries)) {
    if (step.layer === null) continue;
    stack.push(image.layers[step.layer].layer);
    stacked.push(image.layers[step.layer]);
  }
  const entries: WriteEntry[] = mergedPaths(stack).map(({ entry }) => {
    // The flattened copy keeps no opaque mark: nothing lies below a base image.
    const flat = plainWrite(entry);
    flat.certainty = 'exact';
    delete flat.opaque;
    return flat;
  });
  const known: KnownImage = { layer: makeLayer(entries), textFiles: visibleTextFiles(stack, stacked) };
  // The configuration is the whole image's, so it stands for the base only when every entry is.
  // A linked image's base brings its ONBUILD triggers only from a base image read apart (see `linkedBaseImage`).
  const config = historyEntries >= image.steps.length ? imageConfig(image.config) : undefined;
  if (config) known.config = config;
  return known;
}

/**
 * Returns the kept text of each account file that the merged filesystem shows as a file: the
 * text of the layer whose version is visible, so a whiteout or a later non-file hides it.
 */
function visibleTextFiles(stack: LayerStack, stacked: ImageLayer[]): Record<string, string> {
  const texts: Record<string, string> = {};
  const paths = new Set(stacked.flatMap((layer) => [...(layer.textFiles?.keys() ?? [])]));
  for (const path of paths) {
    const version = stack.lookup(path);
    const text = version?.entry.type === 'file' ? stacked[version.layer].textFiles?.get(path) : undefined;
    if (text !== undefined) texts[path] = text;
  }
  return texts;
}

/**
 * Reads the `Env`, `WorkingDir`, `User`, `Shell` and `OnBuild` of an image configuration
 * (`config.config`). Entries of `Env` without `=`, a relative `WorkingDir` and a `Shell` that is
 * not a list of strings are left out, because the plan cannot use them.
 */
export function imageConfig(config: Record<string, unknown>): BaseImageConfig | undefined {
  const inner = config.config;
  if (typeof inner !== 'object' || inner === null) return undefined;
  const { Env, WorkingDir, User, Shell, OnBuild } = inner as Record<string, unknown>;
  const env = new Map<string, string>();
  for (const item of Array.isArray(Env) ? Env : []) {
    if (typeof item !== 'string' || item.indexOf('=') <= 0) continue;
    env.set(item.slice(0, item.indexOf('=')), item.slice(item.indexOf('=') + 1));
  }
  const result: BaseImageConfig = { env };
  if (typeof WorkingDir === 'string' && WorkingDir.startsWith('/')) result.workdir = normalizeImagePath(WorkingDir);
  if (typeof User === 'string' && User !== '') result.user = User;
  const shell = shellWords(Shell);
  if (shell) result.shell = shell;
  const triggers = Array.isArray(OnBuild) ? OnBuild.filter((item): item is string => typeof item === 'string' && item.trim() !== '') : [];
  if (triggers.length > 0) result.onBuild = triggers;
  return result;
}

/** Returns a configuration's `Shell` when it is a non-empty list of strings, which builders start a RUN with. */
function shellWords(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  return value.every((word): word is string => typeof word === 'string') ? value : undefined;
}
