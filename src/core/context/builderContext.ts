/**
 * The build context as the classic builder and buildah receive it. The walk in `walk.ts` keeps
 * every path the ignore patterns keep, as BuildKit does: its walker (tonistiigi/fsutil
 * `filter.go`) enters an excluded folder whenever a `!` pattern has a wildcard. The docker CLI
 * sends the classic builder its context (moby `pkg/archive` `TarWithOptions` in v20.10.24, the
 * same rule in today's moby/go-archive). It and buildah (v1.28.2 `copier/copier.go`) skip an
 * excluded folder whole unless the text of a `!` pattern starts with the folder's path. So
 * `docs/**` with a `!` pattern for README.md files at any depth below `docs` keeps
 * `docs/README.md` for all three, but `docs/a/README.md` only for BuildKit.
 */
import type { BuilderKind } from '../dockerfile/builders';
import { ContextIndex } from './contextIndex';

/** The narrowed contexts already made, so that a caller gets the same object for the same walk. */
const narrowed: Record<Exclude<BuilderKind, 'buildkit'>, WeakMap<ContextIndex, ContextIndex>> = {
  classic: new WeakMap(),
  buildah: new WeakMap(),
};

/**
 * Returns the part of a walked context that `builder` sends; for BuildKit, the whole walk.
 * NOTE: for the classic builder the docker CLI adds `!<Dockerfile path>` when the patterns
 * exclude the Dockerfile, which can open the Dockerfile's folder. That is not modelled here.
 */
export function contextForBuilder(index: ContextIndex, builder: BuilderKind): ContextIndex {
  if (builder === 'buildkit' || index.ignoreExceptions.length === 0) return index;
  const cache = narrowed[builder];
  let context = cache.get(index);
  if (context === undefined) {
    context = narrowContext(index, (folder) => entersExcludedFolder(builder, index.ignoreExceptions, folder));
    cache.set(index, context);
  }
  return context;
}

/**
 * Returns whether the builder's walk enters the excluded folder `folder` (a context path). The
 * classic builder compares each `!` pattern plus `/` with the folder plus `/`. buildah leaves the
 * `/` after the folder out, so `!docs/ab/keep.txt` also opens `docs/a`.
 */
export function entersExcludedFolder(builder: Exclude<BuilderKind, 'buildkit'>, exceptions: readonly string[], folder: string): boolean {
  const prefix = builder === 'classic' ? `${folder}/` : folder;
  return exceptions.some((pattern) => `${pattern}/`.startsWith(prefix));
}

/**
 * Copies the walk without the excluded folders that `enters` rejects. Only folders the walk
 * marked `recreated` are excluded ones. One that is entered stays only while something below it
 * stays, because builders make such a folder only to hold what they copy into it.
 */
function narrowContext(index: ContextIndex, enters: (folder: string) => boolean): ContextIndex {
  const context = new ContextIndex(index.root);
  context.ignoreFile = index.ignoreFile;
  context.ignoreExceptions = index.ignoreExceptions;
  context.ignoreMatcher = index.ignoreMatcher;
  context.problems.push(...index.problems);
  const root = index.get('');
  if (root) context.add(root);
  copyFolder(index, context, '', enters);
  // Nothing left out: hand back the walk itself, which callers may already hold results for.
  return context.size === index.size ? index : context;
}

/** Copies what stays of the children of `folder`; returns whether anything did. */
function copyFolder(index: ContextIndex, context: ContextIndex, folder: string, enters: (folder: string) => boolean): boolean {
  let copied = false;
  for (const child of index.children(folder)) {
    if (child.type === 'directory' && child.recreated) {
      if (enters(child.path) && copyFolder(index, context, child.path, enters)) {
        context.add(child);
        copied = true;
      }
      continue;
    }
    context.add(child);
    copied = true;
    if (child.type === 'directory') copyFolder(index, context, child.path, enters);
  }
  return copied;
}
