/** The inputs and results of the command models that the RUN interpreter calls. */
import type { ProblemKind, WrittenBy } from '../../analysis/types';
import type { Certainty } from '../../model/layer';
import type { RunAccounts } from './accounts';
import type { Field } from './expand';
import type { RunView } from './view';
import type { AdviceSetting } from './adviceSetting';

/** A command's exit status: its value, and whether it follows from the prediction or is a guess. */
export interface Status {
  success: boolean;
  certain: boolean;
  /**
   * The status's number, for `$?`: set where the model can tell a failure's number (127 for a
   * command not found), or `null` where even a success's number is unknown (`X=$(cmd)`). Without
   * it, a certain success is 0 and any other number is unknown.
   */
  code?: number | null;
}

/** Bytes on a stream: the text where known, else only the size, else nothing known. */
export interface Content {
  text: string | null;
  size: number | null;
  known: boolean;
  /** A mark on bytes that are not text, such as an archive, so that notes on them do not call them text. */
  binary?: true;
  /** A mark on known text that is only one of the texts a run may give, such as output that races with a background job. */
  estimated?: true;
}

export const emptyContent: Content = { text: '', size: 0, known: true };

export function textContent(text: string, known = true): Content {
  return { text, size: Buffer.byteLength(text, 'utf8'), known };
}

export const unknownContent: Content = { text: null, size: null, known: false };

export const unknownBinaryContent: Content = { text: null, size: null, known: false, binary: true };

export interface RunReport {
  notes: string[];
  problems: Array<{ severity: 'error' | 'warning' | 'info'; message: string; kind?: ProblemKind; writtenBy?: WrittenBy }>;
  /** The layer's certainty floor: `unknown` once anything unlisted may be in it. */
  floor: Certainty;
  /** Reasons that commands failed for lack of write permission, named in the problem of a failing RUN. */
  permissionDenials?: string[];
  /**
   * The error message that the command running now printed when it failed, as the image's tool
   * words it. The interpreter takes it after each command, for the problem of a failing RUN.
   */
  commandError?: string;
  /**
   * Notes on caches that commands left, by cache folder. Only the caches still there when the RUN
   * ends get their note: a later `npm cache clean` or `rm -rf` in the same RUN removes them.
   */
  cacheNotes?: Array<{ root: string; note: string }>;
  /** The builder and stage role that the advice in notes and hints is worded for; BuildKit outside a build stage when absent. */
  advice?: AdviceSetting;
  /** Paths written as estimates, by the doubt behind each, for the notes that name them (`doubtNotes.ts`). */
  doubts?: Map<Doubt, Set<string>>;
  /** Commands whose exit status is a guess that decided whether later commands ran, as written. */
  guesses?: string[];
}

/**
 * The reason a path a command writes is only an estimate. `noted` is a doubt that another note
 * of the step already explains (a folder taken to exist, a USER or owner name without a number).
 */
export type Doubt =
  | 'may-exist'
  | 'mkdir-may-fail'
  | 'guessed-branch'
  | 'unknown-text'
  | 'unknown-binary'
  | 'estimated-binary'
  | 'unknown-size'
  | 'unknown-permission'
  | 'unknown-mode'
  | 'estimated-below'
  | 'estimated-source'
  | 'partial-glob'
  | 'noted';

export interface ShellState {
  variables: Map<string, string>;
  unknownVariables: Set<string>;
  /**
   * Variables of `unknownVariables` whose value is surely not empty (HOSTNAME). Replaced, never
   * changed in place, because a subshell's state shares it.
   */
  nonEmptyVariables?: ReadonlySet<string>;
  cwd: string;
  errexit: boolean;
  noglob: boolean;
  /** `set -u`: expanding an unset variable is an error that exits the shell. */
  nounset?: boolean;
  /** bash's POSIX mode as `set -o posix`, `-o posix` or `--posix` turn it on. POSIXLY_CORRECT and the name `sh` also do (see `isBashOutsidePosixMode`). */
  posix?: boolean;
  /** `set -o pipefail`, under which a pipeline's status is that of its last command that failed, not of its last command. */
  pipefail?: boolean;
  /**
   * Whether `pipefail` was turned on in a shell of unknown kind, which may lack the option. A
   * pipeline whose status differs with and without pipefail then gets a guessed status.
   */
  pipefailGuessed?: boolean;
  /** The exit status of the last command (`$?`), or `null` where it is unknown. A new shell starts with 0. */
  lastStatus: number | null;
}

export interface CommandContext {
  /** The command name as written (`/bin/mkdir` stays as is; models look at its base name). */
  name: string;
  args: Field[];
  view: RunView;
  shell: ShellState;
  stdin: Content | null;
  /** Certainty that this command runs: `estimated` after a guessed branch. */
  reach: Certainty;
  /**
   * The doubt that explains a `reach` below exact, where it is not a guessed branch: `noted` when
   * a note already gives the reason, such as a BusyBox applet that the image may lack.
   */
  reachDoubt?: Doubt;
  uid: number | null;
  gid: number | null;
  report: RunReport;
  /** User and group names as /etc/passwd and /etc/group give them at this point of the script. */
  accounts: RunAccounts;
  /** Makes a path absolute against the current directory. */
  resolve(path: string): string;
}

export interface CommandResult {
  status: Status;
  stdout?: Content;
}

/** The command whose exit status is the status of a shell node that failed, and the error it printed where known. */
export interface Failure {
  /** The command's words after expansion. */
  command: string;
  error?: string;
  /** A sentence on how to fix the failure, added after the error. */
  hint?: string;
}

/** Returns the number of a status for `$?`, or `null` where the prediction cannot know it. */
export function statusCode(status: Status): number | null {
  if (status.code !== undefined) return status.certain ? status.code : null;
  return status.certain && status.success ? 0 : null;
}

export type CommandModel = (context: CommandContext) => CommandResult;

export const succeeded: CommandResult = { status: { success: true, certain: true } };
export const failed: CommandResult = { status: { success: false, certain: true } };

/** Returns $HOME, or `undefined` when the prediction does not know it (a USER whose /etc/passwd entry is not read). */
export function homeFolder(shell: ShellState): string | undefined {
  return shell.unknownVariables.has('HOME') ? undefined : shell.variables.get('HOME');
}

/** Records that the entry at `path`, with symlinks among its ancestors followed, is an estimate because of `doubt`. */
export function recordDoubt(report: RunReport, path: string, doubt: Doubt): void {
  const recorded = (report.doubts ??= new Map());
  let paths = recorded.get(doubt);
  if (!paths) recorded.set(doubt, (paths = new Set()));
  paths.add(path);
}

/** Adds a note once. */
export function addNote(report: RunReport, note: string): void {
  if (!report.notes.includes(note)) report.notes.push(note);
}
