/**
 * The background jobs (`COMMAND &`) of a shell. A job runs where it starts, with the certainty of
 * a command in the foreground. After `wait` without operands its writes stay so, because the
 * shell goes on only once every job has ended. Where the shell exits without waiting, the RUN may
 * end before the job does, so the job's writes become estimated.
 */
import { addNote, type RunReport } from './context';
import type { RunView, UpperState } from './view';

export interface BackgroundJob {
  /** The job's command as written, shortened, for the note. */
  text: string;
  /** The upper states that the job left, by path. */
  writes: Array<{ path: string; state: UpperState }>;
}

/**
 * Runs `body`, the job's command, and returns the job with the upper states it changed.
 * NOTE: a path that the job removes and the layer then lacks (a file made earlier in the same
 * RUN) leaves no upper state, so its removal is not marked estimated.
 */
export function runJob(view: RunView, text: string, body: () => void): BackgroundJob {
  const before = new Map(view.upperEntries().map(({ path, state }) => [path, state]));
  body();
  const writes = view.upperEntries().filter(({ path, state }) => before.get(path) !== state);
  return { text, writes };
}

/** Marks as estimated what the jobs wrote and no later command replaced, with a note for each job. */
export function settleJobs(view: RunView, report: RunReport, jobs: readonly BackgroundJob[]): void {
  for (const job of jobs) {
    addNote(report, `"${job.text}" runs in the background, and the RUN does not wait for it, so what it changes is estimated.`);
    for (const { path, state } of job.writes) view.estimateWrite(path, state);
  }
}
