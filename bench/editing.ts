/**
 * The editing figures, measured inside one process as in the extension host: hover
 * latency over every line of the Dockerfile, and the first hover of each step after a new
 * analysis. Re-analysis after a one-line edit takes the walked context from a `ContextCache` and
 * the earlier predictions from `IncrementalPredictions`, as the editor does.
 *
 * Usage: tsx bench/editing.ts DOCKERFILE CONTEXT LINE. Prints one JSON object.
 */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { analyze } from '../src/core/analysis/analyze';
import { IncrementalPredictions } from '../src/core/analysis/incremental';
import type { Analysis } from '../src/core/analysis/types';
import { ContextCache } from '../src/core/context/cache';
import { walkContext } from '../src/core/context/walk';
import { renderStepHover, stepAtLine } from '../src/extension/hover/renderHover';

const HOVER_PASSES = 5;
const EDITS = 30;
/** New analyses whose every step's first hover is timed. */
const FIRST_HOVER_ANALYSES = 8;

export interface EditingFigures {
  firstAnalysisMs: number;
  hoverMedianMs: number;
  hoverP95Ms: number;
  hovers: number;
  /** The line whose first hover after a new analysis took longest, by its median. */
  firstHoverLine: number;
  firstHoverMedianMs: number;
  firstHoverP95Ms: number;
  firstHoverMaxMs: number;
  /** New analyses, each with the first hover of every step timed once. */
  firstHoverAnalyses: number;
  reanalysisMedianMs: number;
  reanalysisP95Ms: number;
  edits: number;
  /** Context walks during the whole run: 1 when edits reuse the first walk. */
  walks: number;
}

async function main(): Promise<void> {
  const [dockerfilePath, contextPath, lineText] = process.argv.slice(2);
  const editableLine = Number(lineText);
  if (!dockerfilePath || !contextPath || !Number.isInteger(editableLine)) {
    throw new Error('Usage: tsx bench/editing.ts DOCKERFILE CONTEXT LINE (LINE: the 1-based line to edit)');
  }
  let walks = 0;
  const cache = new ContextCache((root, options) => {
    walks++;
    return walkContext(root, options);
  });
  const text = await readFile(dockerfilePath, 'utf8');
  const incremental = new IncrementalPredictions();
  // Both analyses set `forHovers`, as the editor's core engine does, because these figures measure the editor.
  const analyzeText = async (content: string) => analyze({ dockerfilePath, text: content, contextPath, context: await cache.get(contextPath, { dockerfilePath }), incremental, forHovers: true });

  const started = performance.now();
  const analysis = await analyzeText(text);
  const firstAnalysisMs = performance.now() - started;

  const hoverTimes = measureHovers(analysis, text.split('\n').length);
  // Without `incremental`, every step is predicted again, as after an edit of the first line, so
  // no hover can profit from a layer that an earlier analysis made.
  const analyzeAnew = async () => analyze({ dockerfilePath, text, contextPath, context: await cache.get(contextPath, { dockerfilePath }), forHovers: true });
  const firstHover = await measureFirstHovers(analyzeAnew);
  const editTimes: number[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < EDITS; i++) {
    lines[editableLine - 1] = `ENV EDITED_${i}=value${i}`;
    const before = performance.now();
    await analyzeText(lines.join('\n'));
    editTimes.push(performance.now() - before);
  }

  const figures: EditingFigures = {
    firstAnalysisMs,
    hoverMedianMs: percentile(hoverTimes, 0.5),
    hoverP95Ms: percentile(hoverTimes, 0.95),
    hovers: hoverTimes.length,
    firstHoverLine: firstHover.line,
    firstHoverMedianMs: percentile(firstHover.times, 0.5),
    firstHoverP95Ms: percentile(firstHover.times, 0.95),
    firstHoverMaxMs: Math.max(...firstHover.times),
    firstHoverAnalyses: FIRST_HOVER_ANALYSES,
    reanalysisMedianMs: percentile(editTimes, 0.5),
    reanalysisP95Ms: percentile(editTimes, 0.95),
    edits: EDITS,
    walks,
  };
  process.stdout.write(JSON.stringify(figures) + '\n');
}

/** Times the hover of every line that belongs to a step, as the provider computes it. */
function measureHovers(analysis: Analysis, lineCount: number): number[] {
  const times: number[] = [];
  for (let pass = 0; pass < HOVER_PASSES; pass++) {
    for (let line = 1; line <= lineCount; line++) {
      const before = performance.now();
      const step = stepAtLine(analysis, line);
      if (!step) continue;
      renderStepHover(analysis, step, 'file:///bench/Dockerfile');
      times.push(performance.now() - before);
    }
  }
  return times;
}

/**
 * Times the first render of every step's hover on each of several new analyses, as the provider
 * renders a line once per analysis (`RenderedHovers`), and returns the times of the line whose
 * median is the highest.
 */
async function measureFirstHovers(analyzeAnew: () => Promise<Analysis>): Promise<{ line: number; times: number[] }> {
  const byLine = new Map<number, number[]>();
  for (let round = 0; round < FIRST_HOVER_ANALYSES; round++) {
    const analysis = await analyzeAnew();
    for (const step of analysis.steps) {
      const before = performance.now();
      renderStepHover(analysis, step, 'file:///bench/Dockerfile');
      const times = byLine.get(step.line) ?? [];
      times.push(performance.now() - before);
      byLine.set(step.line, times);
    }
  }
  let slowest = { line: 0, times: [] as number[], median: -1 };
  for (const [line, times] of byLine) {
    const median = percentile(times, 0.5);
    if (median > slowest.median) slowest = { line, times, median };
  }
  return slowest;
}

/** Returns the value below which `fraction` of `values` lie (nearest rank). */
function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] ?? NaN;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench editing: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
