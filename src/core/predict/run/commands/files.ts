/** Models of the commands that create and delete paths: mkdir, touch, rm, rmdir. */
import { ancestorPaths, parentPath } from '../../../model/paths';
import { globFolder, type Field } from '../expand';
import { addNote, type CommandContext, type CommandResult, type Doubt, type Status } from '../context';
import { hasOption, optionValue, parseOptions } from '../options';
import type { FileState } from '../view';
import { fail, newDirectory, newFile, ok, parentReady, permissionDoubt, status, writeCertainty } from './fsOps';
import { failWith } from './toolError';
import { applyMode } from './modes';
import { mayWriteParent } from './permissions';
import { unlistedCondition } from './unlistedSource';

/** Runs `step` on each operand; the command fails if any operand fails, as these tools do. */
export function eachOperand(context: CommandContext, operands: CommandContext['args'], step: (path: string, known: boolean, written: string) => CommandResult['status']): CommandResult {
  let success = true;
  let certain = true;
  for (const operand of operands) {
    if (!operand.known) {
      unknownOperand(context, operand.value);
      certain = false;
      continue;
    }
    const result = step(context.resolve(operand.value), operand.known && operand.glob === undefined, operand.value);
    success &&= result.success;
    certain &&= result.certain;
  }
  return { status: { success, certain } };
}

/**
 * Runs a command that changes the metadata or times of its operands (chmod, chown, chgrp, touch)
 * with `step` on each path named or matched, after recording what its globs may match beyond
 * the listed paths. A glob that matched no listed path may match only unlisted ones, so whether
 * the command succeeds is not known.
 */
export function changeEachOperand(context: CommandContext, operands: Field[], step: (path: string, known: boolean, written: string) => Status): CommandResult {
  const named = operands.filter((operand) => operand.glob === undefined || operand.known);
  for (const glob of new Set(operands.flatMap((operand) => operand.glob ?? []))) changeUnlistedMatches(context, glob);
  const result = eachOperand(context, named, step);
  return named.length < operands.length ? { status: status(result.status.success, false) } : result;
}

/**
 * Records the unlisted matches of a glob over a folder whose files the prediction cannot list.
 * Overlay storage copies a lower file up whole to change its metadata or times, and the folder
 * with it, so those matches are stored again with a size this prediction does not know.
 * NOTE: the whole folder is counted once as copied up, although a pattern such as `*.js`
 * may match only some of its unlisted files, or none.
 */
function changeUnlistedMatches(context: CommandContext, glob: string): void {
  const view = context.view;
  const folder = view.resolve(context.resolve(globFolder(glob).folder));
  context.report.floor = 'unknown';
  const copiedUp = view.lookup(folder).presence === 'yes' && folder !== '/' && view.lowerMayHoldUnlisted(folder);
  const stored = copiedUp ? ', and the layer stores them again (an unknown size)' : '';
  addNote(context.report, `${context.name}: ${folder} may hold files this prediction cannot list. The matches of "${glob}" among them are changed too${stored}.`);
  if (!copiedUp) return;
  view.copyUp(folder);
  view.noteUnlistedCopyUp(folder, context.name);
}

/** Records an operand whose value cannot be predicted: the layer may hold anything there. */
export function unknownOperand(context: CommandContext, value: string): void {
  addNote(context.report, `${context.name}: the path "${value}" depends on values this prediction cannot know, so what it changes there is unknown.`);
  context.report.floor = 'unknown';
}

