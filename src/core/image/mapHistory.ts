/**
 * Maps an image's history entries to the Dockerfile steps that made them.
 *
 * The entries and the target's chain of steps are aligned as two sequences, as a diff aligns
 * lines. A pair scores by how well the recorded instruction fits the step. A step without an entry
 * and an entry without a step cost a penalty. The entries before the first step cost nothing,
 * because they are the base image's. Where several best alignments disagree about a step, the
 * step is ambiguous and stays unmapped. Where a step pairs with an entry whose text differs, the
 * Dockerfile changed since the build. Both become problems on the step's lines.
 *
 * NOTE: a first step removed from the Dockerfile since the build reads as part of the base image,
 * because nothing in a classic or BuildKit history marks where the base image ends.
 */
import type { Problem } from '../analysis/types';
import { stageChain, type BuildPlan, type PlannedStep } from '../dockerfile/plan';
import { parseCreatedBy, type HistoryBuilder, type RecordedInstruction } from './historyForms';
import { alignSequences, type Alignment } from './alignment';
import { matchStep, mayOmitStep, type MatchQuality } from './stepMatch';
import type { HistoryEntry } from './types';

export type HistoryRole = 'base' | 'step' | 'unmatched' | 'ambiguous';

/** The mapping of one history entry. */
export interface HistoryLink {
  /** `base`: made by the base image. `step`: made by `step`. `unmatched`: made by no line. */
  role: HistoryRole;
  /** Index in the target's chain of steps (the same index as `Analysis.steps`), or `null`. */
  step: number | null;
  /** 1-based lines of that step. Base image entries point at the chain's first FROM. */
  line: number | null;
  endLine: number | null;
  /** For role `step`: whether the recorded text fits the line as it now reads. */
  match: MatchQuality | null;
}

export interface HistoryMapping {
  /** The builder that wrote the Dockerfile's own entries, judged by the form of their text. */
  builder: HistoryBuilder | null;
  /** How many leading history entries belong to the base image. */
  baseEntries: number;
  /** One link per history entry, in history order. */
  entries: HistoryLink[];
  /** One item per step of the target's chain: the history entry it made, or `null`. */
  stepEntries: Array<number | null>;
  problems: Problem[];
}

/** Scores of the alignment. Only their order matters: an exact pair outweighs two penalties. */
const EXACT_SCORE = 5;
const CHANGED_SCORE = 1;
const GAP_PENALTY = 2;

/** Maps `history` (the image config's entries, in order) to the target chain of `plan`. */
export function mapHistory(history: readonly HistoryEntry[], plan: BuildPlan): HistoryMapping {
  const chain = plan.target < 0 ? [] : stageChain(plan).flatMap((stage) => plan.stages[stage].steps);
  const own = chain.map((step, index) => ({ step, index })).filter((item) => item.step.kind !== 'from');
  const recorded = history.map((entry) => parseCreatedBy(entry.createdBy, entry.comment));
  const builder = dominantBuilder(recorded, own.length);
  const qualities = pairableQualities(recorded.map((item) => own.map(({ step }) => matchStep(item, step))));
  const alignment = alignSequences({
    rows: recorded.length,
    columns: own.length,
    score: (row, column) => scoreOf(qualities[row][column]),
    rowPenalty: GAP_PENALTY,
    columnPenalty: (column) => (mayOmitStep(builder, own[column].step) ? 0 : GAP_PENALTY),
    freeLeadingRows: !startsFromScratch(plan, chain),
  });
  return describe({ history, chain, own, qualities, alignment, builder });
}

/**
 * Returns the match qualities, or none at all when no entry matches a line exactly. A changed
 * line is placed by the unchanged lines around it. Without any, pairing entries with lines of the
 * same kind is a guess, which would also move where the base image ends and so the figures a
 * `--max-wasted-ratio` gate checks. The image then reads as not built from this Dockerfile.
 */
function pairableQualities(qualities: Array<Array<MatchQuality | null>>): Array<Array<MatchQuality | null>> {
  if (qualities.some((row) => row.includes('exact'))) return qualities;
  return qualities.map((row) => row.map(() => null));
}

function scoreOf(quality: MatchQuality | null): number | null {
  if (quality === null) return null;
  return quality === 'exact' ? EXACT_SCORE : CHANGED_SCORE;
}

interface MappingInput {
  history: readonly HistoryEntry[];
  chain: PlannedStep[];
  own: Array<{ step: PlannedStep; index: number }>;
  qualities: Array<Array<MatchQuality | null>>;
  alignment: Alignment;
  builder: HistoryBuilder | null;
}

