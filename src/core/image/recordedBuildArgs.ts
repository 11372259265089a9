/**
 * Reads the build arguments an image was built with from its history, and compares them with the
 * values a build plan used. The classic builder, BuildKit and buildah write the values in force
 * in front of each RUN (`|2 APP_ENV=dev APP_HOME=/srv/app /bin/sh -c ...`), after defaults and
 * `--build-arg` values were applied. Other entries keep no values that can be trusted: the
 * classic builder records an ARG line as written, with its default.
 */
import { stageChain, type BuildPlan, type PlannedStep } from '../dockerfile/plan';
import { splitWords } from '../dockerfile/words';
import { parseCreatedBy } from './historyForms';
import { historyHints } from './historyHints';
import type { HistoryMapping } from './mapHistory';
import type { HistoryEntry } from './types';
import { compareNames } from '../model/stack';

/** A build argument whose recorded value differs from the value a plan used. */
export interface BuildArgDifference {
  name: string;
  recorded: string;
  /** The value the plan used, or `undefined` when the argument had none. */
  used: string | undefined;
}

/**
 * Returns the build argument values that the RUN entries of `history` record, for the arguments
 * that the target chain of `plan` declares with ARG. A later entry's value wins, so that the
 * Dockerfile's own entries override the base image's. Names that an ENV of the chain sets are
 * left out, because the recorded value is then the ENV's (BuildKit, buildah) or the name is not
 * recorded at all (the classic builder). An entry whose values could be read more than one way
 * (see `RecordedRun.buildArgsCertain`) gives none.
 * NOTE: a base image's RUN entries may record an argument of the same name. When the
 * Dockerfile's own RUN entries do not record it, the base image's value is returned. Callers that
 * have mapped the history use `ownRecordedBuildArgs`. `linkDockerfile` reads the values before it
 * maps the history, so it keeps read values only when they match no fewer lines.
 */
export function recordedBuildArgs(history: readonly HistoryEntry[], plan: BuildPlan): Map<string, string> {
  const steps = chainSteps(plan);
  const declared = new Set(steps.flatMap((step) => namesSetBy(step, 'ARG')));
  const shadowed = new Set(steps.flatMap((step) => namesSetBy(step, 'ENV')));
  const values = new Map<string, string>();
  const hints = historyHints(plan);
  for (const entry of history) {
    const recorded = parseCreatedBy(entry.createdBy, entry.comment, hints);
    // A value that may end elsewhere is not passed on, because a wrong value changes every line that reads it.
    if (recorded.buildArgsCertain === false) continue;
    for (const [name, value] of recorded.buildArgs ?? []) {
      if (declared.has(name) && !shadowed.has(name)) values.set(name, value);
    }
  }
  return values;
}

/**
 * Returns the build argument values that the Dockerfile's own entries record, as
 * `recordedBuildArgs` reads them. The base image's entries come first and are left out, because
 * a value they record was set for the base image's own build. Returns no values when the mapping
 * paired no entry with a step, because where the base image ends is then unknown.
 */
export function ownRecordedBuildArgs(history: readonly HistoryEntry[], plan: BuildPlan, mapping: HistoryMapping): Map<string, string> {
  const paired = mapping.entries.some((link) => link.role === 'step' || link.role === 'ambiguous');
  if (!paired) return new Map();
  return recordedBuildArgs(history.slice(mapping.baseEntries), plan);
}

/** Lists the recorded values that differ from those the target chain of `plan` resolved, by name. */
export function differingBuildArgs(recorded: ReadonlyMap<string, string>, plan: BuildPlan): BuildArgDifference[] {
  const steps = chainSteps(plan);
  const differences: BuildArgDifference[] = [];
  for (const [name, value] of recorded) {
    const used = resolvedValue(steps, name);
    if (used !== value) differences.push({ name, recorded: value, used });
  }
  return differences.sort((a, b) => compareNames(a.name, b.name));
}

/**
 * Explains a mismatch by build arguments: which values the history records, which were used,
 * and the `--build-arg` options that pass the recorded ones.
 */
export function buildArgHint(differences: readonly BuildArgDifference[]): string {
  const single = differences.length === 1;
  const recorded = listItems(differences.map((item) => `${item.name}=${item.recorded}`));
  const used = listItems(differences.map((item) => (item.used === undefined ? `${item.name} (unset)` : `${item.name}=${item.used}`)));
  const options = differences.map((item) => `--build-arg ${shellWord(`${item.name}=${item.recorded}`)}`).join(' ');
  return `The image's history records the build ${single ? 'argument' : 'arguments'} ${recorded}, but ${used} ${single ? 'was' : 'were'} used here. `
    + `Pass the recorded ${single ? 'value' : 'values'} (${options}) if the image was built with ${single ? 'it' : 'them'}.`;
}

function chainSteps(plan: BuildPlan): PlannedStep[] {
  return plan.target < 0 ? [] : stageChain(plan).flatMap((index) => plan.stages[index].steps);
}

/** Returns the names an ARG or ENV step sets: `NAME`, `NAME=value`, or ENV's legacy `NAME value`. */
function namesSetBy(step: PlannedStep, keyword: 'ARG' | 'ENV'): string[] {
  if (step.instruction.keyword !== keyword) return [];
  const words = splitWords(step.instruction.args);
  if (keyword === 'ENV' && words.length > 0 && !words[0].includes('=')) return [words[0]];
  return words.map((word) => word.split('=', 1)[0]);
}

/** Returns the value of `name` in force at the last step of the chain that has it. */
function resolvedValue(steps: readonly PlannedStep[], name: string): string | undefined {
  for (let index = steps.length - 1; index >= 0; index--) {
    const value = steps[index].variables.get(name);
    if (value !== undefined) return value;
  }
  return undefined;
}

function listItems(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Quotes a word for a POSIX shell unless it contains only characters that need no quoting. */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:@%+,=-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
