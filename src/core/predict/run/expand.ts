/**
 * Shell word expansion as POSIX `sh` does it: tildes, parameters, field splitting of unquoted
 * expansions, and pathname expansion (globs) against the predicted filesystem.
 */
import { joinImagePath } from '../../model/paths';
import type { Word, WordPart } from './ast';
import { tildePieces, type TildePrefix, type TildeRule } from './tilde';
import type { RunView } from './view';

/** One field after expansion. `known` is false when a part's value cannot be predicted. */
export interface Field {
  value: string;
  known: boolean;
  /** Set on an unknown value that is surely not empty, so that `[ -n "$HOSTNAME" ]` is known. */
  nonEmpty?: true;
  /**
   * The glob pattern (quoted characters escaped) when the field comes from a glob over a folder
   * whose contents are only partly known, so the listed matches may not be all of them.
   */
  glob?: string;
}

export interface ExpandResult {
  fields: Field[];
  /** A glob ran over a folder whose contents are only partly known. */
  partialGlob: boolean;
}

export interface ExpandEnvironment {
  variables: ReadonlyMap<string, string>;
  /** Variables whose value the prediction cannot know (set from a command's output). */
  unknownVariables: ReadonlySet<string>;
  /** Variables of `unknownVariables` that are set to a value that is surely not empty. */
  nonEmptyVariables?: ReadonlySet<string>;
  /** The script's `$0`, which the shell sets apart from its variables. */
  scriptName: Field;
  /** `$?`, the exit status of the last command, `null` where it is unknown. */
  lastStatus: number | null;
  cwd: string;
  view: RunView;
  /** Pathname expansion is on (`set -f` turns it off). */
  glob: boolean;
  /** Returns the home folder of a user for `~name`, or `undefined` where it is unknown. Without it, every `~name` is unknown. */
  userHome?: (name: string) => string | undefined;
  /** Whether every command's `NAME=value` arguments expand tildes as assignments do (`make PREFIX=~/x`), as bash 5.2.15 does outside POSIX mode. */
  assignmentArguments?: boolean;
}

/** A run of characters; unquoted ones may split into fields and act as glob characters. */
interface Segment {
  text: string;
  quoted: boolean;
  /** From an expansion (split on whitespace when unquoted) rather than written literally. */
  expanded: boolean;
  known: boolean;
  /** An unknown text that is surely not empty. */
  nonEmpty?: boolean;
}

/**
 * Expands a list of words into fields, as the shell does for a command's arguments. The
 * `NAME=value` arguments of export and readonly expand tildes as assignments do, and those of
 * any command where `env.assignmentArguments` is set.
 */
export function expandWords(words: Word[], env: ExpandEnvironment): ExpandResult {
  const fields: Field[] = [];
  let partialGlob = false;
  const declares = env.assignmentArguments === true || /^(export|readonly)$/.test(words[0]?.text ?? '');
  for (const [index, word] of words.entries()) {
    const result = expandWord(word, env, declares && index > 0 ? 'declaration' : 'word');
    fields.push(...result.fields);
    partialGlob ||= result.partialGlob;
  }
  return { fields, partialGlob };
}

/**
 * Maximum characters of one expanded word. A variable that refers to itself (`A=$A$A`) doubles
 * on each assignment; past this length the word counts as unknown instead of exhausting memory.
 */
const MAX_WORD_LENGTH = 1024 * 1024;

/** Replaces an expansion longer than `MAX_WORD_LENGTH` by one unknown segment. */
function bounded(segments: Segment[], quoted: boolean): Segment[] {
  let length = 0;
  for (const segment of segments) length += segment.text.length;
  return length > MAX_WORD_LENGTH ? [{ text: '', quoted, expanded: true, known: false }] : segments;
}

