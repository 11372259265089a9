/**
 * Keeps one context walk per context root and ignore file, so that editing a Dockerfile never
 * walks its context again. The editor invalidates a root when files in it change.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { ContextIndex } from './contextIndex';
import { ignoreFileCandidates } from './ignoreFile';
import type { WalkOptions } from './types';
import { walkContext } from './walk';

export type ContextWalker = (root: string, options?: WalkOptions) => Promise<ContextIndex>;

export class ContextCache {
  private readonly walks = new Map<string, { root: string; index: Promise<ContextIndex> }>();

  /** @param walker The walk to run on a miss; tests pass a counting stand-in. */
  constructor(private readonly walker: ContextWalker = walkContext) {}

  /**
   * Returns the walk of `root` with the ignore file that `options.dockerfilePath` and
   * `options.containerIgnore` select, starting it on the first call. A walk that rejects is
   * dropped, so the next call retries.
   * The options of the first call (progress, signal, limit) apply to the shared walk.
   */
  get(root: string, options: WalkOptions = {}): Promise<ContextIndex> {
    const absoluteRoot = path.resolve(root);
    const key = cacheKey(absoluteRoot, options);
    const cached = this.walks.get(key);
    if (cached) return cached.index;

    const index = this.walker(absoluteRoot, options);
    this.walks.set(key, { root: absoluteRoot, index });
    index.catch(() => {
      if (this.walks.get(key)?.index === index) this.walks.delete(key);
    });
    return index;
  }

  /** Forgets every walk of `root`, whichever ignore file it used. */
  invalidate(root: string): void {
    const absoluteRoot = path.resolve(root);
    for (const [key, entry] of this.walks) {
      if (entry.root === absoluteRoot) this.walks.delete(key);
    }
  }

  /** Forgets every walk. */
  clear(): void {
    this.walks.clear();
  }
}

/**
 * Keys a walk by its root and the ignore file that applies, so Dockerfiles without their own
 * ignore file share one walk. A Dockerfile-specific ignore file created later is seen only after
 * `invalidate`.
 */
function cacheKey(root: string, { dockerfilePath, containerIgnore }: WalkOptions): string {
  const candidates = ignoreFileCandidates(root, dockerfilePath && path.resolve(dockerfilePath), containerIgnore);
  const ignoreFile = candidates.find((candidate) => existsSync(candidate)) ?? '';
  return `${root}\0${ignoreFile}`;
}
