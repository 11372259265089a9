/** The core functions the analysis service calls, with the caches they keep for the window. */
import { analyze } from '../core/analysis/analyze';
import { IncrementalPredictions } from '../core/analysis/incremental';
import type { ContextIndex } from '../core/context/contextIndex';
import { ContextCache, type ContextWalker } from '../core/context/cache';
import { ignoreFileOptions } from '../core/context/ignoreFile';
import { walkContext } from '../core/context/walk';
import type { AnalysisEngine } from './analysisService';

/**
 * Binds the service to the core: one context cache for the window, and `analyze`.
 * @param walker The context walk; tests pass a counting stand-in.
 */
export function coreEngine(walker: ContextWalker = walkContext): AnalysisEngine {
  const contexts = new ContextCache(walker);
  const incremental = new IncrementalPredictions();
  return {
    // The walk reads the ignore file that the builder reads, so that `analyze` can use it as it is.
    readContext: (root, dockerfilePath, builder, onProgress) => contexts.get(root, { ...ignoreFileOptions(builder, dockerfilePath), onProgress }),
    invalidateContext: (root) => contexts.invalidate(root),
    // The context is the `ContextIndex` that `readContext` returned for this root. Every analysis
    // of the editor serves its hovers.
    analyze: (request) => analyze({ ...request, context: request.context as ContextIndex, incremental, forHovers: true }),
    forgetAnalysis: (dockerfilePath) => incremental.forget(dockerfilePath),
  };
}
