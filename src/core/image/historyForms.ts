/**
 * Reads the `created_by` text of an image history entry back into the instruction it records.
 * Each builder writes its own form:
 *
 * - Docker's classic builder: `/bin/sh -c #(nop)  ENV A=b` for metadata, `/bin/sh -c #(nop) COPY
 *   file:HASH in /dest ` for COPY and ADD, `/bin/sh -c CMD` for a shell-form RUN (prefixed by
 *   `|N k=v ...` when build arguments are in use) and the bare words of an exec-form RUN.
 *   Under a SHELL line the SHELL's words joined by spaces replace `/bin/sh -c`
 *   (`/bin/sh -ec echo hi` for `SHELL ["/bin/sh", "-ec"]`), in RUN and `#(nop)` entries alike.
 *   Values are recorded after variable expansion, WORKDIR as an absolute path.
 * - BuildKit's Dockerfile frontend: `RUN [|N k=v ...] /bin/sh -c CMD # buildkit` and
 *   `COPY [--chown=...] [--chmod=...] SRC... DEST # buildkit` for steps that run on a state,
 *   plain `WORKDIR /abs`, `ENV A=b` for the others, with the comment `buildkit.dockerfile.v0`.
 * - buildah 1.28: the classic forms, but with the text as written (variables unexpanded,
 *   WORKDIR relative) and the comment `FROM <parent>` on each entry that has a parent. An ARG
 *   entry lists the sorted names of all the stage's arguments that have a value so far
 *   (`ARG APP VERSION` for `ARG VERSION=1.2.3` after `ARG APP=widget`), not the line. A RUN
 *   is recorded with `/bin/sh -c` in front under any SHELL.
 * - kaniko: the instruction as written (`RUN mkdir /x`), and entries only for steps that
 *   changed the filesystem.
 */

import { readRunCommand, type HistoryHints } from './recordedRun';

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
  /** For RUN: the `NAME=value` pairs of the `|N` prefix, in recorded order. */
  buildArgs?: Array<[string, string]>;
  /** For RUN: whether the prefix reads one way only (see `RecordedRun`). */
  buildArgsCertain?: boolean;
}

const BUILDKIT_COMMENT = 'buildkit.dockerfile.v0';
const BUILDKIT_SUFFIX = '# buildkit';
const CLASSIC_MARKER = '#(nop)';

const KEYWORDS = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'HEALTHCHECK', 'LABEL', 'MAINTAINER',
  'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);

/**
 * Parses one entry's `created_by` and `comment`. `hints` from the Dockerfile show where the
 * build-argument values of a RUN end (see `recordedRun.ts`).
 */
export function parseCreatedBy(createdBy: string, comment = '', hints: HistoryHints = {}): RecordedInstruction {
  const text = createdBy.trim();
  if (text === '') return { builder: null, keyword: null, body: '' };
  if (text.endsWith(BUILDKIT_SUFFIX)) return withKeyword('buildkit', text.slice(0, -BUILDKIT_SUFFIX.length).trim(), hints);
  if (comment === BUILDKIT_COMMENT) return withKeyword('buildkit', text, hints);
  const classicBuilder: HistoryBuilder = /^FROM\s/.test(comment) ? 'buildah' : 'classic';
  const marker = text.indexOf(CLASSIC_MARKER);
  if (marker >= 0) return withKeyword(classicBuilder, text.slice(marker + CLASSIC_MARKER.length).trim(), hints);
  const first = text.split(/\s/, 1)[0];
  if (KEYWORDS.has(first)) return withKeyword('kaniko', text, hints);
  return { builder: classicBuilder, keyword: 'RUN', body: text, ...readRunCommand(text, classicBuilder, hints) };
}

/**
 * Parses the entries of one image's history, in order. buildah writes the comment
 * `FROM <parent>` on every entry but the first one of an image built FROM scratch, which has no
 * parent, so that entry alone reads as the classic builder's. It is taken as buildah's when the
 * next entry is buildah's.
 */
export function parseHistory(entries: ReadonlyArray<{ createdBy: string; comment?: string }>, hints: HistoryHints = {}): RecordedInstruction[] {
  const recorded = entries.map((entry) => parseCreatedBy(entry.createdBy, entry.comment, hints));
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
function withKeyword(builder: HistoryBuilder, text: string, hints: HistoryHints): RecordedInstruction {
  const match = /^(\S+)\s*([\s\S]*)$/.exec(text);
  const keyword = match ? match[1].toUpperCase() : '';
  const body = match ? match[2] : '';
  if (!KEYWORDS.has(keyword)) return { builder, keyword: null, body: text };
  if (keyword !== 'RUN') return { builder, keyword, body };
  // kaniko writes the RUN as written, so its body is already the command.
  if (builder === 'kaniko') return { builder, keyword, body, invocation: body, command: body, shellForm: true };
  return { builder, keyword, body, ...readRunCommand(body, builder, hints) };
}