/** Expands one word into zero or more fields. */
export function expandWord(word: Word, env: ExpandEnvironment, tilde: TildeRule = 'word'): ExpandResult {
  const segments = bounded(tildePieces(word.parts, tilde).flatMap((piece) => expandPiece(piece, env)), false);
  const split = splitFields(segments);
  const fields: Field[] = [];
  let partialGlob = false;
  for (const field of split) {
    const value = field.map((segment) => segment.text).join('');
    const known = field.every((segment) => segment.known);
    const pattern = globPattern(field);
    if (!env.glob || !known || pattern === null) {
      fields.push({ value, known, ...nonEmptyMark(field, known) });
      continue;
    }
    const matches = globPaths(pattern, env);
    partialGlob ||= matches.partial;
    const glob = matches.partial ? { glob: pattern } : {};
    if (matches.paths.length === 0) fields.push({ value, known: !matches.partial, ...glob });
    else fields.push(...matches.paths.map((path) => ({ value: path, known: true, ...glob })));
  }
  return { fields, partialGlob };
}

/**
 * Expands a word that is not split or globbed (assignments, redirect targets, case words).
 * `tilde` is `assignment` for an assignment's value and `none` for a heredoc body.
 */
export function expandSingle(word: Word, env: ExpandEnvironment, tilde: TildeRule = 'word'): Field {
  const pieces = tildePieces(word.parts, tilde).map((piece) => (piece.kind === 'tilde' ? piece : ({ ...piece, quoted: true } as WordPart)));
  const segments = bounded(pieces.flatMap((piece) => expandPiece(piece, env)), true);
  const known = segments.every((segment) => segment.known);
  return { value: segments.map((segment) => segment.text).join(''), known, ...nonEmptyMark(segments, known) };
}

/** Marks an unknown field that is surely not empty: one of its parts is known and not empty, or an unknown part that is never empty. */
function nonEmptyMark(segments: Segment[], known: boolean): { nonEmpty?: true } {
  if (known) return {};
  return segments.some((segment) => segment.text !== '' && (segment.known || segment.nonEmpty)) ? { nonEmpty: true } : {};
}

function expandPiece(piece: WordPart | TildePrefix, env: ExpandEnvironment): Segment[] {
  return piece.kind === 'tilde' ? [tildeSegment(piece, env)] : expandPart(piece, env);
}

/**
 * Expands a tilde-prefix, whose value is neither split nor globbed. A HOME that is unset, empty
 * or unknown leaves the value unknown, because the shells differ there (bash reads /etc/passwd
 * for an unset HOME, dash keeps the `~`). So does a user whose home folder is unknown.
 */
function tildeSegment(prefix: TildePrefix, env: ExpandEnvironment): Segment {
  const home = prefix.user === '' ? homeVariable(env) : env.userHome?.(prefix.user);
  if (home === undefined) return { text: prefix.text, quoted: true, expanded: true, known: false };
  return { text: home, quoted: true, expanded: true, known: true };
}

/** Returns `$HOME` where it is known and not empty. */
function homeVariable(env: ExpandEnvironment): string | undefined {
  const home = env.variables.get('HOME');
  return env.unknownVariables.has('HOME') || !home ? undefined : home;
}

function expandPart(part: WordPart, env: ExpandEnvironment): Segment[] {
  if (part.kind === 'literal') return [{ text: part.text, quoted: part.quoted, expanded: false, known: true }];
  if (part.kind === 'unknown') return [{ text: part.text, quoted: part.quoted, expanded: true, known: false }];
  const special = specialParameter(part.name, env);
  const isSet = special !== undefined || env.variables.has(part.name);
  const value = special?.value ?? env.variables.get(part.name) ?? '';
  const unknownValue = special === undefined && env.unknownVariables.has(part.name);
  const known = special?.known ?? (!unknownValue && (isSet || part.operator !== undefined || shellSetVariables.has(part.name)));
  // Shells count a value's length in bytes or in characters by locale; the two agree on ASCII.
  if (part.length) return [{ text: String(value.length), quoted: part.quoted, expanded: true, known: known && /^[\x00-\x7f]*$/.test(value) }];
  const nonEmpty = unknownValue && isSet && env.nonEmptyVariables?.has(part.name) === true;
  const useArgument = argumentApplies(part.operator, isSet, value);
  let segments: Segment[] = [{ text: value, quoted: part.quoted, expanded: true, known, nonEmpty }];
  if (useArgument) segments = part.argument ? argumentSegments(part.argument, part.quoted, env) : [];
  // Whether the word applies is a guess where it depends on an unknown value: whether the
  // variable is set, or for the `:` forms whether it is empty.
  const decided = !unknownValue || part.operator === undefined || (isSet && (nonEmpty || !part.operator.startsWith(':')));
  return decided ? segments : guessedSegments(segments, part.quoted);
}

