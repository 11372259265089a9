/**
 * Error messages of failing file tools, worded as the image's tool prints them: BusyBox 1.35 and
 * GNU coreutils 9.1, as checked on both. The failing RUN's problem quotes them.
 */
import type { CommandContext, Status } from '../context';
import { toolFlavor } from './toolFlavor';

/** A reason as strerror words it, which both BusyBox and GNU coreutils print. */
export type ErrorReason = 'No such file or directory' | 'File exists' | 'Not a directory' | 'Is a directory';

type Wording = (operand: string, reason: ErrorReason) => string;

/** The message after "tool: ", by tool and flavor. */
const wordings: Record<string, { busybox: Wording; gnu: Wording }> = {
  cat: { busybox: (path, reason) => `can't open '${path}': ${reason}`, gnu: (path, reason) => `${path}: ${reason}` },
  chmod: { busybox: (path, reason) => `${path}: ${reason}`, gnu: (path, reason) => `cannot access '${path}': ${reason}` },
  mkdir: { busybox: (path, reason) => `can't create directory '${path}': ${reason}`, gnu: (path, reason) => `cannot create directory '${path}': ${reason}` },
  rm: {
    busybox: (path, reason) => (reason === 'Is a directory' ? `'${path}' is a directory` : `can't remove '${path}': ${reason}`),
    gnu: (path, reason) => `cannot remove '${path}': ${reason}`,
  },
  touch: { busybox: (path, reason) => `${path}: ${reason}`, gnu: (path, reason) => `cannot touch '${path}': ${reason}` },
};
wordings.chown = wordings.chmod;
wordings.chgrp = wordings.chmod;

/**
 * Records the error that the command prints for `operand` (as written where the model has it)
 * and returns the failed status. When the tool's flavor is unknown (an unread base image), the
 * message takes the plain `tool: operand: reason` form.
 */
export function failWith(context: CommandContext, operand: string, reason: ErrorReason): Status {
  const wording = wordings[context.name];
  const flavor = wording ? toolFlavor(context) : 'unknown';
  const text = wording && flavor !== 'unknown' ? wording[flavor](operand, reason) : `${operand}: ${reason}`;
  context.report.commandError = `${context.name}: ${text}`;
  return { success: false, certain: true };
}