export function mkdir(context: CommandContext): CommandResult {
  const parsed = parseOptions(context.args, { valued: 'm', longValued: ['mode'] });
  const parents = hasOption(parsed, 'p', 'parents');
  const modeText = optionValue(parsed, 'm', 'mode');
  const mode = modeText === undefined ? undefined : applyMode(0o777 & ~0o022, modeText, true) ?? undefined;
  return eachOperand(context, parsed.operands, (path, known, written) => {
    const found = context.view.lookup(path);
    if (found.presence === 'yes') return parents && found.state?.type === 'directory' ? ok : failWith(context, written, 'File exists');
    // A folder cannot be made below a file ("Not a directory"), with or without -p.
    // With -p, the tools name the ancestor they stopped at, in wordings not modelled here.
    if (ancestorPaths(path).some((ancestor) => isFile(context.view.lookup(ancestor)))) return parents ? fail : failWith(context, written, 'Not a directory');
    const missing = parents ? [...ancestorPaths(path), path].filter((candidate) => context.view.lookup(candidate).presence !== 'yes') : [path];
    if (!parents && parentReady(context.view, path) === 'no') return failParent(context, path, written);
    const allowed = mayWriteParent(context, missing[0] ?? path);
    if (allowed === 'no') return fail;
    for (const candidate of missing) {
      const unseen = context.view.lookup(candidate).presence !== 'no';
      const doubts: Array<Doubt | false> = [!known && 'partial-glob', unseen && (parents ? 'may-exist' : 'mkdir-may-fail')];
      const state = newDirectory(context, candidate, doubts, candidate === path ? mode : undefined);
      // Without -p, mkdir fails on a folder that exists, so only its exit status is in doubt, not the new folder's owner and mode.
      if (!parents && known && context.reach === 'exact') state.exactOwnerAndMode = true;
      context.view.write(candidate, state);
    }
    // With -p an existing folder is no error, so the command succeeds either way.
    return status(true, (parents || found.presence === 'no') && allowed === 'yes');
  });
}

/** Returns whether a lookup found a file for sure: one that a folder cannot be made inside. */
function isFile(found: ReturnType<CommandContext['view']['lookup']>): boolean {
  return found.presence === 'yes' && found.state?.type === 'file' && found.state.certainty !== 'unknown';
}

export function touch(context: CommandContext): CommandResult {
  const parsed = parseOptions(context.args, { valued: 'drt', longValued: ['date', 'reference'] });
  const noCreate = hasOption(parsed, 'c', 'no-create');
  // NOTE: a glob that matches nothing makes touch create a file named by the pattern itself,
  // which is not modelled where the glob runs over unlisted files.
  return changeEachOperand(context, parsed.operands, (path, known, written) => {
    const found = context.view.lookup(path);
    if (found.presence === 'yes') {
      // A new timestamp alone still stores the whole file in this layer.
      const copied = found.fromBelow;
      const state = context.view.copyUp(path) as FileState;
      context.view.write(path, { ...state, certainty: writeCertainty(context, path, !known && 'partial-glob', state.certainty !== 'exact' && (copied ? 'estimated-below' : 'noted')) });
      context.view.noteMetadataChange(path, context.name, copied);
      return ok;
    }
    if (noCreate) return status(true, found.presence === 'no');
    const parent = parentReady(context.view, path);
    if (parent === 'no') return failParent(context, path, written);
    const allowed = mayWriteParent(context, path);
    if (allowed === 'no') return fail;
    const doubts: Array<Doubt | false> = [!known && 'partial-glob', parent !== 'yes' && 'noted', found.presence !== 'no' && 'may-exist', permissionDoubt(context, allowed)];
    context.view.write(path, newFile(context, path, 0, doubts));
    return status(true, parent === 'yes' && allowed === 'yes');
  });
}

/**
 * Fails a command that cannot create `path` because `parentReady` rejects its parent: missing,
 * or not a folder. A symlink there is a loop, whose error is not modelled.
 */
function failParent(context: CommandContext, path: string, written: string): Status {
  const parent = context.view.lookup(parentPath(context.view.resolveParents(path))).state;
  if (parent?.type === 'symlink') return fail;
  return failWith(context, written, parent ? 'Not a directory' : 'No such file or directory');
}

export function rm(context: CommandContext): CommandResult {
  const parsed = parseOptions(context.args);
  const recursive = hasOption(parsed, 'r', 'R', 'recursive');
  const force = hasOption(parsed, 'f', 'force');
  const emptyDirectories = hasOption(parsed, 'd', 'dir');
  const globs = new Set<string>();
  let result: CommandResult = { status: ok };
  for (const operand of parsed.operands) {
    if (operand.glob !== undefined && !globs.has(operand.glob)) {
      globs.add(operand.glob);
      removeUnlistedMatches(context, operand.glob);
    }
    // A glob that matched no listed path leaves nothing to delete by name.
    if (operand.glob !== undefined && !operand.known) continue;
    const single = eachOperand(context, [operand], (path, _known, written) => removePath(context, path, written, { recursive, force, emptyDirectories }));
    if (!single.status.success || !single.status.certain) result = { status: { success: result.status.success && single.status.success, certain: result.status.certain && single.status.certain } };
  }
  return result;
}