/** Marks as unknown an expansion whose choice between the value and the word is a guess. An empty one becomes one unknown segment. */
function guessedSegments(segments: Segment[], quoted: boolean): Segment[] {
  if (segments.length === 0) return [{ text: '', quoted, expanded: true, known: false }];
  return segments.map((segment) => ({ ...segment, known: false, nonEmpty: false }));
}

/** Returns `$0`, `$?` and `$-`, which the shell keeps apart from its variables, or `undefined` for another name. */
function specialParameter(name: string, env: ExpandEnvironment): Field | undefined {
  if (name === '0') return env.scriptName;
  // `$-` lists the option letters, which differ by shell under the same options, so its value is
  // unknown: under `sh -ec`, dash 0.5.12 gives `e`, bash 5.2.15 `ehBc` and BusyBox 1.35 ash `ce`.
  if (name === '-') return { value: '', known: false };
  if (name !== '?') return undefined;
  return env.lastStatus === null ? { value: '', known: false } : { value: String(env.lastStatus), known: true };
}

/**
 * Expands the word of `${NAME:-word}` and its kin. Unquoted, the result is split into fields like
 * any expansion, literal blanks of the word included (`${X:-a b}` gives two fields).
 */
function argumentSegments(argument: Word, quoted: boolean, env: ExpandEnvironment): Segment[] {
  // The word's tilde expands only outside double quotes: `${X:-~}` but not `"${X:-~}"`.
  const pieces = tildePieces(argument.parts, quoted ? 'none' : 'word');
  const segments = pieces.flatMap((inner) => (inner.kind === 'tilde' ? [tildeSegment(inner, env)] : expandPart({ ...inner, quoted: inner.quoted || quoted } as WordPart, env)));
  return quoted ? segments : segments.map((segment) => ({ ...segment, expanded: true }));
}

/** Variables the shell sets itself; any other unset variable may come from the base image's ENV. */
export const shellSetVariables: ReadonlySet<string> = new Set(['HOME', 'PATH', 'PWD', 'IFS', '?', '!', '#', '@', '*', '-', '1', '2', '3', '4', '5', '6', '7', '8', '9']);

function argumentApplies(operator: string | undefined, isSet: boolean, value: string): boolean {
  switch (operator) {
    case ':-':
    case ':=':
      return !isSet || value === '';
    case '-':
    case '=':
      return !isSet;
    case ':+':
      return isSet && value !== '';
    case '+':
      return isSet;
    default:
      return false;
  }
}

/** Splits unquoted expansion results on whitespace; literal text never splits. */
function splitFields(segments: Segment[]): Segment[][] {
  const fields: Segment[][] = [];
  let current: Segment[] = [];
  let hasContent = false;
  for (const segment of segments) {
    if (segment.quoted || !segment.expanded) {
      current.push(segment);
      hasContent = true;
      continue;
    }
    // An unknown value may hold words, so it stays one unknown field instead of none.
    if (!segment.known && segment.text === '') {
      current.push(segment);
      hasContent = true;
      continue;
    }
    const pieces = segment.text.split(/[ \t\n]+/);
    pieces.forEach((piece, index) => {
      if (index > 0 && hasContent) {
        fields.push(current);
        current = [];
        hasContent = false;
      }
      if (piece !== '') {
        current.push({ ...segment, text: piece });
        hasContent = true;
      }
    });
  }
  if (hasContent) fields.push(current);
  return fields;
}

