/**
 * Reads the text a builder records for a RUN: the `|N NAME=value ...` build-argument prefix, the
 * shell invocation and the command.
 *
 * The classic builder, BuildKit and buildah join the prefix's values with single spaces and do not
 * quote them, so a value that contains a space runs into the next word (`|1 Q=a b /bin/sh -c ...`
 * for the value `a b`). The text alone cannot show where such a value ends. The Dockerfile can: its
 * ARG names mark where each assignment starts, and the SHELL in force marks where the last value
 * ends. `HistoryHints` contains what the Dockerfile shows.
 */
import type { HistoryBuilder } from './historyForms';

/** Facts from a Dockerfile about its RUN entries, which their text alone leaves ambiguous. */
export interface HistoryHints {
  /** The names that ARG lines declare, so that `NAME=` inside a value is not read as a new assignment. */
  argNames?: ReadonlySet<string>;
  /** The words of each SHELL the Dockerfile sets, which builders write in front of a shell-form command. */
  shells?: ReadonlyArray<readonly string[]>;
}

/** The parts of a RUN entry's text. */
export interface RecordedRun {
  /** The text without the build-argument prefix, which starts with the shell if any. */
  invocation: string;
  /** The command without build arguments and shell. */
  command: string;
  /** Whether the invocation starts with a shell, so that a shell ran the command. */
  shellForm: boolean;
  /** The `NAME=value` pairs of the `|N` prefix, in recorded order. */
  buildArgs: Array<[string, string]>;
  /**
   * Whether the prefix reads one way only. It is `false` when a value may contain a space and
   * nothing shows where it ends, as before an exec form's words.
   */
  buildArgsCertain: boolean;
}

/** The shell that builders use without a SHELL line, and that buildah 1.28 records under any SHELL. */
export const DEFAULT_SHELL: readonly string[] = ['/bin/sh', '-c'];

/**
 * A shell invocation as builders prefix it to a shell-form RUN, for a SHELL the Dockerfile does
 * not show (one of the base image): the default `/bin/sh -c`, a SHELL such as `/bin/bash -o
 * pipefail -c`, `/bin/sh -ec` or `/bin/busybox ash -c`, or Windows' `cmd /S /C` and
 * `powershell -Command`.
 * NOTE: a SHELL whose last option is not `-c` (alone or last in a group such as `-ec`), `/C` or
 * `-Command` is not recognised.
 */
const SHELL_PREFIX = /^(?:(?:\S*busybox\s+)?\S*(?:sh|bash|ash|dash|zsh|ksh)(?:\s+(?:-o\s+\S+|-[A-Za-z]+))*?\s+-[A-Za-z]*c|cmd(?:\s+\/\S+)*?\s+\/C|\S*powershell(?:\.exe)?(?:\s+-\S+)*?\s+-Command)(?=\s|$)/i;

/**
 * The proxy variables that builders accept without an ARG line (`builtinAllowedBuildArgs` in Moby,
 * whose later versions add `ALL_PROXY`, and in buildah), so a prefix may name them.
 */
const PROXY_NAME = /^(?:HTTP|HTTPS|FTP|NO|ALL)_PROXY$/i;

/** Reads a RUN entry's text, given without the builder's decorations (`RUN`, `# buildkit`). */
export function readRunCommand(text: string, builder: HistoryBuilder, hints: HistoryHints = {}): RecordedRun {
  const { buildArgs, rest: invocation, certain } = readBuildArgs(text, builder, hints);
  const shell = shellPrefixLength(invocation, hints.shells ?? []);
  const command = shell === undefined ? invocation : invocation.slice(shell).replace(/^\s+/, '');
  return { invocation, command, shellForm: shell !== undefined, buildArgs, buildArgsCertain: certain };
}

/**
 * Returns whether a RUN entry's text records `invocation` (the shell's words and the command, or
 * an exec form's words) after a `|N` prefix, if it has one, of N assignments. Only where the
 * prefix could end is checked, so values that contain spaces do not matter.
 */
export function recordsInvocation(text: string, builder: HistoryBuilder | null, invocation: string): boolean {
  const recorded = collapse(text);
  const expected = collapse(invocation);
  if (expected === '') return false;
  const count = /^\|(\d+) /.exec(recorded);
  if (!count) return recorded === expected;
  if (!recorded.endsWith(` ${expected}`)) return false;
  const prefix = recorded.slice(count[0].length, recorded.length - expected.length - 1);
  const assignments = Number(count[1]);
  // buildah counts the words of the prefix rather than its assignments (`getCreatedBy` in its imagebuildah/stage_executor.go).
  if (builder === 'buildah' && prefix.split(' ').length === assignments) return /^[A-Za-z_]\w*=/.test(prefix);
  const starts = assignmentStarts(prefix);
  return starts[0] === 0 && starts.length >= assignments;
}

/** The assignments of a prefix, the text after it, and whether the prefix reads one way only. */
type BuildArgReading = { buildArgs: Array<[string, string]>; rest: string; certain: boolean };

/** Tells whether a `NAME=` word may start an assignment. */
type NameTest = (name: string) => boolean;

/**
 * Reads the `|N NAME=value ...` prefix that the classic builder, BuildKit and buildah write in
 * front of a RUN when build arguments are in force. It records the values the step ran with,
 * after defaults and `--build-arg` values were applied. N counts the assignments, except that
 * buildah 1.28 counts the words that the values and names make when split at spaces.
 */
