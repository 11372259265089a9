/**
 * The hovers already rendered for an analysis, by line. The pointer rests on the same lines again
 * and again, and the first render of the hover of the bench context's `COPY . /app`, which
 * modifies 83,842 files, still took a median of 148 ms of CPU time on a loaded 2-core machine
 * (`npm run bench`). An analysis is replaced, not changed, when the Dockerfile, its context or a
 * setting changes, so its hovers stay valid for as long as it lives.
 */
import type { Analysis } from '../../core/analysis/types';

export class RenderedHovers {
  private readonly byAnalysis = new WeakMap<Analysis, Map<number, string>>();

  /** Returns the hover of the step that starts on `line`, rendering it on the first request only. */
  get(analysis: Analysis, line: number, render: () => string): string {
    let hovers = this.byAnalysis.get(analysis);
    if (!hovers) {
      hovers = new Map();
      this.byAnalysis.set(analysis, hovers);
    }
    let markdown = hovers.get(line);
    if (markdown === undefined) {
      markdown = render();
      hovers.set(line, markdown);
    }
    return markdown;
  }
}
