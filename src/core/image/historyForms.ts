/**
 * Reads the `created_by` text of an image history entry back into the instruction it records.
 * Each builder writes its own form:
 *
 * - Docker's classic builder: `/bin/sh -c #(nop)  ENV A=b` for metadata, `/bin/sh -c #(nop) COPY
 *   file:HASH in /dest ` for COPY and ADD, `/bin/sh -c CMD` for a shell-form RUN (prefixed by
 *   `|N k=v ...` when build arguments are in use) and the bare words of an exec-form RUN.
 *   Values are recorded after variable expansion, WORKDIR as an absolute path.
 * - BuildKit's Dockerfile frontend: `RUN [|N k=v ...] /bin/sh -c CMD # buildkit` and
 *   `COPY [--chown=...] [--chmod=...] SRC... DEST # buildkit` for steps that run on a state,
 *   plain `WORKDIR /abs`, `ENV A=b` for the others, with the comment `buildkit.dockerfile.v0`.
 * - buildah 1.28: the classic forms, but with the text as written (variables unexpanded,
 *   WORKDIR relative) and the comment `FROM <parent>` on each entry that has a parent. An ARG
 *   entry lists the sorted names of all the stage's arguments that have a value so far
 *   (`ARG APP VERSION` for `ARG VERSION=1.2.3` after `ARG APP=widget`), not the line.
 * - kaniko: the instruction as written (`RUN mkdir /x`), and entries only for steps that
 *   changed the filesystem.
 */

export type HistoryBuilder = 'classic' | 'buildkit' | 'buildah' | 'kaniko';

/** The instruction that made a history entry, as the entry's text records it. */
export interface RecordedInstruction {
  builder: HistoryBuilder | null;
  /** Upper-case keyword (`RUN`, `COPY`, ...), or `null` for entries that name no instruction. */
  keyword: string | null;
  /** The instruction's arguments as recorded, without the builder's decorations. */
  body: string;
  /** For RUN: the text without the build-argument prefix, which starts with the shell if any. */
  invocation?: string;
  /** For RUN: the command without build arguments and shell, and whether a shell ran it. */
  command?: string;
  shellForm?: boolean;
  /** For RUN: the `NAME=value` pairs of the `|N` prefix, in recorded order (see `readBuildArgs`). */
  buildArgs?: Array<[string, string]>;
}

const BUILDKIT_COMMENT = 'buildkit.dockerfile.v0';
const BUILDKIT_SUFFIX = '# buildkit';
const CLASSIC_MARKER = '#(nop)';

const KEYWORDS = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'HEALTHCHECK', 'LABEL', 'MAINTAINER',
  'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);

/**
 * A shell invocation as builders prefix it to a shell-form RUN: the default `/bin/sh -c`, a
 * SHELL such as `/bin/bash -o pipefail -c`, or Windows' `cmd /S /C` and `powershell -Command`.
 * NOTE: a SHELL whose last option is not `-c`, `/C` or `-Command` is not recognised.
 */
const SHELL_PREFIX = /^(?:\S*(?:sh|bash|ash|dash|zsh|ksh)(?:\s+(?:-o\s+\S+|-[A-Za-z]+))*?\s+-c|cmd(?:\s+\/\S+)*?\s+\/C|\S*powershell(?:\.exe)?(?:\s+-\S+)*?\s+-Command)(?:\s+|$)/i;

/** Parses one entry's `created_by` and `comment`. */
export function parseCreatedBy(createdBy: string, comment = ''): RecordedInstruction {
  const text = createdBy.trim();
  if (text === '') return { builder: null, keyword: null, body: '' };
  if (text.endsWith(BUILDKIT_SUFFIX)) return withKeyword('buildkit', text.slice(0, -BUILDKIT_SUFFIX.length).trim());
  if (comment === BUILDKIT_COMMENT) return withKeyword('buildkit', text);
  const classicBuilder: HistoryBuilder = /^FROM\s/.test(comment) ? 'buildah' : 'classic';
  const marker = text.indexOf(CLASSIC_MARKER);
  if (marker >= 0) return withKeyword(classicBuilder, text.slice(marker + CLASSIC_MARKER.length).trim());
  const first = text.split(/\s/, 1)[0];
  if (KEYWORDS.has(first)) return withKeyword('kaniko', text);
  return { builder: classicBuilder, keyword: 'RUN', body: text, ...readRunCommand(text) };
}

