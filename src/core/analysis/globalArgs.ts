/**
 * The values of the ARGs before the first FROM, which only FROM lines read. The plan keeps them
 * in its global scope and records them nowhere, so these lines are replayed here with the same
 * scope rules (`GlobalScope`), for a hover that shows each value and what gave it.
 */
import type { BuilderKind } from '../dockerfile/builders';
import { parseDockerfile } from '../dockerfile/parse';
import { GlobalScope, platformArgs } from '../dockerfile/scope';
import { expandWord, splitWords } from '../dockerfile/words';
import { hostPlatform, parsePlatform, type Platform } from '../image/platform';
import type { AssignedVariable, GlobalArgLine } from './types';

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
  return lines;
}

function assignedValue(name: string, written: string | null, value: string | null, buildArgs: Readonly<Record<string, string>>): AssignedVariable {
  const variable: AssignedVariable = { name, value, written };
  if (Object.hasOwn(buildArgs, name)) variable.buildArg = true;
  return variable;
}

/** Returns the ARGs the builder defines before the first line: none under the classic builder. */
function predefinedArgs(options: GlobalArgOptions): Record<string, string> {
  if (options.builder === 'classic') return {};
  const host = parsePlatform(hostPlatform()) as Platform;
  const target = options.platform === undefined ? undefined : parsePlatform(options.platform.trim());
  return platformArgs({ target: target ?? host, build: host });
}
