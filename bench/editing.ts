/**
 * The editing figures, measured inside one process as in the extension host: hover
 * latency over every line of the Dockerfile, and re-analysis after a one-line edit with the
 * walked context taken from a `ContextCache` and the earlier predictions from
 * `IncrementalPredictions`, as the editor does.
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

export interface EditingFigures {
  firstAnalysisMs: number;
  hoverMedianMs: number;
  hoverP95Ms: number;
  hovers: number;
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
  const analyzeText = async (content: string) => analyze({ dockerfilePath, text: content, contextPath, context: await cache.get(contextPath, { dockerfilePath }), incremental });

  const started = performance.now();
  const analysis = await analyzeText(text);
  const firstAnalysisMs = performance.now() - started;

  const hoverTimes = measureHovers(analysis, text.split('\n').length);
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

/** Returns the value below which `fraction` of `values` lie (nearest rank). */
function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] ?? NaN;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench editing: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