/**
 * Records what a glob deletes beyond its listed matches, in a folder whose contents are partly
 * unknown. Matches among the folder's children are deletions in that folder, as for `rm -rf dir/*`.
 * Matches in its subfolders, as for `rm -rf dir/?/test`, are not known, so the layer gets no path
 * for them, and none for the pattern `dir/?` either, which names no real folder.
 */
function removeUnlistedMatches(context: CommandContext, glob: string): void {
  const { folder, matchesChildren } = globFolder(glob);
  const directory = context.resolve(folder);
  if (matchesChildren) {
    // NOTE: a pattern such as `*.log` deletes only some of the unlisted children, yet the folder
    // is marked as emptied of all of them.
    markEmptied(context, directory);
    return;
  }
  addNote(context.report, `${context.name}: ${directory} may hold files that earlier steps or the base image wrote without listing them, so the matches of "${glob}" are not known; their deletions are not shown.`);
  context.report.floor = 'unknown';
}

/** `written` is the operand as the command line gives it, for the error message. */
function removePath(context: CommandContext, path: string, written: string, options: { recursive: boolean; force: boolean; emptyDirectories: boolean }): CommandResult['status'] {
  const { recursive, force, emptyDirectories } = options;
  const view = context.view;
  const found = view.lookup(path);
  if (found.presence === 'no') return force ? ok : failWith(context, written, 'No such file or directory');
  // A file the builder mounts cannot be removed ("Resource busy"), not even with -f.
  if (view.isMounted(path)) return fail;
  if (found.presence === 'maybe') {
    const writtenIn = view.unknownRootOver(path);
    if (writtenIn === undefined) addNote(context.report, `rm: ${path} is not among the predicted files. This RUN deletes it too ${unlistedCondition(view, path)}.`);
    else if (writtenIn !== path) addNote(context.report, `rm: ${path} is in ${writtenIn}, where an earlier command of this RUN wrote files it does not list; if it is there, this RUN deletes it.`);
    // The whiteout is marked unknown, so the layer does not claim to be exact about what it deletes.
    view.removeUnlisted(path);
    // What this RUN wrote there goes too, so it is neither in the layer nor a cache left in it.
    view.clearUnknownRoot(path);
    return status(true, force);
  }
  // rm -f still fails without write permission in the folder ("Permission denied").
  if (mayWriteParent(context, path) === 'no') return fail;
  if (found.state?.type === 'directory' && !recursive && !(emptyDirectories && view.children(path).length === 0)) {
    if (found.state.certainty !== 'unknown') return failWith(context, written, 'Is a directory');
    // A folder of unknown certainty is a guess (a COPY --from an image not read): it may be a file.
    addNote(context.report, `rm: ${path} may be a file or a folder; as a folder, rm without -r fails on it.`);
    view.remove(path);
    return status(true, false);
  }
  view.remove(path);
  view.clearUnknownRoot(path);
  return ok;
}

/**
 * Deletes everything in a folder whose contents are partly unknown, as a cache clean command
 * does. The folder itself stays.
 */
export function emptyFolder(context: CommandContext, directory: string): void {
  const view = context.view;
  for (const child of view.children(directory)) view.remove(child.path);
  markEmptied(context, directory);
}

/** Records that a command deleted the unlisted contents of a folder, which the layer cannot list. */
function markEmptied(context: CommandContext, directory: string): void {
  const view = context.view;
  view.clearUnknownRoot(directory);
  view.emptied.add(directory);
  if (view.mayHoldUnlisted(directory)) {
    addNote(context.report, `${context.name}: ${directory} may hold files that earlier steps or the base image wrote without listing them; their deletions are not shown.`);
    context.report.floor = 'unknown';
  }
}

export function rmdir(context: CommandContext): CommandResult {
  const parsed = parseOptions(context.args);
  return eachOperand(context, parsed.operands, (path, _known, written) => {
    const found = context.view.lookup(path);
    if (found.presence === 'no') return failWith(context, written, 'No such file or directory');
    if (found.presence === 'maybe') return status(false, false);
    if (found.state?.type !== 'directory') return failWith(context, written, 'Not a directory');
    if (context.view.children(path).length > 0) return failWith(context, written, 'Directory not empty');
    const unlisted = context.view.mayHoldUnlisted(path);
    context.view.remove(path);
    return status(true, !unlisted);
  });
}
