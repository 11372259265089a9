/**
 * `explain --fail-on`: whether a run's problems reach the severity a pipeline gates on, and the
 * line on standard error that gives the reason the step failed.
 */
import type { Problem, Severity } from '../core/analysis/types';
import { firstSentence, plural } from '../core/report/format';
import { UsageError, messagePrefix, type CliIo } from './io';
import { escapeControlCharacters } from './terminalText';

/**
 * A severity `--fail-on` takes: the severities that count as it or worse, and how its message
 * names them. `optionWarnings` is whether the warnings about the options count too (an unused
 * `--build-arg`, an ignored `--base-image`), as the editor warns of an unused `buildArgs` name.
 */
interface FailOnLevel {
  severities: readonly Severity[];
  singularVerb: string;
  pluralVerb: string;
  optionWarnings: boolean;
}

const FAIL_ON: Readonly<Record<string, FailOnLevel>> = {
  error: { severities: ['error'], singularVerb: 'is an error', pluralVerb: 'are errors', optionWarnings: false },
  warning: { severities: ['error', 'warning'], singularVerb: 'is a warning or an error', pluralVerb: 'are warnings or errors', optionWarnings: true },
};

/** The exit status of a run whose problems reach the `--fail-on` severity, as `image --ci` exits when a limit is broken. */
const FAILED_GATE_STATUS = 3;

/** Reads `--fail-on`; `undefined` when it is not given. */
export function parseFailOn(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!(value in FAIL_ON)) throw new UsageError(`--fail-on "${value}" is not one of ${Object.keys(FAIL_ON).join(', ')}.`);
  return value;
}

/** The input of the `--fail-on` check: the analysis's problems, and the warnings about the options written on standard error. */
export interface GateInput {
  problems: readonly Problem[];
  optionWarnings: number;
  /** The DOCKERFILE operand as given, which the failure line names for a pipeline that checks several. */
  dockerfile: string;
}

/** Returns the exit status for `--fail-on`, and names on standard error the Dockerfile and the problems that fail it. */
export function checkFailOn(input: GateInput, failOn: string, io: CliIo): number {
  const level = FAIL_ON[failOn];
  const failing = input.problems.filter((problem) => level.severities.includes(problem.severity));
  const optionWarnings = level.optionWarnings ? input.optionWarnings : 0;
  if (failing.length === 0 && optionWarnings === 0) return 0;
  const reasons: string[] = [];
  if (optionWarnings > 0) {
    const about = failing.length > 0 ? 'about the options' : `about the options for ${input.dockerfile}`;
    reasons.push(`${plural(optionWarnings, 'warning')} ${about} ${optionWarnings === 1 ? 'was' : 'were'} printed above`);
  }
  // The problems come last, so that the line ends on the first one's own words: a pipeline's log
  // may show only this line, far below the output that lists them all.
  if (failing.length > 0) reasons.push(problemsReason(failing, level, input.dockerfile));
  const joined = reasons.join(', and ');
  // The quoted sentence brings its own full stop; the count of option warnings does not.
  const line = /[.!?]$/.test(joined) ? joined : `${joined}.`;
  io.stderr.write(`${messagePrefix('explain')}: --fail-on ${failOn}: ${escapeControlCharacters(line)}\n`);
  return FAILED_GATE_STATUS;
}

/** Counts the failing problems and quotes the first sentence of the first of them by line. */
function problemsReason(failing: readonly Problem[], level: FailOnLevel, dockerfile: string): string {
  const kinds = failing.length === 1 ? level.singularVerb : level.pluralVerb;
  const first = failing.reduce((earliest, problem) => (problem.line < earliest.line ? problem : earliest));
  const where = failing.length === 1 ? 'on' : 'the first on';
  return `${plural(failing.length, 'problem')} in ${dockerfile} ${kinds}, ${where} line ${first.line}: ${firstSentence(first.message)}`;
}
