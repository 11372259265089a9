/** Instruction flags: which ones each instruction accepts, and reading their values. */
import { isOneEditApart } from './instructionNames';
import type { Flag, ParsedInstruction } from './parse';

/** Returns whether a boolean flag is on: `--name` alone, or `--name=true`. */
export function hasFlag(flags: Flag[], name: string): boolean {
  return flags.some((flag) => flag.name === name && (flag.value === null || flag.value.toLowerCase() !== 'false'));
}

/** Reads an optional boolean flag: `null` when it is absent. */
export function parseBooleanFlag(value: string | null, present: boolean): boolean | null {
  if (value === null) return present ? true : null;
  return value.toLowerCase() !== 'false';
}

/** Flags each instruction accepts, as of Dockerfile syntax 1.x (BuildKit). */
const knownFlags: Readonly<Record<string, readonly string[]>> = {
  FROM: ['platform'],
  COPY: ['from', 'chown', 'chmod', 'link', 'parents', 'exclude'],
  ADD: ['chown', 'chmod', 'link', 'checksum', 'keep-git-dir', 'unpack', 'exclude'],
  RUN: ['mount', 'network', 'security'],
  HEALTHCHECK: ['interval', 'timeout', 'start-period', 'start-interval', 'retries'],
};

/** The accepted flags that are on or off; every other accepted flag takes a value. */
const booleanFlags: ReadonlySet<string> = new Set(['link', 'parents', 'keep-git-dir', 'unpack']);

/**
 * Lists the accepted flags of an instruction written without a value (`--chown` alone). BuildKit's
 * flag parser, which the classic builder shares, rejects them with "Missing a value on flag".
 */
export function valuelessFlags(instruction: ParsedInstruction): string[] {
  const accepted = knownFlags[instruction.keyword];
  if (!accepted) return [];
  return instruction.flags.filter((flag) => flag.value === null && accepted.includes(flag.name) && !booleanFlags.has(flag.name)).map((flag) => flag.name);
}

/** Lists the flags of an instruction that it does not accept. */
export function unknownFlags(instruction: ParsedInstruction): string[] {
  const accepted = knownFlags[instruction.keyword];
  if (!accepted) return [];
  return instruction.flags.map((flag) => flag.name).filter((name) => !accepted.includes(name));
}

/** Lists the flags of `keyword` one edit away from the unknown flag `name` (`frm` is one edit from COPY's `from`). */
export function closeFlags(keyword: string, name: string): string[] {
  return (knownFlags[keyword] ?? []).filter((known) => isOneEditApart(name, known));
}

/** Returns the value of a flag, or `null` when it is absent or has none. */
export function flagValue(flags: Flag[], name: string): string | null {
  return flags.find((flag) => flag.name === name)?.value ?? null;
}
