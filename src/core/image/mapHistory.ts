/**
 * Maps an image's history entries to the Dockerfile steps that made them.
 *
 * The entries and the target's chain of steps are aligned as two sequences, as a diff aligns
 * lines. A pair scores by how well the recorded instruction fits the step. A step without an entry
 * and an entry without a step cost a penalty. The entries before the first step cost nothing,
 * because they are the base image's. Where several best alignments disagree about a step, the
 * step is ambiguous and stays unmapped. Where a step pairs with an entry whose text differs, the
 * Dockerfile changed since the build. Both become problems on the step's lines. An alignment in
 * which too few steps match by text is dropped (see `isTrusted`), and another stage that matches
 * better is named in a problem.
 *
 * NOTE: a first step removed from the Dockerfile since the build reads as part of the base image,
 * because nothing in a classic or BuildKit history marks where the base image ends.
 */
import type { Problem } from '../analysis/types';
import { stageChain, type BuildPlan, type PlannedStep } from '../dockerfile/plan';
import { abbreviateDigests, parseHistory, type HistoryBuilder, type RecordedInstruction } from './historyForms';
import { alignSequences, type Alignment } from './alignment';
import { historyHints, shellsInForce } from './historyHints';
import { buildArgHint, type BuildArgDifference } from './recordedBuildArgs';
import { matchStep, mayOmitStep, type MatchQuality } from './stepMatch';
import { unrecordedArgHint } from './unrecordedArgs';
import type { HistoryEntry } from './types';
import { shortenLine } from '../report/format';

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

/**
 * The share of the target's steps, and of the image's entries after its base image, that must
 * match by text before the alignment is kept. Pairs of the same instruction with other text are
 * read as lines edited since the build, which is only credible among lines that did not change.
 * Every Dockerfile has its WORKDIR, USER and CMD, so below this share such pairs are mostly
 * coincidences of the keyword. Half keeps an edited line beside one unchanged line, and as many
 * lines added (or removed) since the build as still match.
 */
const MIN_TEXT_MATCH_SHARE = 0.5;

export interface MapHistoryOptions {
  /**
   * Build arguments whose value the history records differently from the plan. Problems about
   * lines that do not match name them as a possible cause.
   */
  buildArgDifferences?: readonly BuildArgDifference[];
}

/** Maps `history` (the image config's entries, in order) to the target chain of `plan`. */
export function mapHistory(history: readonly HistoryEntry[], plan: BuildPlan, options: MapHistoryOptions = {}): HistoryMapping {
  const recorded = parseHistory(history, historyHints(plan));
  const aligned = alignChain(recorded, plan, plan.target);
  const fit = textFit(aligned);
  // A chain of FROM lines alone has no step to match, and all its entries are the base image's.
  const keep = aligned.own.length === 0 || isTrusted(fit);
  const differences = options.buildArgDifferences ?? [];
  const argHint = differences.length > 0 ? buildArgHint(differences) : undefined;
  const betterStage = betterStageProblem(recorded, plan, fit);
  const recordedArgs = new Set(recorded.flatMap((item) => (item.buildArgs ?? []).map(([name]) => name)));
  return describe({ history, ...(keep ? aligned : withoutPairs(aligned)), fit, argHint, recordedArgs, betterStage });
}

/** The alignment of the history with the chain of steps that ends at one stage. */
interface ChainAlignment {
  chain: PlannedStep[];
  own: Array<{ step: PlannedStep; index: number }>;
  builder: HistoryBuilder | null;
  qualities: Array<Array<MatchQuality | null>>;
  alignment: Alignment;
}

/** Aligns the recorded entries with the steps of `stage`'s chain (none for a stage of -1). */
function alignChain(recorded: RecordedInstruction[], plan: BuildPlan, stage: number): ChainAlignment {
  const chain = stage < 0 ? [] : stageChain(plan, stage).flatMap((index) => plan.stages[index].steps);
  const own = chain.map((step, index) => ({ step, index })).filter((item) => item.step.kind !== 'from');
  const builder = dominantBuilder(recorded, own.length);
  const shells = shellsInForce(plan);
  const qualities = recorded.map((item) => own.map(({ step }) => matchStep(item, step, shells.get(step))));
  const alignment = alignSequences({
    rows: recorded.length,
    columns: own.length,
    score: (row, column) => scoreOf(qualities[row][column]),
    rowPenalty: GAP_PENALTY,
    columnPenalty: (column) => (mayOmitStep(builder, own[column].step) ? 0 : GAP_PENALTY),
    freeLeadingRows: !startsFromScratch(plan, chain),
  });
  return { chain, own, builder, qualities, alignment };
}

function scoreOf(quality: MatchQuality | null): number | null {
  if (quality === null) return null;
  return quality === 'exact' ? EXACT_SCORE : CHANGED_SCORE;
}

/** The agreement by text between a chain's alignment and the history. */
interface TextFit {
  /** Steps that some best alignment pairs with an entry recording the step's text. */
  matches: number;
  /** Steps the history should record: all but those the builder may skip (kaniko), unless matched. */
  expected: number;
  /** History entries after those of the base image, which the Dockerfile's steps wrote. */
  entries: number;
}

