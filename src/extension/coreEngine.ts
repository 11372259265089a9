/** The core functions the analysis service calls, with the caches they keep for the window. */
import { analyze } from '../core/analysis/analyze';
import { IncrementalPredictions } from '../core/analysis/incremental';
import type { ContextIndex } from '../core/context/contextIndex';
import { ContextCache } from '../core/context/cache';
import type { AnalysisEngine } from './analysisService';

/** Binds the service to the core: one context cache for the window, and `analyze`. */
export function coreEngine(): AnalysisEngine {
  const contexts = new ContextCache();
  const incremental = new IncrementalPredictions();
  return {
    readContext: (root, dockerfilePath, onProgress) => contexts.get(root, { dockerfilePath, onProgress }),
    invalidateContext: (root) => contexts.invalidate(root),
    // The context is the `ContextIndex` that `readContext` returned for this root.
    analyze: (request) => analyze({ ...request, context: request.context as ContextIndex, incremental }),
    forgetAnalysis: (dockerfilePath) => incremental.forget(dockerfilePath),
  };
}
