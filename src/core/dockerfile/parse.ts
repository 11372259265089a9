/**
 * Turns Dockerfile text into plain instruction records with `dockerfile-ast`: keyword, lines,
 * the argument text with continuations joined and comment lines dropped, leading flags, the JSON
 * form if used, and heredocs with their bodies.
 */
import { DockerfileParser, type Instruction, type ParserDirective } from 'dockerfile-ast';
import type { Problem } from '../analysis/types';
import { splitWords } from './words';

export interface Heredoc {
  name: string;
  body: string;
  /** `<<-NAME`: leading tabs are stripped from the body. */
  stripTabs: boolean;
  /** `<<"NAME"` or `<<'NAME'`: the body is not expanded. */
  quoted: boolean;
  /** False when the closing delimiter is missing. */
  terminated: boolean;
}

export interface Flag {
  name: string;
  value: string | null;
}

export interface ParsedInstruction {
  keyword: string;
  /** 1-based first and last line; heredoc bodies included. */
  line: number;
  endLine: number;
  /** The instruction as written. */
  text: string;
  /** Arguments after the keyword and the flags, continuations joined, comment lines dropped. */
  args: string;
  flags: Flag[];
  /** The arguments in JSON (exec) form, or `null` for shell form. */
  json: string[] | null;
  heredocs: Heredoc[];
}

export interface ParsedDockerfile {
  instructions: ParsedInstruction[];
  escape: string;
  /** Parser directives (`syntax`, `escape`, `check`) by lower-case name. */
  directives: Record<string, string>;
  /** Misplaced, repeated or invalid parser directives. */
  problems: Problem[];
}

const directiveNames = new Set(['syntax', 'escape', 'check']);

/**
 * The records of the text parsed last. One text is often parsed several times in a row:
 * `explain --base-image` and the editor plan it for its images and again for the analysis, and
 * the editor's quick fixes parse it once per problem. A parse of the 300-line Dockerfile of
 * `npm run bench` took 12 to 30 ms of CPU time once compiled.
 */
let lastParse: { text: string; parsed: ParsedDockerfile } | undefined;

/**
 * Parses Dockerfile text. Never throws: odd input gives odd instructions for the plan to judge.
 * A second parse of the same text returns the same records. They are frozen, so that no caller
 * can change what the next one receives.
 */
export function parseDockerfile(text: string): ParsedDockerfile {
  if (lastParse?.text === text) return lastParse.parsed;
  const parsed = freezeRecords(parseText(text));
  lastParse = { text, parsed };
  return parsed;
}

function parseText(text: string): ParsedDockerfile {
  const source = text.replace(/^\uFEFF/, '');
  const dockerfile = DockerfileParser.parse(source);
  const escape = dockerfile.getEscapeCharacter();
  const lines = source.split(/\r?\n/);
  const instructions = dockerfile.getInstructions().map((instruction) => toRecord(instruction, lines, escape));
  const { directives, problems } = readDirectives(dockerfile.getDirectives(), lines);
  return { instructions, escape, directives, problems };
}

/** Freezes the records and every array and object in them, so that no caller changes what the next one gets. */
function freezeRecords(parsed: ParsedDockerfile): ParsedDockerfile {
  for (const instruction of parsed.instructions) {
    for (const flag of instruction.flags) Object.freeze(flag);
    for (const heredoc of instruction.heredocs) Object.freeze(heredoc);
    Object.freeze(instruction.flags);
    Object.freeze(instruction.heredocs);
    if (instruction.json) Object.freeze(instruction.json);
    Object.freeze(instruction);
  }
  for (const problem of parsed.problems) Object.freeze(problem);
  Object.freeze(parsed.instructions);
  Object.freeze(parsed.problems);
  Object.freeze(parsed.directives);
  return Object.freeze(parsed);
}

/**
 * Collects the directives at the top of the file and reports directive-like comments further
 * down: BuildKit stops looking for directives at the first comment, blank line or instruction,
 * so those are plain comments.
 */
function readDirectives(found: ParserDirective[], lines: string[]): { directives: Record<string, string>; problems: Problem[] } {
  const directives: Record<string, string> = {};
  const problems: Problem[] = [];
  const problem = (line: number, severity: Problem['severity'], message: string) => problems.push({ line: line + 1, endLine: line + 1, severity, message });
  for (const directive of found) {
    const name = directive.getName().toLowerCase();
    const value = directive.getValue();
    const line = directive.getRange().start.line;
    if (!directiveNames.has(name)) continue;
    if (name in directives) problem(line, 'error', `The parser directive "${name}" appears twice; BuildKit rejects a repeated directive. Keep one.`);
    else if (name === 'escape' && value !== '\\' && value !== '`') problem(line, 'error', `"# escape=${value}" is invalid: the escape character must be \\ or \`.`);
    directives[name] = value;
  }
  const topLines = new Set(found.map((directive) => directive.getRange().start.line));
  lines.forEach((text, line) => {
    const match = /^\s*#\s*(syntax|escape|check)\s*=/i.exec(text);
    if (match && !topLines.has(line)) {
      problem(line, 'warning', `"${text.trim()}" is a plain comment here: parser directives only count at the very top, before any comment, blank line or instruction.`);
    }
  });
  return { directives, problems };
}