function textFit(aligned: ChainAlignment): TextFit {
  let matches = 0;
  let expected = 0;
  aligned.own.forEach(({ step }, column) => {
    const matched = aligned.alignment.columns[column].rows.some((row) => aligned.qualities[row][column] === 'exact');
    if (matched) matches++;
    if (matched || !mayOmitStep(aligned.builder, step)) expected++;
  });
  const anyPair = aligned.alignment.columns.some((column) => column.rows.length > 0);
  const entries = anyPair ? aligned.qualities.length - aligned.alignment.leadingRows : 0;
  return { matches, expected, entries };
}

/**
 * Returns whether the alignment may be kept. A changed line is placed by the unchanged lines
 * around it. Without enough of them, pairing entries with lines of the same kind is a guess, which
 * would also move where the base image ends and so the figures a `--max-wasted-ratio` gate checks.
 * The image then reads as not built from this Dockerfile.
 */
function isTrusted(fit: TextFit): boolean {
  return fit.matches > 0 && fit.matches >= fit.expected * MIN_TEXT_MATCH_SHARE && fit.matches >= fit.entries * MIN_TEXT_MATCH_SHARE;
}

/** Returns the same chain with no entry paired, so that every entry reads as unmatched. */
function withoutPairs(aligned: ChainAlignment): ChainAlignment {
  const columns = aligned.own.map(() => ({ rows: [], skippable: true }));
  return { ...aligned, alignment: { score: 0, leadingRows: 0, columns } };
}

interface MappingInput extends ChainAlignment {
  history: readonly HistoryEntry[];
  /** The fit of the alignment, measured before an untrusted one was dropped. */
  fit: TextFit;
  /** A sentence naming recorded build arguments that differ from the plan's, if any do. */
  argHint: string | undefined;
  /** The build arguments that some RUN entry records a value for. */
  recordedArgs: ReadonlySet<string>;
  /** The problem naming another stage that matches the history better than the target, if one does. */
  betterStage: Problem | undefined;
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
      if (match === 'changed') {
        const hint = input.argHint ?? unrecordedArgHint(chain, index, input.recordedArgs);
        problems.push(onStep(step, 'warning', changedMessage(history[entry], entry, hint)));
      }
    } else if (rows.length > 0) {
      for (const entry of rows) if (entries[entry].role !== 'step') entries[entry] = { ...entries[entry], role: 'ambiguous', step: null, line: null, endLine: null };
      const changedRows = rows.filter((row) => input.qualities[row][column] === 'changed');
      problems.push(onStep(step, 'warning', ambiguousMessage(step, rows, skippable, changedRows)));
    } else if (anyPair && !mayOmitStep(input.builder, step)) {
      const mismatch = `No history entry of the image matches this ${step.instruction.keyword}`;
      problems.push(onStep(step, 'warning', withCause(mismatch, 'the line was added or changed since the image was built.', input.argHint)));
    }
  });
  problems.push(...unmatchedProblems(input, entries, anyPair));
  return { builder: input.builder, baseEntries, entries, stepEntries, problems: problems.sort((a, b) => a.line - b.line) };
}

/**
 * Problems for entries that no step made, for an image that matches no step at all, and for an
 * image that another stage matches better.
 */
function unmatchedProblems(input: MappingInput, entries: HistoryLink[], anyPair: boolean): Problem[] {
  const { history, chain, own, betterStage } = input;
  const root = chain[0];
  if (!root || own.length === 0) return [];
  if (!anyPair) {
    // The stage's problem replaces the one saying no line matches, which its matching lines contradict.
    const problem = betterStage ?? onStep(root, 'warning', notBuiltMessage(input));
    if (input.argHint === undefined) return [problem];
    return [{ ...problem, message: `${problem.message} ${input.argHint}` }];
  }
  const problems: Problem[] = betterStage ? [betterStage] : [];
  entries.forEach((link, entry) => {
    if (link.role !== 'unmatched') return;
    // The problem goes where the entry was built: on the next mapped step, else the last step.
    const next = entries.slice(entry + 1).find((item) => item.role === 'step');
    const step = next?.step != null ? chain[next.step] : own[own.length - 1].step;
    const mismatch = `History entry ${entry} (${quoteHistory(history[entry]) || 'no command'}) matches no line of the Dockerfile`;
    problems.push(onStep(step, 'warning', withCause(mismatch, 'a line was removed or changed since the image was built.', input.argHint)));
  });
  return problems;
}

/** Explains why no entry is mapped: no commands, no match at all, or too few matches. */
function notBuiltMessage(input: MappingInput): string {
  if (input.history.every((entry) => entry.createdBy.trim() === '')) {
    return 'The image records no build commands in its history, so its layers cannot be mapped to lines.';
  }
  const check = 'check that the image was built from it, with the same target.';
  const { matches, expected, entries } = input.fit;
  if (matches === 0) return `No history entry of the image matches a line of this Dockerfile: ${check}`;
  const rule = 'and at least half must match before layers are mapped to lines';
  if (matches < expected * MIN_TEXT_MATCH_SHARE) {
    return `Only ${matches} of the target's ${expected} steps after FROM ${matches === 1 ? 'matches' : 'match'} the image's history by text, ${rule}: ${check}`;
  }
  return `Only ${matches} of the image's ${entries} history entries after its base image ${matches === 1 ? 'matches' : 'match'} a line of this Dockerfile by text, ${rule}: ${check}`;
}

