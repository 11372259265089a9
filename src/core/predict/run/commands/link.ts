/** Model of `ln`: hard links and symlinks. */
import { joinImagePath } from '../../../model/paths';
import type { CommandContext, CommandResult } from '../context';
import { hasOption, parseOptions } from '../options';
import { newInode, type FileState } from '../view';
import { unknownOperand } from './files';
import { parentReady, status, writeCertainty } from './fsOps';
import { failLink, failLinkTarget, type LinkFailure } from './linkErrors';
import { operandName } from './operandName';
import { mayWriteParent } from './permissions';
import { joinWritten, notFolderReason, parentFailure } from './toolError';
import { toolFlavor } from './toolFlavor';

/** The result of making one link: made, failed with an error the model words, or failed with one it does not. */
type LinkResult = 'linked' | 'failed' | LinkFailure;

/** Models `ln`: hard links and, with -s, symlinks, one per target operand. */
export function ln(context: CommandContext): CommandResult {
  const parsed = parseOptions(context.args, { valued: 'St', longValued: ['suffix', 'target-directory'] });
  const symbolic = hasOption(parsed, 's', 'symbolic');
  const force = hasOption(parsed, 'f', 'force');
  const operands = parsed.operands;
  if (operands.some((operand) => !operand.known)) {
    unknownOperand(context, operands.map((operand) => operand.value).join(' '));
    return { status: status(true, false) };
  }
  if (operands.length === 0) return { status: failLinkTarget(context, undefined) };

  const flavor = toolFlavor(context);
  const targets = operands.length === 1 ? operands : operands.slice(0, -1);
  const last = operands.length === 1 ? '.' : operands[operands.length - 1].value;
  const lastPath = context.resolve(last);
  const lastFound = context.view.lookup(lastPath);
  // A symlink to a folder is not followed here, which is what `-n` requests. With more than two
  // operands, GNU ln links into the last one. BusyBox ln does so only when it is a folder, and
  // otherwise makes the first link at the last operand itself and fails on the next ones.
  const intoDirectory = operands.length === 1 || lastFound.state?.type === 'directory' || (operands.length > 2 && flavor !== 'busybox');
  const notFolder = operands.length > 2 && intoDirectory ? notFolderReason(lastFound) : undefined;
  if (notFolder !== undefined && flavor === 'gnu') return { status: failLinkTarget(context, { destination: last, reason: notFolder }) };

  let success = true;
  for (const target of targets) {
    // The name keeps a last `.` or `..`, so `ln -s /src/. /d` names `/d/.`, which exists.
    const name = operandName(target.value);
    const linkPath = intoDirectory ? joinImagePath(lastPath, name) : lastPath;
    const result = symbolic ? symlink(context, target.value, linkPath, force) : hardLink(context, context.resolve(target.value), linkPath, force);
    if (result === 'linked') continue;
    success = false;
    if (result === 'failed') continue;
    let link = last;
    if (operands.length === 1) link = writtenInWorkdir(name, flavor === 'gnu');
    else if (intoDirectory) link = joinWritten(last, name);
    failLink(context, result, { source: target.value, link, symbolic });
  }
  return { status: status(success, true) };
}

/** Returns the name ln prints for a link it makes in the working folder: GNU ln writes `./name`. */
function writtenInWorkdir(name: string, gnu: boolean): string {
  return gnu ? `./${name}` : name;
}

function symlink(context: CommandContext, target: string, linkPath: string, force: boolean): LinkResult {
  if (mayWriteParent(context, linkPath) === 'no') return 'failed';
  const existing = context.view.lookup(linkPath);
  if (existing.presence === 'yes') {
    if (!force) return { kind: 'exists' };
    if (existing.state?.type === 'directory') return { kind: 'directory-exists' };
    context.view.remove(linkPath);
  }
  const parent = parentReady(context.view, linkPath);
  if (parent === 'no') return parentProblem(context, linkPath);
  const state: FileState = { type: 'symlink', size: 0, mode: 0o777, uid: context.uid, gid: context.gid, linkTarget: target, certainty: writeCertainty(context, linkPath, parent !== 'yes' && 'noted') };
  context.view.write(linkPath, state);
  return 'linked';
}

function hardLink(context: CommandContext, target: string, linkPath: string, force: boolean): LinkResult {
  const view = context.view;
  const source = view.lookup(target);
  if (source.presence === 'no') return { kind: 'missing-source' };
  if (source.presence !== 'yes') return 'failed';
  if (source.state?.type === 'directory') return { kind: 'directory-source' };
  if (mayWriteParent(context, linkPath) === 'no') return 'failed';
  const existing = view.lookup(linkPath);
  if (existing.presence === 'yes') {
    if (!force) return { kind: 'exists' };
    // `ln -f` removes the name first, which fails on a folder.
    if (existing.state?.type === 'directory') return { kind: 'directory-exists' };
    view.remove(linkPath);
  }
  if (parentReady(view, linkPath) === 'no') return parentProblem(context, linkPath);
  // Overlay storage copies a lower file up before linking it, so both names land in this layer.
  const state = view.copyUp(target) as FileState;
  if (!state.inode) state.inode = newInode();
  view.write(linkPath, state);
  return 'linked';
}

function parentProblem(context: CommandContext, linkPath: string): LinkResult {
  const reason = parentFailure(context.view, linkPath);
  return reason === undefined ? 'failed' : { kind: 'parent', reason };
}
