/** Error messages of a failing ln, worded as BusyBox 1.35 and GNU coreutils 9.1 print them (checked on both). */
import type { CommandContext, Status } from '../context';
import { failWithText, type ErrorReason } from './toolError';
import { toolFlavor } from './toolFlavor';

/**
 * Why making one link fails: the link name is taken (by a folder, which even -f cannot remove),
 * its parent is missing or not a folder, or a hard link's source is missing or a folder.
 */
export type LinkFailure =
  | { kind: 'exists' }
  | { kind: 'directory-exists' }
  | { kind: 'parent'; reason: ErrorReason }
  | { kind: 'missing-source' }
  | { kind: 'directory-source' };

/** The operands of one failing link as the command line writes them. */
export interface LinkOperands {
  source: string;
  link: string;
  symbolic: boolean;
}

/** Records the error that ln prints when making one link fails, and returns the failed status. */
export function failLink(context: CommandContext, failure: LinkFailure, operands: LinkOperands): Status {
  const flavor = toolFlavor(context);
  const text = flavor === 'gnu' ? gnuText(failure, operands) : busyboxText(failure, operands, flavor === 'busybox');
  if (text === undefined) return { success: false, certain: true };
  return failWithText(context, text);
}

/**
 * Records GNU's error for ln without operands, or with several sources whose last operand is not
 * a folder. BusyBox prints its usage text for the first, and does not fail on the second here.
 */
export function failLinkTarget(context: CommandContext, target: { destination: string; reason: ErrorReason } | undefined): Status {
  if (toolFlavor(context) !== 'gnu') return { success: false, certain: true };
  return failWithText(context, target === undefined ? 'missing file operand' : `target '${target.destination}': ${target.reason}`);
}

function gnuText(failure: LinkFailure, { source, link, symbolic }: LinkOperands): string {
  const kind = symbolic ? 'symbolic link' : 'hard link';
  switch (failure.kind) {
    case 'exists':
      return `failed to create ${kind} '${link}': File exists`;
    case 'directory-exists':
      return `${link}: cannot overwrite directory`;
    case 'parent':
      return symbolic ? `failed to create ${kind} '${link}': ${failure.reason}` : `failed to create ${kind} '${link}' => '${source}': ${failure.reason}`;
    case 'missing-source':
      return `failed to access '${source}': No such file or directory`;
    case 'directory-source':
      return `${source}: hard link not allowed for directory`;
  }
}

/**
 * BusyBox prints `name: strerror`. Without a known flavor the same plain form is used, except for
 * a folder as a hard link's source, where BusyBox and GNU name different paths.
 */
function busyboxText(failure: LinkFailure, { source, link }: LinkOperands, busybox: boolean): string | undefined {
  switch (failure.kind) {
    case 'exists':
    case 'directory-exists':
      return `${link}: File exists`;
    case 'parent':
      return `${link}: ${failure.reason}`;
    case 'missing-source':
      return `${source}: No such file or directory`;
    case 'directory-source':
      // link(2) refuses a folder with EPERM, and BusyBox ln checks nothing before it.
      return busybox ? `${link}: Operation not permitted` : undefined;
  }
}