/** Returns the field as a glob pattern (quoted characters escaped), or `null` if it has none. */
function globPattern(field: Segment[]): string | null {
  let pattern = '';
  let wild = false;
  for (const segment of field) {
    if (segment.quoted) pattern += segment.text.replace(/[*?[\]\\]/g, '\\$&');
    else {
      pattern += segment.text;
      wild ||= /[*?[]/.test(segment.text);
    }
  }
  return wild ? pattern : null;
}

/** Matches a glob against the view, one path segment at a time. */
function globPaths(pattern: string, env: ExpandEnvironment): { paths: string[]; partial: boolean } {
  const absolute = pattern.startsWith('/');
  const segments = pattern.split('/').filter((segment) => segment !== '');
  let candidates: Array<{ shown: string; path: string }> = [{ shown: absolute ? '/' : '', path: absolute ? '/' : env.cwd }];
  let partial = false;
  for (const segment of segments) {
    const next: Array<{ shown: string; path: string }> = [];
    const matcher = isWild(segment) ? segmentMatcher(segment) : null;
    for (const candidate of candidates) {
      if (!matcher) {
        const literal = unescapeSegment(segment);
        next.push({ shown: joinShown(candidate.shown, literal), path: joinImagePath(candidate.path, literal) });
        continue;
      }
      if (env.view.mayHoldUnlisted(candidate.path)) partial = true;
      for (const child of env.view.children(candidate.path)) {
        if (matcher(child.name)) next.push({ shown: joinShown(candidate.shown, child.name), path: child.path });
      }
    }
    candidates = next;
  }
  const paths = candidates.filter((candidate) => env.view.lookup(candidate.path).presence === 'yes').map((candidate) => candidate.shown);
  return { paths: paths.sort(), partial };
}

/**
 * Splits a glob pattern before its first segment with glob characters. Returns the folder the
 * glob starts in, as a path to resolve, and whether the matches are that folder's children:
 * true for `dir/*.log`, false for `dir/?/test`, whose matches lie in subfolders.
 */
export function globFolder(pattern: string): { folder: string; matchesChildren: boolean } {
  const segments = pattern.split('/').filter((segment) => segment !== '');
  const first = segments.findIndex(isWild);
  const literal = segments.slice(0, first < 0 ? segments.length : first).map(unescapeSegment).join('/');
  let folder = literal;
  if (pattern.startsWith('/')) folder = '/' + literal;
  else if (literal === '') folder = '.';
  return { folder, matchesChildren: first >= 0 && first === segments.length - 1 };
}

/** Returns whether a pattern segment has an unescaped glob character. */
function isWild(segment: string): boolean {
  return /[*?[]/.test(segment.replace(/\\./g, ''));
}

function unescapeSegment(segment: string): string {
  return segment.replace(/\\(.)/g, '$1');
}

function joinShown(prefix: string, name: string): string {
  if (prefix === '') return name;
  return prefix.endsWith('/') ? prefix + name : prefix + '/' + name;
}

/** Builds a matcher for one glob segment: `*`, `?`, `[...]`, `[!...]`; dot files need a dot. */
function segmentMatcher(segment: string): (name: string) => boolean {
  let source = '';
  for (let i = 0; i < segment.length; i++) {
    const char = segment[i];
    if (char === '\\' && i + 1 < segment.length) source += escapeRegExp(segment[++i]);
    else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close < 0) source += '\\[';
      else {
        const body = segment.slice(i + 1, close);
        source += '[' + (body.startsWith('!') ? '^' + body.slice(1) : body).replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else source += escapeRegExp(char);
  }
  const expression = new RegExp('^' + source + '$', 's');
  const dotExplicit = segment.startsWith('.');
  return (name) => (dotExplicit || !name.startsWith('.')) && expression.test(name);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
