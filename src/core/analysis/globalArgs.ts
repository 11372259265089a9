/**
 * The values of the ARGs before the first FROM, which FROM lines read (a stage's steps read one
 * only after their own `ARG NAME`). The plan keeps them in its global scope and records them
 * nowhere, so these lines are replayed here with the same scope rules (`GlobalScope`). The hover
 * shows each value, what gave it, and whether any FROM line reads it.
 */
import type { BuilderKind } from '../dockerfile/builders';
import { parseDockerfile, type ParsedInstruction } from '../dockerfile/parse';
import { GlobalScope, platformArgs } from '../dockerfile/scope';
import { expandWord, splitWords } from '../dockerfile/words';
import { hostPlatform, parsePlatform, type Platform } from '../image/platform';
import type { GlobalArgLine, GlobalArgVariable } from './types';

export interface GlobalArgOptions {
  buildArgs?: Readonly<Record<string, string>>;
  /** BuildKit when absent. */
  builder?: BuilderKind;
  /** The platform to build for, as `os/arch[/variant]`; the host's when absent or invalid, as in `planBuild`. */
  platform?: string;
}

/**
 * Lists the ARG lines before the first FROM, in order. A build argument of a name wins over the
 * line's default. BuildKit and buildah also define the platform ARGs (`TARGETARCH` and the
 * rest) before any line, which a default may read.
 */
export function globalArgLines(text: string, options: GlobalArgOptions = {}): GlobalArgLine[] {
  const parsed = parseDockerfile(text);
  const buildArgs = options.buildArgs ?? {};
  const globals = new GlobalScope(buildArgs, predefinedArgs(options));
  const lines: GlobalArgLine[] = [];
  for (const instruction of parsed.instructions) {
    if (instruction.keyword === 'FROM') break;
    if (instruction.keyword !== 'ARG') continue;
    const variables = splitWords(instruction.args, parsed.escape).map((word) => {
      const equals = word.indexOf('=');
      const name = equals < 0 ? word : word.slice(0, equals);
      const written = equals < 0 ? null : word.slice(equals + 1);
      globals.declare(name, written === null ? undefined : expandWord(written, globals.lookup, parsed.escape).value);
      return assignedValue(name, written, globals.get(name) ?? null, buildArgs);
    });
    lines.push({ line: instruction.line, endLine: instruction.endLine, variables });
  }
  markUnreadByFrom(lines, parsed.instructions, parsed.escape);
  return lines;
}

function assignedValue(name: string, written: string | null, value: string | null, buildArgs: Readonly<Record<string, string>>): GlobalArgVariable {
  const variable: GlobalArgVariable = { name, value, written };
  if (Object.hasOwn(buildArgs, name)) variable.buildArg = true;
  return variable;
}

/**
 * Marks the names that no FROM line reads, directly (`FROM $IMAGE`, `--platform=$PLATFORM`) or
 * through the default of a later global ARG that a FROM line reads (`ARG IMAGE=$REGISTRY/app`).
 * A stage reads such a name only after its own `ARG NAME`. A name that a later line declares
 * again counts as read on every line that declares it, so no value that a FROM line may read
 * is marked.
 */
function markUnreadByFrom(lines: GlobalArgLine[], instructions: readonly ParsedInstruction[], escape: string): void {
  const read = new Set<string>();
  for (const instruction of instructions) {
    if (instruction.keyword !== 'FROM') continue;
    const words = [...instruction.flags.map((flag) => flag.value ?? ''), ...splitWords(instruction.args, escape)];
    for (const word of words) addNamesRead(word, escape, read);
  }
  // Backwards, so that a default's names are added before the lines above it are judged.
  for (const line of [...lines].reverse()) {
    for (const variable of [...line.variables].reverse()) {
      if (!read.has(variable.name)) variable.unreadByFrom = true;
      else if (variable.written !== null) addNamesRead(variable.written, escape, read);
    }
  }
}

/**
 * Adds the variable names that expanding `word` looks up. The word is expanded twice, with every
 * name unset and with every name set, so that the names in both the `${A:-$B}` and the
 * `${A:+$B}` branches are found.
 */
function addNamesRead(word: string, escape: string, names: Set<string>): void {
  for (const value of [undefined, 'set']) {
    expandWord(word, (name) => {
      names.add(name);
      return value;
    }, escape);
  }
}

/** Returns the ARGs the builder defines before the first line: none under the classic builder. */
function predefinedArgs(options: GlobalArgOptions): Record<string, string> {
  if (options.builder === 'classic') return {};
  const host = parsePlatform(hostPlatform()) as Platform;
  const target = options.platform === undefined ? undefined : parsePlatform(options.platform.trim());
  return platformArgs({ target: target ?? host, build: host });
}