function readBuildArgs(text: string, builder: HistoryBuilder, hints: HistoryHints): BuildArgReading {
  const count = /^\|(\d+)\s+/.exec(text);
  if (!count) return { buildArgs: [], rest: text, certain: true };
  const body = text.slice(count[0].length);
  const expected = Number(count[1]);
  const names = (name: string) => !hints.argNames || hints.argNames.has(name) || PROXY_NAME.test(name);
  const reading = (builder === 'buildah' ? byWordCount(body, expected, names) : undefined)
    ?? byShellStart(body, expected, names, hints.shells ?? []);
  if (reading) return reading;
  // Nothing marks where the last value ends, as before an exec form's words, so each value is read up to its first space.
  return { ...bySpaces(body, expected), certain: false };
}

/** Reads a buildah prefix of `words` words, which its fixed `/bin/sh -c` follows. */
function byWordCount(body: string, words: number, names: NameTest): BuildArgReading | undefined {
  let end = -1;
  for (let word = 0; word < words; word++) {
    end = body.indexOf(' ', end + 1);
    if (end < 0) return undefined;
  }
  const rest = body.slice(end + 1);
  if (shellPrefixLength(rest, [DEFAULT_SHELL]) === undefined) return undefined;
  const prefix = body.slice(0, end);
  const starts = assignmentStarts(prefix, names);
  if (starts[0] !== 0) return undefined;
  return { buildArgs: assignmentsAt(prefix, starts), rest, certain: true };
}

/**
 * Reads a prefix of `expected` assignments that ends where the shell's words start: the first
 * start of a shell, a known one before any other, after which enough assignments fit. The
 * reading is certain unless more assignments start before it than the count leaves room for.
 * NOTE: a value that contains the shell's words followed by a space is cut there.
 */
function byShellStart(body: string, expected: number, names: NameTest, shells: ReadonlyArray<readonly string[]>): BuildArgReading | undefined {
  const starts = assignmentStarts(body, names);
  if (starts[0] !== 0) return undefined;
  // The known shells are looked for first, because the pattern also matches inside some of them (`ash -c` in `/bin/busybox ash -c`).
  const passes = shells.length > 0 ? [{ shells, pattern: false }, { shells: [], pattern: true }] : [{ shells: [], pattern: true }];
  for (const pass of passes) {
    for (const shellStart of wordStarts(body)) {
      if (shellPrefixLength(body.slice(shellStart), pass.shells, pass.pattern) === undefined) continue;
      const before = starts.filter((start) => start < shellStart);
      if (before.length < expected) continue;
      const prefix = body.slice(0, shellStart - 1);
      // With one assignment, or with as many starts as assignments, there is nothing to choose.
      const certain = expected === 1 || before.length === expected;
      return { buildArgs: assignmentsAt(prefix, before.slice(0, expected)), rest: body.slice(shellStart), certain };
    }
  }
  return undefined;
}

/** Reads `count` assignments, each value up to its first space, as the text shows when values have none. */
function bySpaces(body: string, count: number): { buildArgs: Array<[string, string]>; rest: string } {
  const buildArgs: Array<[string, string]> = [];
  let rest = body;
  for (let i = 0; i < count; i++) {
    const pair = /^([A-Za-z_][A-Za-z0-9_]*)=(\S*)\s*/.exec(rest);
    if (!pair) break;
    buildArgs.push([pair[1], pair[2]]);
    rest = rest.slice(pair[0].length);
  }
  return { buildArgs, rest };
}

/** Splits `prefix` into assignments that start at `starts`, each value ending at the space before the next. */
function assignmentsAt(prefix: string, starts: readonly number[]): Array<[string, string]> {
  return starts.map((start, index) => {
    const end = index + 1 < starts.length ? starts[index + 1] - 1 : prefix.length;
    const assignment = prefix.slice(start, end);
    const equals = assignment.indexOf('=');
    return [assignment.slice(0, equals), assignment.slice(equals + 1)];
  });
}

/** Lists where a `NAME=` that `names` accepts starts a word of `text`: at its start or after whitespace. */
function assignmentStarts(text: string, names: NameTest = () => true): number[] {
  const starts: number[] = [];
  for (const match of text.matchAll(/(^|\s)([A-Za-z_][A-Za-z0-9_]*)=/g)) {
    if (names(match[2])) starts.push(match.index + match[1].length);
  }
  return starts;
}

/** Lists where a word starts after whitespace, the first word excluded. */
function wordStarts(text: string): number[] {
  return [...text.matchAll(/\s(?=\S)/g)].map((match) => match.index + 1);
}

/**
 * Returns the length of the shell invocation that starts `text`: one of `shells` written out
 * with single spaces, or with `pattern` a shell that `SHELL_PREFIX` recognises. Returns
 * `undefined` when none starts it.
 */
function shellPrefixLength(text: string, shells: ReadonlyArray<readonly string[]>, pattern = true): number | undefined {
  for (const words of shells) {
    const written = words.join(' ');
    if (text.startsWith(written) && (text.length === written.length || /\s/.test(text[written.length]))) return written.length;
  }
  if (!pattern) return undefined;
  return SHELL_PREFIX.exec(text)?.[0].length;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