/**
 * The maximum number of other stages aligned in search of a better match for the image, so that a
 * Dockerfile of many stages costs a bounded multiple of the target's alignment.
 */
const MAX_STAGES_COMPARED = 8;

/**
 * Returns a problem naming the stage the image looks built for: another stage whose chain matches
 * more steps by text than the target's, and enough of its own steps to be trusted. Only looked for
 * when some step of the target does not match by text.
 */
function betterStageProblem(recorded: RecordedInstruction[], plan: BuildPlan, targetFit: TextFit): Problem | undefined {
  const target = plan.stages[plan.target];
  if (!target || targetFit.matches === targetFit.expected) return undefined;
  let best: { stage: number; fit: TextFit } | undefined;
  for (const { stage, bound } of candidateStages(recorded, plan, targetFit.matches)) {
    const floor = best?.fit.matches ?? targetFit.matches;
    if (bound <= floor) break;
    const fit = textFit(alignChain(recorded, plan, stage));
    if (fit.matches > floor && isTrusted(fit)) best = { stage, fit };
  }
  if (!best) return undefined;
  const other = plan.stages[best.stage].info;
  const option = other.name ?? String(other.index);
  const message = `The image matches ${stageLabel(other)} better than the target, ${stageLabel(target.info)}: `
    + `${best.fit.matches} of its ${best.fit.expected} steps after FROM match the image's history by text, against ${targetFit.matches} of ${targetFit.expected}. `
    + `Make ${option} the target (--target ${option}).`;
  return onStep(target.steps[0], 'warning', message);
}

/**
 * Lists the stages besides the target whose chain could match more than `floor` steps by text,
 * highest bound first, at most `MAX_STAGES_COMPARED`. A chain's bound counts its steps that some
 * entry records, wherever that entry is, so the alignment can only match fewer.
 */
function candidateStages(recorded: RecordedInstruction[], plan: BuildPlan, floor: number): Array<{ stage: number; bound: number }> {
  const bounds: number[] = [];
  const shells = shellsInForce(plan);
  for (const { info, steps } of plan.stages) {
    const recordedSteps = steps.filter((step) => step.kind !== 'from' && recorded.some((item) => matchStep(item, step, shells.get(step)) === 'exact')).length;
    // A FROM names an earlier stage only, so the parent's bound is already known.
    bounds.push(recordedSteps + (info.parentStage === null ? 0 : bounds[info.parentStage] ?? 0));
  }
  return bounds
    .map((bound, stage) => ({ stage, bound }))
    .filter((candidate) => candidate.stage !== plan.target && candidate.bound > floor)
    .sort((a, b) => b.bound - a.bound)
    .slice(0, MAX_STAGES_COMPARED);
}

function stageLabel(info: { name: string | null; index: number }): string {
  return info.name === null ? `stage ${info.index}` : `stage "${info.name}"`;
}

function changedMessage(entry: HistoryEntry, index: number, argHint: string | undefined): string {
  const mismatch = `The image's history entry ${index} records "${quoteHistory(entry)}", which does not match this line`;
  return withCause(mismatch, 'the Dockerfile changed since the image was built.', argHint);
}

/** Returns an entry's text on one line, short enough to quote, with its COPY destination kept in sight. */
function quoteHistory(entry: HistoryEntry): string {
  return shortenLine(abbreviateDigests(entry.createdBy));
}

/**
 * Joins a mismatch and its usual cause. A hint about build arguments comes first when there is
 * one, because other argument values change the expanded text of unchanged lines.
 */
function withCause(mismatch: string, cause: string, argHint: string | undefined): string {
  if (argHint === undefined) return `${mismatch}: ${cause}`;
  return `${mismatch}. ${argHint} Otherwise ${cause}`;
}

/**
 * Explains an ambiguous step. When every candidate entry records the step's text, only the lines
 * around them distinguish the candidates. Otherwise the line was edited since the build.
 */
function ambiguousMessage(step: PlannedStep, rows: number[], skippable: boolean, changedRows: number[]): string {
  const what = skippable ? `may or may not be ${entryList(rows)}` : `matches ${entryList(rows)} equally well`;
  const reason = changedRows.length === 0
    ? 'Lines with the same text are distinguished only by the lines around them.'
    : `The text of ${entryList(changedRows)} differs from this line, which changed since the image was built, and the lines around it do not show which entry it made.`;
  return `This ${step.instruction.keyword} ${what}, so no layer is linked to it. ${reason}`;
}

function entryList(rows: number[]): string {
  return rows.length === 1 ? `history entry ${rows[0]}` : `history entries ${rows.join(', ')}`;
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

