/** The streams a CLI command writes to, passed in so tests can capture them. */
import type { Writable } from 'node:stream';
import { escapeControlCharacters } from './terminalText';

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
}

/**
 * Returns the prefix of every error and warning line of `command`, such as `layer-lens explain`,
 * so that a message in a script's log names the command that wrote it. Without a command (an
 * unknown one, or none), the prefix is `layer-lens`.
 */
export function messagePrefix(command?: string): string {
  return command === undefined ? 'layer-lens' : `layer-lens ${command}`;
}

/** Writes one warning line of `command`, with the control characters that names in `message` may contain escaped. */
export function writeWarning(stderr: Writable, command: string, message: string): void {
  stderr.write(`${messagePrefix(command)}: warning: ${escapeControlCharacters(message)}\n`);
}

/** Bad command-line usage: exit status 2. */
export class UsageError extends Error {}

/** An input the command cannot read: exit status 1. */
export class InputError extends Error {}

/**
 * Returns the one-line message of a usage error: a `UsageError`, or an option error of Node's
 * `parseArgs`, shortened to the option and what is wrong with it. Returns `undefined` for any
 * other error.
 */
export function usageMessage(error: unknown): string | undefined {
  if (error instanceof UsageError) return error.message;
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS')) return undefined;
  const text = (error as Error).message;
  // Node quotes the option, and for a missing value adds a placeholder: '--image <value>'.
  const option = /'(-[^' ]*)[^']*'/.exec(text)?.[1] ?? 'OPTION';
  if (/Unknown option/.test(text)) return `unknown option ${option}.`;
  // Each form of a missing value starts "option X needs a value:" and then states what to write.
  if (/argument missing/.test(text)) return `option ${option} needs a value: write it after the option, as ${option} VALUE.`;
  if (/argument is ambiguous/.test(text)) return `option ${option} needs a value: for one that starts with "-", write ${option}=VALUE.`;
  if (/does not take an argument/.test(text)) return `option ${option} takes no value: write ${option} alone.`;
  return text.split('. ')[0] + '.';
}

/** The fields of a `parseArgs` token that tell whether an option took the next word as its value. */
interface ArgumentToken {
  kind: string;
  name?: string;
  rawName?: string;
  value?: string;
  inlineValue?: boolean;
}

/**
 * Returns the usage error for a command line without its operand (such as SOURCE). When the last
 * word was read as the value of the option before it (`--max-wasted-bytes app.tar`), the error
 * names that option, which is the word the user left out. Otherwise it is `missing OPERAND: hint`.
 */
export function missingOperandError(tokens: ArgumentToken[], operand: string, hint: string): UsageError {
  const last = tokens.at(-1);
  if (last?.kind === 'option' && last.value !== undefined && last.inlineValue === false) {
    return new UsageError(`option ${last.rawName ?? ''} needs a value: it took "${last.value}", the last word, as its value, which leaves no ${operand}.`);
  }
  return new UsageError(`missing ${operand}: ${hint}`);
}

/**
 * Rejects a repeated option that takes one value (`--target a --target b`): `parseArgs` keeps the
 * last one without a word, so the user would not learn that the first was dropped. Options
 * declared `multiple` and flags without a value may repeat.
 */
export function rejectRepeatedOptions(tokens: ArgumentToken[], options: Readonly<Record<string, { type: string; multiple?: boolean }>>): void {
  const values = new Map<string, string[]>();
  for (const token of tokens) {
    const name = token.name;
    if (token.kind !== 'option' || name === undefined || token.value === undefined || options[name]?.multiple) continue;
    const seen = values.get(name) ?? [];
    seen.push(token.value);
    values.set(name, seen);
    if (seen.length === 2) throw new UsageError(`option --${name} is given twice ("${seen[0]}", then "${seen[1]}"): pass it once.`);
  }
}

/**
 * Returns the JSON indentation for `stream`: 2 spaces for a person at a terminal, none for a
 * pipe or file, where a program reads it and the indentation only adds bytes.
 */
export function jsonIndentFor(stream: Writable): number {
  return (stream as Writable & { isTTY?: boolean }).isTTY === true ? 2 : 0;
}

