/** Resolves a `COPY --from=<stage>` source against that stage's predicted filesystem. */
import { goPathMatch, hasWildcard } from '../context/goMatch';
import type { Version } from '../model/pathTree';
import { ancestorPaths, pathSegments } from '../model/paths';
import type { LayerStack } from '../model/stack';
import { StackLinks } from './stackLinks';

export interface StageMatch {
  /** The path as the source names it, which gives a copied file or link its name. */
  path: string;
  /** The path with its symlinks followed: where the copied content is read. */
  resolved: string;
  version: Version;
}

/** Lists the paths a source names in a stage, matching wildcards one segment at a time. */
export function resolveStagePath(stack: LayerStack, path: string): StageMatch[] {
  const links = new StackLinks(stack);
  if (!hasWildcard(path)) {
    const match = followLinks(stack, links, path);
    return match ? [match] : [];
  }
  let candidates: string[] = ['/'];
  for (const segment of pathSegments(path)) {
    const next: string[] = [];
    for (const directory of candidates) {
      for (const child of stack.children(directory)) {
        if (hasWildcard(segment) ? safeMatch(segment, child.name) : segment === child.name) next.push(join(directory, child.name));
      }
    }
    candidates = next;
  }
  return candidates.flatMap((candidate) => {
    const match = followLinks(stack, links, candidate);
    return match ? [match] : [];
  });
}

/**
 * Resolves a source path with every symlink in it followed, the last one too, so a link to a
 * folder provides that folder's contents. BuildKit's COPY sets `FollowSymlinks`, so
 * tonistiigi/fsutil's `copy.Copy` resolves the source with continuity's `fs.RootPath`. The
 * classic builder (Docker Engine 20.10) and buildah 1.28 were recorded copying the folder's
 * contents too. Links inside the copied folder stay links. A link that leads nowhere, or into a
 * loop, is returned as the link itself.
 */
function followLinks(stack: LayerStack, links: StackLinks, path: string): StageMatch | undefined {
  const resolved = links.resolveFolder(path);
  const version = stack.lookup(resolved);
  if (version) return { path, resolved, version };
  const link = links.resolveParents(path);
  const linkVersion = stack.lookup(link);
  return linkVersion ? { path, resolved: link, version: linkVersion } : undefined;
}

function join(directory: string, name: string): string {
  return directory === '/' ? '/' + name : directory + '/' + name;
}

function safeMatch(pattern: string, name: string): boolean {
  try {
    return goPathMatch(pattern, name);
  } catch {
    return false;
  }
}

/**
 * Tells whether a stage directory may hold files the prediction does not list: it comes from an
 * unread base image, or a layer of unknown extent names no folder it wrote unlisted files into
 * (so it may have written them anywhere), or names one in, above or below the directory. Unlike
 * `LayerStack.mayHoldUnlisted`, which counts every unknown layer since the folder was made, this
 * narrows by the folders those layers name, because a COPY --from reads one folder of a stage.
 */
export function mayHoldUnlisted(stack: LayerStack, directory: string): boolean {
  if (stack.tree.versionsOfPath(directory).some((version) => version.entry.origin?.kind === 'assumed-base')) return true;
  const related = (path: string) => path === directory || path.startsWith(directory + '/') || directory.startsWith(path + '/');
  return stack.layers.some(({ layer }) => {
    if (layer.certainty !== 'unknown') return false;
    // An unread base image's folders are handled above: its files are in no folder a step made.
    if (layer.entries.length > 0 && layer.entries.every((entry) => entry.origin?.kind === 'assumed-base')) return false;
    // Exact entries do not say where the rest went: buildah's mount points, or what a RUN made
    // before a command that is not modelled.
    const inexact = layer.entries.filter((entry) => entry.certainty !== 'exact' && entry.op === 'write' && entry.origin?.kind !== 'assumed-base');
    return inexact.length === 0 || inexact.some((entry) => related(entry.path));
  });
}

/**
 * Returns the nearest listed ancestor of `path` that shows the path missing from a stage: a
 * folder that a step of the Dockerfile made (not the base image) and whose contents are all
 * listed, or a file. Returns `undefined` when the stage may hold the path after all.
 */
export function missingSourceParent(stack: LayerStack, path: string): { path: string; type: 'directory' | 'file' } | undefined {
  for (const ancestor of ancestorPaths(path).reverse()) {
    const version = stack.lookup(ancestor);
    if (!version) continue;
    const entry = version.entry;
    if (entry.type === 'file' || entry.type === 'hardlink') return entry.certainty === 'unknown' ? undefined : { path: ancestor, type: 'file' };
    if (entry.type !== 'directory') return undefined;
    const first = stack.tree.versionsOfPath(ancestor)[0];
    const madeByStep = first !== undefined && first.layer > 0 && first.entry.origin?.kind !== 'assumed-base';
    return madeByStep && !mayHoldUnlisted(stack, ancestor) ? { path: ancestor, type: 'directory' } : undefined;
  }
  return undefined;
}
