/**
 * Rewords the step errors of a Dockerfile that the builder rejects as a whole. A parse error makes
 * BuildKit and the classic builder reject the file before any step runs, so no step error can fail
 * that build yet. Each one states instead that its step would fail once the rejection is fixed.
 */
import type { BuildPlan } from '../dockerfile/plan';
import { joinWords } from '../report/format';
import type { Problem } from './types';

/** The phrases with which a step error states that the build fails on its line; the group keeps the case of the first letter. */
const failureClaim = /\b([Tt])he build fails (?:on this line|at this step|here)\b/g;

/** Returns the first line on which the builder rejects the whole Dockerfile, or `undefined` when it accepts it. */
export function rejectionLine(plan: BuildPlan): number | undefined {
  const lines = plan.problems.filter((problem) => problem.scope === 'dockerfile' && problem.severity === 'error').map((problem) => problem.line);
  return lines.length === 0 ? undefined : Math.min(...lines);
}

/**
 * Returns the problems with each step error reworded for a Dockerfile the builder rejects, or
 * the problems unchanged when it accepts the file. The rejections themselves, problems about the
 * whole build and warnings are kept as they are. The errors stay errors, because each step would
 * still fail once the rejection is fixed. `errors` are all the errors of the analysis: a step
 * is reached only once those on the lines above it are fixed too, so the rewording names them.
 */
export function rewordStepErrorsUnderRejection(plan: BuildPlan, problems: readonly Problem[], errors: readonly Problem[] = problems): Problem[] {
  const line = rejectionLine(plan);
  if (line === undefined) return [...problems];
  const rejected: Rejection = { line, corrected: isReadAsCorrection(plan, line) };
  return problems.map((problem) => {
    if (problem.severity !== 'error' || problem.scope !== undefined) return problem;
    return { ...problem, message: rewordedMessage(problem, rejected, errors) };
  });
}

/** The first line on which the builder rejects the whole Dockerfile. */
interface Rejection {
  line: number;
  /** Whether the prediction reads the line as the instruction one edit away (`WORKDIRR` as WORKDIR) rather than leaving it out. */
  corrected: boolean;
}

/** Tells whether the instruction that starts on `line` is a misspelt one that the plan reads as its correction. */
export function isReadAsCorrection(plan: BuildPlan, line: number): boolean {
  return plan.stages.some((stage) => stage.steps.some((step) => step.instruction.line === line && step.writtenKeyword !== undefined));
}

/** The maximum number of lines named before "and N more lines", so that a long list does not bury the message. */
const NAMED_LINES = 4;

/**
 * Names what must be fixed before the step of `problem` runs: the rejection, wherever it is, and
 * the errors above the step, which the build meets first once the rejection is gone.
 */
function fixPhrase(problem: Problem, rejection: Rejection, errors: readonly Problem[]): string {
  const rejectedAt = rejection.line;
  const onThisLine = problem.line <= rejectedAt && rejectedAt <= problem.endLine;
  const blocking = new Set(errors.filter((error) => error.severity === 'error' && error.line < problem.line).map((error) => error.line));
  if (!onThisLine) blocking.add(rejectedAt);
  const lines = [...blocking].sort((a, b) => a - b);
  if (lines.length === 0) return 'the Dockerfile error on this line is fixed';
  const named = lines.length > NAMED_LINES ? [...lines.slice(0, NAMED_LINES - 1).map(String), `${lines.length - NAMED_LINES + 1} more lines`] : lines.map(String);
  const listed = `${lines.length === 1 ? 'line' : 'lines'} ${joinWords(named)}`;
  if (onThisLine) return `${listed} and the Dockerfile error on this line are fixed`;
  const fixed = `${listed} ${lines.length === 1 ? 'is' : 'are'} fixed`;
  // The prediction reads the steps below a rejected line as though it were absent, unless it reads
  // a misspelt instruction as its correction. So a step error there may come from that absence:
  // the files of a COPY with an unknown flag, or a misspelt WORKDIR with no single correction.
  if (rejectedAt < problem.line && !rejection.corrected) return `${fixed}, unless line ${rejectedAt} itself is what it needs: the prediction reads the Dockerfile without that line`;
  return fixed;
}

/** Pattern of a message that ends with the sentence `rewordedMessage` adds, after a sentence of its own. */
const endingFixSentence = /^(.*[.!?]) (This step would fail once [^.]*)\.$/s;

/**
 * Returns the messages of one step's errors, which a view lists one after another, with the
 * sentence that states when the step would fail kept once. Every error of a line names the same
 * fix, so the added sentence is dropped where another error states it in its own words. Otherwise
 * it stays on the last error that ends with it.
 */
export function fixStatedOnce(messages: readonly string[]): string[] {
  const endings = messages.map((message) => endingFixSentence.exec(message));
  return messages.map((message, index) => {
    const ending = endings[index];
    if (!ending) return message;
    const statedElsewhere = messages.some((other, at) => at !== index && statesFix(other, endings[at], ending[2], at > index));
    return statedElsewhere ? ending[1] : message;
  });
}

/**
 * Returns whether the message `other` states `fixSentence` in its own words, or as the same added
 * sentence when `other` comes later. `otherEnding` is the match of `other`'s added sentence.
 */
function statesFix(other: string, otherEnding: RegExpExecArray | null, fixSentence: string, later: boolean): boolean {
  const ownWords = otherEnding?.[1] ?? other;
  if (ownWords.toLowerCase().includes(fixSentence.toLowerCase())) return true;
  return later && otherEnding?.[2] === fixSentence;
}

function rewordedMessage(problem: Problem, rejection: Rejection, errors: readonly Problem[]): string {
  const fix = fixPhrase(problem, rejection, errors);
  const claimed = problem.message.replace(failureClaim, (_claim, article: string) => `${article === 'T' ? 'T' : 't'}his step would fail once ${fix}`);
  if (claimed !== problem.message) return claimed;
  // A message that does not state the failure gets the sentence, so that every step error states when it applies.
  const sentence = /[.!?]$/.test(problem.message) ? problem.message : `${problem.message}.`;
  return `${sentence} This step would fail once ${fix}.`;
}
