/**
 * The hovers already rendered for an analysis, by line. The pointer rests on the same lines again
 * and again, and the hover of a `COPY . /app` of 100,000 files took about 300 ms to render on the
 * bench context (`npm run bench`). An analysis is replaced, not changed, when the Dockerfile, its
 * context or a setting changes, so its hovers stay valid for as long as it lives.
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
