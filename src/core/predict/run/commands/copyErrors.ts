/**
 * Error messages of a failing cp, mv or install, worded as BusyBox 1.35 and GNU coreutils 9.1
 * print them (checked on both). Unlike the tools of `toolError.ts`, these name a source, a
 * target or both, and word each case differently.
 */
import type { CommandContext, Status } from '../context';
import { failWithText, type ErrorReason } from './toolError';
import { toolFlavor, type ToolFlavor } from './toolFlavor';

/**
 * Why copying one source fails: it is missing, it is a folder and the copy is not recursive,
 * or its target's parent is missing or not a folder.
 */
export type CopyFailure =
  | { kind: 'missing-source' }
  | { kind: 'directory-source' }
  | { kind: 'target-parent'; reason: ErrorReason; directory: boolean }
  /** mv of a source whose last component is `.` or `..`, which rename(2) rejects with EBUSY. */
  | { kind: 'busy' };

/** The operands of one failing copy as the command line writes them. */
export interface CopyOperands {
  source: string;
  target: string;
  /** The target is a name inside the destination folder: several sources, or `-t`. */
  intoDirectory: boolean;
}

/** Records the error that the command prints when copying one source fails, and returns the failed status. */
export function failCopy(context: CommandContext, failure: CopyFailure, operands: CopyOperands): Status {
  const flavor = toolFlavor(context);
  const text = flavor === 'unknown' ? plainText(failure, operands) : flavorText(context.name, flavor, failure, operands);
  if (text === undefined) return { success: false, certain: true };
  return failWithText(context, text);
}

/**
 * Records GNU's error for several sources (or `-t`) whose destination is not a folder: GNU checks
 * the destination first and copies nothing. BusyBox tries each source and fails on each one.
 */
export function failTargetDirectory(context: CommandContext, destination: string, reason: ErrorReason, option: boolean): Status {
  if (!option) return failWithText(context, `target '${destination}': ${reason}`);
  return failWithText(context, context.name === 'install' ? `failed to access '${destination}': ${reason}` : `target directory '${destination}': ${reason}`);
}

/**
 * Formats a failure as `tool: operand: reason` for a tool of unknown flavor. Returns undefined
 * when no strerror reason applies.
 */
function plainText(failure: CopyFailure, operands: CopyOperands): string | undefined {
  if (failure.kind === 'missing-source') return `${operands.source}: No such file or directory`;
  if (failure.kind === 'busy') return `${operands.source}: Device or resource busy`;
  if (failure.kind === 'target-parent') return `${operands.target}: ${failure.reason}`;
  return undefined;
}

function flavorText(tool: string, flavor: Exclude<ToolFlavor, 'unknown'>, failure: CopyFailure, operands: CopyOperands): string | undefined {
  const { source, target } = operands;
  if (flavor === 'gnu') {
    if (failure.kind === 'missing-source') return `cannot stat '${source}': No such file or directory`;
    if (failure.kind === 'busy') return `cannot move '${source}' to '${target}': Device or resource busy`;
    if (failure.kind === 'directory-source') return tool === 'cp' ? `-r not specified; omitting directory '${source}'` : `omitting directory '${source}'`;
    if (failure.reason === 'Not a directory') return `cannot stat '${target}': Not a directory`;
    if (tool === 'mv') return `cannot move '${source}' to '${target}': ${failure.reason}`;
    return `cannot create ${failure.directory ? 'directory' : 'regular file'} '${target}': ${failure.reason}`;
  }
  // NOTE: Debian's BusyBox build has no install applet, so its wording is not checked and takes the plain form.
  if (tool === 'install') return plainText(failure, operands);
  if (tool === 'mv') {
    if (failure.kind === 'busy') return `can't rename '${source}': Device or resource busy`;
    if (failure.kind === 'target-parent' && failure.reason === 'Not a directory') return `can't stat '${target}': Path has non-directory component`;
    return `can't rename '${source}': No such file or directory`;
  }
  if (failure.kind === 'missing-source') return `can't stat '${source}': No such file or directory`;
  if (failure.kind === 'directory-source') return `omitting directory '${source}'`;
  // Only mv fails with EBUSY.
  if (failure.kind === 'busy') return plainText(failure, operands);
  if (failure.reason === 'Not a directory') return `can't stat '${target}': ${operands.intoDirectory ? 'Not a directory' : 'Path has non-directory component'}`;
  return `can't create ${failure.directory ? 'directory ' : ''}'${target}': ${failure.reason}`;
}
