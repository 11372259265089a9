/**
 * Holds a prediction against a recording: steps are paired in order (the recording has one
 * history entry per instruction after FROM), then each pair's layer flag and its entries are
 * compared as `path status type size mode uid:gid` lines. COPY, ADD and WORKDIR layers and RUN
 * layers the prediction calls exact are compared whole. Of the other RUN layers, only the
 * entries the prediction calls exact are looked up in the recording.
 */
import type { Analysis, Problem } from '../../src/core/analysis/types';
import type { ClassifiedEntry } from '../../src/core/model/stack';
import { describeEntries, type RecordedEntry, type RecordedLayer, type Recording } from './recording';

export type StepVerdict = 'agree' | 'differ' | 'unpredicted';

export interface StepComparison {
  instruction: string;
  line: number;
  verdict: StepVerdict;
  /** What differs, as readable lines (`- expected`, `+ predicted`). */
  differences: string[];
}

export interface CaseComparison {
  /** Why the whole case disagrees (rejection, step count), or `undefined`. */
  failure?: string;
  steps: StepComparison[];
}

/** Instructions whose layers the predictor lists whole. */
const listedKinds = new Set(['COPY', 'ADD', 'WORKDIR']);

/** Holds a prediction against a recording of the build of `dockerfileText`. */
export function compareCase(analysis: Analysis, recording: Recording, dockerfileText: string): CaseComparison {
  const errors = analysis.problems.filter((problem) => problem.severity === 'error');
  if (recording.status === 'rejected') return compareRejection(errors, recording, dockerfileText.split(/\r?\n/));
  if (errors.length > 0) return { failure: `the build succeeded, the prediction reports: ${errors.map((problem) => `line ${problem.line}: ${problem.message}`).join('; ')}`, steps: [] };
  const steps = analysis.steps.filter((step) => step.instruction !== 'FROM');
  if (steps.length !== recording.layers.length) {
    return { failure: `${recording.layers.length} history entries recorded, ${steps.length} steps predicted`, steps: [] };
  }
  return {
    steps: steps.map((step, position) => compareStep(analysis, step.index, recording.layers[position])),
  };
}

/**
 * Holds a prediction against a rejected build. The prediction must report an error. Where the
 * recording names the line the build failed on, the error must be on that line: a step error that
 * starts there, or a rejection of the whole Dockerfile that spans it. A rejection spans the line
 * because it lies on the whole instruction, while the classic builder's message names the line
 * inside it that its parser rejected.
 */
function compareRejection(errors: readonly Problem[], recording: Recording, lines: readonly string[]): CaseComparison {
  const lastLine = recording.error?.split('\n').pop();
  if (errors.length === 0) return { failure: `the builder rejected the build (${lastLine}), the prediction reports no error`, steps: [] };
  const failing = recordedFailingLine(recording.error ?? '', lines);
  if (failing === undefined) return { steps: [] };
  const onLine = (problem: Problem) => problem.line === failing || (problem.scope === 'dockerfile' && problem.line <= failing && failing <= problem.endLine);
  if (errors.some(onLine)) return { steps: [] };
  const predicted = errors.map((problem) => `line ${problem.line}`).join(', ');
  return { failure: `the builder failed on line ${failing} (${lastLine}), the prediction reports errors on ${predicted} only`, steps: [] };
}

/**
 * Finds the 1-based Dockerfile line a recorded build failed on, where its output names it: the
 * classic builder's `dockerfile parse error line N`, buildah's last `STEP k/n: TEXT` line or its
 * `building at STEP "TEXT"`, or the classic builder's `The command '/bin/sh -c CMD' returned`.
 * A text counts only when exactly one line of the Dockerfile reads so. `undefined` when the
 * output names no line.
 */
export function recordedFailingLine(error: string, lines: readonly string[]): number | undefined {
  const parseError = /dockerfile parse error line (\d+):/.exec(error);
  if (parseError) return Number(parseError[1]);
  const texts = [
    [...error.matchAll(/^(?:\[\d+\/\d+\] )?STEP \d+\/\d+: (.*)$/gm)].pop()?.[1],
    /building at STEP "(.*?)":/.exec(error)?.[1],
    ((command) => (command === undefined ? undefined : `RUN ${command}`))(/The command '\/bin\/sh -c (.*)' returned a non-zero code/.exec(error)?.[1]),
  ];
  for (const text of texts) {
    if (text === undefined) continue;
    const matching = lines.flatMap((line, index) => (line.trim() === text.trim() ? [index + 1] : []));
    if (matching.length === 1) return matching[0];
  }
  return undefined;
}

