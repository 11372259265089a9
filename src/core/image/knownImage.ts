/** Turns layers read from an image into the `KnownImage` a prediction stacks on. */
import type { BaseImageConfig } from '../dockerfile/plan';
import { makeLayer, type WriteEntry } from '../model/layer';
import { ancestorPaths, normalizeImagePath, parentPath } from '../model/paths';
import { mergedPaths } from '../model/merged';
import { LayerStack } from '../model/stack';
import type { FolderOwner, KnownImage } from '../predict/baseImage';
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
  const entries: WriteEntry[] = withImpliedParents(mergedPaths(stack).map(({ entry }) => {
    // The flattened copy keeps no opaque mark: nothing lies below a base image.
    const flat = plainWrite(entry);
    flat.certainty = 'exact';
    delete flat.opaque;
    return flat;
  }));
  const known: KnownImage = { layer: makeLayer(entries), textFiles: visibleTextFiles(stack, stacked) };
  known.rootEntry = topRootEntry(stacked);
  // The configuration is the whole image's, so it stands for the base only when every entry is.
  // A linked image's base brings its ONBUILD triggers only from a base image read apart (see `linkedBaseImage`).
  const config = historyEntries >= image.steps.length ? imageConfig(image.config) : undefined;
  if (config) known.config = config;
  return known;
}

/**
 * Adds a directory for each parent that no layer lists, such as `/srv` above a member `srv/a/f`
 * of a tar without `srv/`, since the engine makes it when it applies the layer. The owner is
 * root, but the mode depends on the engine: Docker Engine 20.10 made such folders 0600 on vfs
 * storage and 0755 on overlay2, buildah 1.28.2 made them 0755 on both, and newer moby uses 0755
 * (`ImpliedDirectoryMode`). So the mode stays unknown. `entries` come in path order, so a missing parent goes right before its first
 * child.
 */
function withImpliedParents(entries: WriteEntry[]): WriteEntry[] {
  const listed = new Set(entries.map((entry) => entry.path));
  const result: WriteEntry[] = [];
  for (const entry of entries) {
    // A listed parent has all its ancestors listed, so most entries cost one lookup.
    const parent = parentPath(entry.path);
    if (parent !== '/' && !listed.has(parent)) {
      for (const missing of ancestorPaths(entry.path).filter((path) => !listed.has(path))) {
        listed.add(missing);
        result.push({ op: 'write', path: missing, type: 'directory', size: 0, mode: null, uid: 0, gid: 0, certainty: 'exact', origin: { kind: 'parent' } });
      }
    }
    result.push(entry);
  }
  return result;
}

/** Returns the owner and mode of the topmost layer's `./` entry, or `null` when no layer has one. */
function topRootEntry(stacked: readonly ImageLayer[]): FolderOwner | null {
  let top: FolderOwner | null = null;
  for (const layer of stacked) top = layer.rootFolder ?? top;
  return top;
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