function toRecord(instruction: Instruction, lines: string[], escape: string): ParsedInstruction {
  const range = instruction.getRange();
  const heredocRanges = readHeredocRanges(instruction);
  const first = range.start.line;
  const last = Math.max(range.end.line, ...heredocRanges.map((heredoc) => heredoc.endLine));
  const headerEnd = heredocRanges.length > 0 ? heredocRanges[0].bodyStart - 1 : last;
  const joined = joinContinuations(lines.slice(first, headerEnd + 1), escape).trimStart();
  const header = joined.slice(instruction.getInstruction().length);
  const { flags, rest } = takeFlags(header.trim(), escape);
  const heredocs = describeHeredocs(rest, heredocRanges, lines);
  return {
    keyword: instruction.getKeyword().toUpperCase(),
    line: first + 1,
    endLine: last + 1,
    text: lines.slice(first, last + 1).join('\n'),
    args: rest,
    flags,
    json: parseJsonForm(rest),
    heredocs,
  };
}

interface HeredocRange {
  bodyStart: number;
  bodyEnd: number;
  endLine: number;
  terminated: boolean;
}

function readHeredocRanges(instruction: Instruction): HeredocRange[] {
  const withHeredocs = instruction as Instruction & { getHeredocs?: () => import('dockerfile-ast').Heredoc[] };
  if (typeof withHeredocs.getHeredocs !== 'function') return [];
  let previousEnd = -1;
  return withHeredocs.getHeredocs().map((heredoc) => {
    const content = heredoc.getContentRange();
    const delimiter = heredoc.getDelimiterRange();
    // Several heredocs on one line: each body starts after the previous one's closing line.
    const start = Math.max(heredoc.getStartRange().end.line + 1, previousEnd + 1);
    const bodyEnd = delimiter ? delimiter.start.line - 1 : content ? content.end.line : start - 1;
    previousEnd = delimiter ? delimiter.end.line : bodyEnd;
    return { bodyStart: start, bodyEnd, endLine: previousEnd, terminated: delimiter !== null };
  });
}

function describeHeredocs(args: string, ranges: HeredocRange[], lines: string[]): Heredoc[] {
  const markers = [...args.matchAll(/<<(-?)(["']?)([A-Za-z0-9_.-]+)\2/g)];
  return ranges.map((range, index) => {
    const marker = markers[index];
    const stripTabs = marker?.[1] === '-';
    let body = lines.slice(range.bodyStart, range.bodyEnd + 1);
    if (stripTabs) body = body.map((line) => line.replace(/^\t+/, ''));
    return {
      name: marker?.[3] ?? 'EOF',
      body: body.length > 0 ? body.join('\n') + '\n' : '',
      stripTabs,
      quoted: (marker?.[2] ?? '') !== '',
      terminated: range.terminated,
    };
  });
}

/** Joins lines ended by the escape character, dropping comment and empty lines inside. */
export function joinContinuations(lines: string[], escape: string): string {
  let joined = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (i > 0 && (/^\s*#/.test(line) || line.trim() === '')) continue;
    const trimmed = line.replace(/\s+$/, '');
    if (trimmed.endsWith(escape) && i < lines.length - 1) joined += trimmed.slice(0, -1);
    else {
      joined += line;
      break;
    }
  }
  return joined;
}

/** Peels leading `--name=value` and `--name` words off the arguments. */
function takeFlags(args: string, escape: string): { flags: Flag[]; rest: string } {
  const flags: Flag[] = [];
  let rest = args;
  for (;;) {
    const match = /^--([A-Za-z][A-Za-z0-9-]*)(=(\S*))?(\s+|$)/.exec(rest);
    if (!match) break;
    const word = splitWords(rest, escape)[0] ?? '';
    const equals = word.indexOf('=');
    flags.push({ name: match[1].toLowerCase(), value: equals < 0 ? null : word.slice(equals + 1) });
    rest = rest.slice(rest.indexOf(word) + word.length).trimStart();
  }
  return { flags, rest };
}

function parseJsonForm(args: string): string[] | null {
  const trimmed = args.trim();
  if (!trimmed.startsWith('[')) return null;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    return Array.isArray(parsed) && parsed.every((item) => typeof item === 'string') ? parsed : null;
  } catch {
    return null;
  }
}