/** Turns the alignment into links and problems. */
function describe(input: MappingInput): HistoryMapping {
  const { history, chain, own, alignment } = input;
  const root = chain[0];
  const anyPair = alignment.columns.some((column) => column.rows.length > 0);
  // With no entry paired to a line, where the base image ends is unknown too.
  const baseEntries = anyPair || own.length === 0 ? alignment.leadingRows : 0;
  const entries: HistoryLink[] = history.map((_, entry) => (entry < baseEntries && root
    ? { role: 'base', step: 0, line: root.instruction.line, endLine: root.instruction.endLine, match: null }
    : { role: 'unmatched', step: null, line: null, endLine: null, match: null }));
  const stepEntries: Array<number | null> = chain.map(() => null);
  const problems: Problem[] = [];
  own.forEach(({ step, index }, column) => {
    const { rows, skippable } = alignment.columns[column];
    if (rows.length === 1 && !skippable) {
      const entry = rows[0];
      const match = input.qualities[entry][column];
      entries[entry] = { role: 'step', step: index, line: step.instruction.line, endLine: step.instruction.endLine, match };
      stepEntries[index] = entry;
      if (match === 'changed') problems.push(onStep(step, 'warning', changedMessage(history[entry], entry)));
    } else if (rows.length > 0) {
      for (const entry of rows) if (entries[entry].role !== 'step') entries[entry] = { ...entries[entry], role: 'ambiguous', step: null, line: null, endLine: null };
      problems.push(onStep(step, 'warning', ambiguousMessage(step, rows, skippable)));
    } else if (anyPair && !mayOmitStep(input.builder, step)) {
      problems.push(onStep(step, 'warning', `No history entry of the image matches this ${step.instruction.keyword}: the line was added or changed since the image was built.`));
    }
  });
  problems.push(...unmatchedProblems(input, entries, anyPair));
  return { builder: input.builder, baseEntries, entries, stepEntries, problems: problems.sort((a, b) => a.line - b.line) };
}

/** Problems for entries that no step made, and for an image that matches no step at all. */
function unmatchedProblems(input: MappingInput, entries: HistoryLink[], anyPair: boolean): Problem[] {
  const { history, chain, own } = input;
  const root = chain[0];
  if (!root || own.length === 0) return [];
  if (!anyPair) {
    const reason = history.every((entry) => entry.createdBy.trim() === '')
      ? 'The image records no build commands in its history, so its layers cannot be mapped to lines.'
      : 'No history entry of the image matches a line of this Dockerfile: check that the image was built from it, with the same target.';
    return [onStep(root, 'warning', reason)];
  }
  const problems: Problem[] = [];
  entries.forEach((link, entry) => {
    if (link.role !== 'unmatched') return;
    // The problem goes where the entry was built: on the next mapped step, else the last step.
    const next = entries.slice(entry + 1).find((item) => item.role === 'step');
    const step = next?.step != null ? chain[next.step] : own[own.length - 1].step;
    problems.push(onStep(step, 'warning', `History entry ${entry} (${shorten(history[entry].createdBy) || 'no command'}) matches no line of the Dockerfile: a line was removed or changed since the image was built.`));
  });
  return problems;
}

function changedMessage(entry: HistoryEntry, index: number): string {
  return `The image's history entry ${index} records "${shorten(entry.createdBy)}", which does not match this line: the Dockerfile changed since the image was built.`;
}

function ambiguousMessage(step: PlannedStep, rows: number[], skippable: boolean): string {
  const candidates = rows.length === 1 ? `history entry ${rows[0]}` : `history entries ${rows.join(', ')}`;
  const what = skippable ? `may or may not be ${candidates}` : `matches ${candidates} equally well`;
  return `This ${step.instruction.keyword} ${what}, so no layer is linked to it. Lines with the same text are distinguished only by the lines around them.`;
}

function onStep(step: PlannedStep, severity: Problem['severity'], message: string): Problem {
  return { line: step.instruction.line, endLine: step.instruction.endLine, severity, message };
}

/**
 * Returns the builder of most of the last `count` entries, where the Dockerfile's own entries
 * are expected, because the base image may come from another builder.
 */
function dominantBuilder(recorded: RecordedInstruction[], count: number): HistoryBuilder | null {
  const tally = new Map<HistoryBuilder, number>();
  for (const item of recorded.slice(Math.max(0, recorded.length - Math.max(count, 1)))) {
    if (item.builder) tally.set(item.builder, (tally.get(item.builder) ?? 0) + 1);
  }
  let best: HistoryBuilder | null = null;
  for (const [builder, count] of tally) if (best === null || count > (tally.get(best) ?? 0)) best = builder;
  return best;
}

/** Returns whether the chain starts from `scratch`, so that no entry can belong to a base image. */
function startsFromScratch(plan: BuildPlan, chain: PlannedStep[]): boolean {
  const root = chain[0];
  return root !== undefined && plan.stages[root.stage].info.baseResolved.toLowerCase() === 'scratch';
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? flat.slice(0, 79) + '…' : flat;
}
