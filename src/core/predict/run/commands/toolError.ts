/**
 * Error messages of failing file tools, worded as the image's tool prints them: BusyBox 1.35 and
 * GNU coreutils 9.1, as checked on both. The failing RUN's problem quotes them.
 */
import { ancestorPaths, parentPath } from '../../../model/paths';
import type { CommandContext, Status } from '../context';
import type { PathLookup, RunView } from '../view';
import { toolFlavor } from './toolFlavor';

/** A reason as strerror words it, which both BusyBox and GNU coreutils print. */
export type ErrorReason = 'No such file or directory' | 'File exists' | 'Not a directory' | 'Is a directory' | 'Directory not empty';

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
  rmdir: { busybox: (path, reason) => `'${path}': ${reason}`, gnu: (path, reason) => `failed to remove '${path}': ${reason}` },
  // GNU sed is not part of coreutils, so this wording is that of GNU sed 4.9.
  sed: { busybox: (path, reason) => `${path}: ${reason}`, gnu: (path, reason) => `can't read ${path}: ${reason}` },
  touch: { busybox: (path, reason) => `${path}: ${reason}`, gnu: (path, reason) => `cannot touch '${path}': ${reason}` },
};
wordings.chown = wordings.chmod;
wordings.chgrp = wordings.chmod;
// `install -d` makes folders the way `mkdir -p` does, and words its errors the same.
wordings.install = wordings.mkdir;

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

/** Records `text`, the message after "tool: ", as the error the command prints, and returns the failed status. */
export function failWithText(context: CommandContext, text: string): Status {
  context.report.commandError = `${context.name}: ${text}`;
  return { success: false, certain: true };
}

/**
 * Returns why a path cannot be created at `path` when its parent is not a folder: a file among
 * its ancestors ("Not a directory"), or else a missing one. `undefined` when a symlink is in the
 * way, which may be a loop whose error is not modelled.
 */
export function parentFailure(view: RunView, path: string): ErrorReason | undefined {
  const directory = parentPath(view.resolveParents(path));
  for (const ancestor of [...ancestorPaths(directory), directory]) {
    const found = view.lookup(ancestor);
    if (found.presence !== 'yes') return 'No such file or directory';
    if (found.state?.type === 'symlink') return undefined;
    if (found.state?.type !== 'directory') return 'Not a directory';
  }
  return undefined;
}

/** Returns why a destination that must be a folder is not one, or `undefined` when it may be one. */
export function notFolderReason(found: PathLookup): 'No such file or directory' | 'Not a directory' | undefined {
  if (found.presence === 'no') return 'No such file or directory';
  if (found.presence === 'yes' && found.state?.type === 'file' && found.state.certainty !== 'unknown') return 'Not a directory';
  return undefined;
}

/** Joins a folder and a name as the tools print them: `dir/name`, without doubling a trailing slash. */
export function joinWritten(directory: string, name: string): string {
  return directory.endsWith('/') ? directory + name : `${directory}/${name}`;
}