/**
 * Parses the entries of one image's history, in order. buildah writes the comment
 * `FROM <parent>` on every entry but the first one of an image built FROM scratch, which has no
 * parent, so that entry alone reads as the classic builder's. It is taken as buildah's when the
 * next entry is buildah's.
 */
export function parseHistory(entries: ReadonlyArray<{ createdBy: string; comment?: string }>): RecordedInstruction[] {
  const recorded = entries.map((entry) => parseCreatedBy(entry.createdBy, entry.comment));
  const [first, second] = recorded;
  if (first?.builder === 'classic' && !entries[0].comment && second?.builder === 'buildah') recorded[0] = { ...first, builder: 'buildah' };
  return recorded;
}

/**
 * Shortens each content digest that the classic builder records for a COPY or ADD source
 * (`dir:`, `file:` or `multi:` and 64 hex digits) to its first 8 digits. A quote cut to a line's
 * length then keeps the destination that follows. The prefix needs no word boundary before it,
 * because Docker 20.10 writes `--chown=app` and `file:` with no space between them.
 */
export function abbreviateDigests(createdBy: string): string {
  return createdBy.replace(/(dir|file|multi):([0-9a-f]{8})[0-9a-f]{56}(?![0-9a-f])/g, '$1:$2…');
}

/** Splits `KEYWORD rest` and reads a RUN's command out of the rest. */
function withKeyword(builder: HistoryBuilder, text: string): RecordedInstruction {
  const match = /^(\S+)\s*([\s\S]*)$/.exec(text);
  const keyword = match ? match[1].toUpperCase() : '';
  const body = match ? match[2] : '';
  if (!KEYWORDS.has(keyword)) return { builder, keyword: null, body: text };
  if (keyword !== 'RUN') return { builder, keyword, body };
  // kaniko writes the RUN as written, so its body is already the command.
  if (builder === 'kaniko') return { builder, keyword, body, invocation: body, command: body, shellForm: true };
  return { builder, keyword, body, ...readRunCommand(body) };
}

/** Removes the `|N k=v ...` build-argument prefix and the shell invocation from a RUN. */
function readRunCommand(text: string): { invocation: string; command: string; shellForm: boolean; buildArgs: Array<[string, string]> } {
  const { buildArgs, rest: invocation } = readBuildArgs(text);
  const shell = SHELL_PREFIX.exec(invocation);
  if (shell) return { invocation, command: invocation.slice(shell[0].length), shellForm: true, buildArgs };
  return { invocation, command: invocation, shellForm: false, buildArgs };
}

/**
 * Reads the `|N NAME=value ...` prefix that the classic builder, BuildKit and buildah write in
 * front of a RUN when build arguments are in force. It records the values the step ran with,
 * after defaults and `--build-arg` values were applied. Values are joined with single spaces and
 * not quoted, so a value that contains a space cannot be separated from the next word.
 * NOTE: such a value is read up to its first space and leaves its tail in the command, so the RUN
 * then reads as changed.
 */
function readBuildArgs(text: string): { buildArgs: Array<[string, string]>; rest: string } {
  const buildArgs: Array<[string, string]> = [];
  const count = /^\|(\d+)\s+/.exec(text);
  if (!count) return { buildArgs, rest: text };
  let rest = text.slice(count[0].length);
  for (let i = 0; i < Number(count[1]); i++) {
    const pair = /^([A-Za-z_][A-Za-z0-9_]*)=(\S*)\s*/.exec(rest);
    if (!pair) break;
    buildArgs.push([pair[1], pair[2]]);
    rest = rest.slice(pair[0].length);
  }
  return { buildArgs, rest };
}
