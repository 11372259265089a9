/**
 * Remedies for a cache that a build tool leaves in a RUN's layer, worded for the builder and the
 * stage: a cache mount needs a builder that runs `RUN --mount`, and a stage that a later stage
 * copies from is already the earlier stage that a multi-stage build would add.
 */
import { runsMounts, type AdviceSetting } from './adviceSetting';

/** A remedy with the same words everywhere, or one worded for the setting (`undefined` when none applies). */
export type CacheAdvice = string | ((setting: AdviceSetting) => string | undefined);

/** Words `advice` for `setting`. */
export function cacheAdviceText(advice: CacheAdvice, setting: AdviceSetting): string | undefined {
  return typeof advice === 'string' ? advice : advice(setting);
}

/** Advises cleaning the cache in the same RUN, or mounting it where the builder can. */
export function cleanOrMount(cleanCommand: string): CacheAdvice {
  return (setting) => `run "${cleanCommand}" in the same RUN${runsMounts(setting.builder) ? ', or use a cache mount' : ''}.`;
}

/** Advises a cache mount and a build stage for a compiler's cache, leaving out what does not apply. */
export function compilerCacheAdvice(setting: AdviceSetting): string | undefined {
  const remedies: string[] = [];
  if (runsMounts(setting.builder)) remedies.push('use a cache mount');
  if (!setting.copiedFrom) remedies.push('build in an earlier stage and copy only the binary');
  return remedies.length > 0 ? `${remedies.join(', or ')}.` : undefined;
}
