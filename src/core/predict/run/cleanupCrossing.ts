/**
 * Decides whether the cleanup of a later RUN (its `rm` commands) can move into an earlier RUN
 * across the instructions between them. Merging the whole later RUN moves every command, so it
 * stays limited to instructions that change nothing a RUN reads or writes. Moving only the
 * cleanup is safe as well across instructions that neither read nor write the deleted paths.
 * Both the waste hint and its quick fix follow these rules.
 */
import { DOCKERFILE_INSTRUCTIONS } from '../../dockerfile/instructionNames';
import type { ParsedInstruction } from '../../dockerfile/parse';
import { joinImagePath } from '../../model/paths';

/** Returns the working directory an instruction runs in, or `undefined` where it is not known. */
export type WorkdirOf = (instruction: ParsedInstruction) => string | undefined;

/** Instructions that may sit between two RUNs that are merged, because they change nothing a RUN reads or writes. */
export const neutralKeywords: ReadonlySet<string> = new Set(['LABEL', 'EXPOSE', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK', 'STOPSIGNAL', 'MAINTAINER', 'ONBUILD']);

/** The files that a `--chown` with names reads to look the names up. */
const accountFiles = ['/etc/passwd', '/etc/group'];

/** Returns the first instruction between two RUNs that rules out merging them, if any. */
export function mergeBlocker(between: readonly ParsedInstruction[]): ParsedInstruction | undefined {
  return crossedInstructions(between)[0];
}

/**
 * Lists the instructions between two RUNs that moved commands would cross. An unknown keyword
 * (a misspelt `COPPY`) is left out, because the builder rejects it, the prediction treats its
 * line as absent, and what the corrected line will do is unknown.
 */
function crossedInstructions(between: readonly ParsedInstruction[]): ParsedInstruction[] {
  return between.filter((instruction) => DOCKERFILE_INSTRUCTIONS.has(instruction.keyword) && !neutralKeywords.has(instruction.keyword));
}

/**
 * Explains, as a clause such as `the COPY on line 7 sits between them and writes /cache`, why
 * the `rm` operands of a cleanup cannot move into the earlier RUN across `between`, or returns
 * `undefined` when they can.
 */
export function cleanupCrossingReason(between: readonly ParsedInstruction[], operands: readonly string[], workdirOf: WorkdirOf): string | undefined {
  const crossed = crossedInstructions(between);
  if (crossed.length === 0) return undefined;
  const unclear = operands.find((operand) => !isPlainAbsolute(operand));
  if (unclear !== undefined) return `the cleanup deletes ${unclear}, which is not a plain absolute path, and the ${crossed[0].keyword} on line ${crossed[0].line} sits between them`;
  for (const instruction of crossed) {
    const reason = crossingReason(instruction, operands, workdirOf(instruction));
    if (reason) return reason;
  }
  return undefined;
}

function crossingReason(instruction: ParsedInstruction, operands: readonly string[], workdir: string | undefined): string | undefined {
  const where = `the ${instruction.keyword} on line ${instruction.line} sits between them`;
  switch (instruction.keyword) {
    case 'FROM':
      return `line ${instruction.line} starts another stage`;
    case 'ENV':
    case 'ARG':
      // The operands hold no variables, so only PATH, which chooses the rm program, matters.
      return /\bPATH\b/.test(instruction.args) ? `${where} and changes PATH, which chooses the rm that runs` : undefined;
    case 'WORKDIR':
      // WORKDIR creates its folder, so a cleanup moved before it would no longer delete that folder.
      return writeConflict(where, [instruction.args.trim()], operands, workdir);
    case 'COPY':
    case 'ADD': {
      const written = writeConflict(where, [destination(instruction)], operands, workdir);
      const chown = instruction.flags.some((flag) => flag.name === 'chown');
      return written ?? (chown ? readConflict(where, accountFiles, operands) : undefined);
    }
    case 'RUN':
      return `${where} and may read or write those paths`;
    case 'USER':
      return `${where} and changes the user that runs the cleanup`;
    case 'SHELL':
      return `${where} and changes the shell that runs the cleanup`;
    default:
      return where;
  }
}

/** Returns the destination of a COPY or ADD as written: its last argument. */
function destination(instruction: ParsedInstruction): string {
  if (instruction.json) return instruction.json[instruction.json.length - 1] ?? '';
  const words = instruction.args.trim().split(/\s+/);
  return words[words.length - 1] ?? '';
}

/**
 * Explains how an instruction that writes `paths` conflicts with the cleanup, or returns
 * `undefined`. A relative path is taken from `workdir`, the folder the instruction runs in.
 */
function writeConflict(where: string, paths: readonly string[], operands: readonly string[], workdir: string | undefined): string | undefined {
  for (const written of paths) {
    const path = resolvePath(written, workdir);
    if (!isPlainAbsolute(path)) return `${where} and writes ${written || 'a path'}, which is not a plain absolute path`;
    const operand = operands.find((candidate) => overlaps(candidate, path));
    if (operand !== undefined) return `${where} and writes ${path}, where the cleanup deletes ${operand}`;
  }
  return undefined;
}

function readConflict(where: string, paths: readonly string[], operands: readonly string[]): string | undefined {
  const path = paths.find((candidate) => operands.some((operand) => overlaps(operand, candidate)));
  return path === undefined ? undefined : `${where} and reads ${path}, which the cleanup deletes`;
}

/**
 * Resolves a relative path against a known working directory. Without one, or when either has
 * variables or quotes, the path comes back as written, so the callers treat it as unknown.
 */
export function resolvePath(path: string, workdir: string | undefined): string {
  if (path === '' || path.startsWith('/') || workdir === undefined || !isPlainAbsolute(workdir) || !isPlainAbsolute('/' + path)) return path;
  return joinImagePath(workdir, path);
}

/** Tells whether a path needs neither variables, quotes nor the working directory to resolve. */
export function isPlainAbsolute(path: string): boolean {
  return path.startsWith('/') && !/[$"'`\\]/.test(path);
}

/**
 * Tells whether writing `path` and deleting `operand` (an `rm` operand with `*`, `?` and `[...]`)
 * touch the same files: the operand covers the path, or the path contains what the operand names.
 */
function overlaps(operand: string, path: string): boolean {
  const written = trimSlashes(path);
  if (operandPattern(operand).test(written)) return true;
  // The fixed part of the operand, up to the folder of its first wildcard.
  const wildcard = operand.search(/[*?[]/);
  const fixed = trimSlashes(wildcard < 0 ? operand : operand.slice(0, operand.lastIndexOf('/', wildcard) + 1));
  return written === '/' || fixed === written || fixed.startsWith(`${written}/`);
}

function trimSlashes(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

/** Converts an `rm` operand with `*`, `?` and `[...]` into a test for the path and everything under it. */
export function operandPattern(operand: string): RegExp {
  let source = '';
  for (const char of operand.replace(/\/+$/, '')) {
    if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '[' || char === ']') source += char;
    else source += char.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${source}(/.*)?$`);
}