function compareStep(analysis: Analysis, index: number, recorded: RecordedLayer): StepComparison {
  const step = analysis.steps[index];
  const result: StepComparison = { instruction: step.instruction, line: step.line, verdict: 'agree', differences: [] };
  if (step.emptyLayer !== recorded.emptyLayer) {
    result.differences.push(`layer flag: recorded ${recorded.emptyLayer ? 'empty' : 'a layer'}, predicted ${step.emptyLayer ? 'empty' : 'a layer'}`);
  }
  const entries = analysis.stack.layers[index]?.entries ?? [];
  if (step.instruction === 'RUN' && step.certainty !== 'exact') {
    result.differences.push(...missingLines(recordedLines(recorded.entries), predictedLines(entries.filter((item) => item.entry.certainty === 'exact'))));
    if (step.certainty === 'unknown') result.verdict = 'unpredicted';
  } else if (listedKinds.has(step.instruction) || step.instruction === 'RUN') {
    if (step.certainty === 'unknown') result.verdict = 'unpredicted';
    else result.differences.push(...diffLines(recordedLines(recorded.entries), predictedLines(entries)));
  }
  if (result.differences.length > 0) result.verdict = 'differ';
  return result;
}

/** Renders recorded entries, leaving out directories that only re-state an ancestor. */
export function recordedLines(entries: RecordedEntry[]): string[] {
  return entries
    .filter((entry) => !entry.implicitParent)
    .map((entry) => (entry.status === 'deleted' ? `${entry.path} deleted` : writeLine(entry, entry.status === 'opaque' ? 'modified' : entry.status)))
    .sort();
}

/** Renders predicted entries as the recorder describes real ones, then as `recordedLines` does. */
export function predictedLines(entries: readonly ClassifiedEntry[]): string[] {
  return recordedLines(describeEntries(entries));
}

/** Renders a write's line; an unknown size, mode or owner reads `?`, which no recording has. */
function writeLine(entry: RecordedEntry, status: string): string {
  const size = entry.type === 'file' ? ` ${entry.size ?? '?'}` : '';
  const target = entry.linkTarget === undefined ? '' : ` -> ${entry.linkTarget}`;
  return `${entry.path} ${status} ${entry.type}${size} ${entry.mode ?? '?'} ${entry.uid ?? '?'}:${entry.gid ?? '?'}${target}`;
}

/** Lists the `actual` lines that `expected` lacks, as `+` lines. */
function missingLines(expected: string[], actual: string[]): string[] {
  const expectedSet = new Set(expected);
  return actual.filter((line) => !expectedSet.has(line)).map((line) => `+ ${line}`);
}

function diffLines(expected: string[], actual: string[]): string[] {
  const actualSet = new Set(actual);
  const expectedSet = new Set(expected);
  return [...expected.filter((line) => !actualSet.has(line)).map((line) => `- ${line}`), ...actual.filter((line) => !expectedSet.has(line)).map((line) => `+ ${line}`)];
}

/** Tallies per case and per instruction kind, rendered as two text tables. */
export class AgreementTable {
  private readonly cases: string[][] = [];
  private readonly kinds = new Map<string, { compared: number; agree: number; unpredicted: number }>();

  add(caseName: string, builder: string, comparison: CaseComparison): void {
    const agreeing = comparison.steps.filter((step) => step.verdict === 'agree').length;
    const unpredicted = comparison.steps.filter((step) => step.verdict === 'unpredicted').length;
    const verdict = comparison.failure ? 'DIFFERS' : comparison.steps.some((step) => step.verdict === 'differ') ? 'DIFFERS' : 'agrees';
    let steps = `${agreeing}/${comparison.steps.length}${unpredicted > 0 ? `, ${unpredicted} unpredicted` : ''}`;
    if (comparison.steps.length === 0 && !comparison.failure) steps = 'rejected, error predicted';
    this.cases.push([caseName, builder, steps, verdict]);
    for (const step of comparison.steps) {
      const key = `${step.instruction} ${builder}`;
      const tally = this.kinds.get(key) ?? { compared: 0, agree: 0, unpredicted: 0 };
      tally.compared++;
      if (step.verdict === 'agree') tally.agree++;
      if (step.verdict === 'unpredicted') tally.unpredicted++;
      this.kinds.set(key, tally);
    }
  }

  render(): string {
    const kindRows = [...this.kinds].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, tally]) => {
      const [kind, builder] = key.split(' ');
      return [kind, builder, String(tally.compared), String(tally.agree), String(tally.unpredicted)];
    });
    return [
      renderTable(['case', 'builder', 'steps agreeing', 'verdict'], this.cases),
      renderTable(['instruction', 'builder', 'steps', 'agree', 'contents unpredicted'], kindRows),
    ].join('\n\n');
  }
}

function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
