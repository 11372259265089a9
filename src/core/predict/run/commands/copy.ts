/** Models of the commands that copy and move paths: cp, mv and install. */
import { ancestorPaths, joinImagePath } from '../../../model/paths';
import { addNote, type CommandContext, type CommandResult, type Doubt } from '../context';
import type { Field } from '../expand';
import { hasOption, optionValue, parseOptions, type ParsedOptions } from '../options';
import { newInode, type FileState } from '../view';
import { failCopy, failTargetDirectory, type CopyFailure } from './copyErrors';
import { cpLinkRule, earlierCopy, isGuessedCopy, newLinkTracker, recordCopy, type LinkTracker } from './copyLinks';
import { unknownOperand } from './files';
import { fail, newDirectory, newDirectoryMode, ok, parentReady, status, writeCertainty } from './fsOps';
import { fileInTheWay, possibleFolderDoubt, setExistingFolder } from './installDirectory';
import { applyMode } from './modes';
import { isDotName, operandName } from './operandName';
import { ownerChange, type OwnerChange } from './owner';
import { mayWriteFile, mayWriteParent } from './permissions';
import { joinWritten, notFolderReason, parentFailure } from './toolError';
import { toolFlavor } from './toolFlavor';
import { unlistedSource } from './unlistedSource';

/** The result of copying one path: copied, failed with an error the model words, or failed with one it does not. */
type CopyResult = 'copied' | 'failed' | CopyFailure;

interface CopyMode {
  preserve: boolean;
  recursive: boolean;
  /** A mode forced on copied files (`install -m`). */
  mode?: number;
  /** Hard links between the copied files; without it, each copy is a file of its own (install). */
  links?: LinkTracker;
  /** The owner forced on copied files (`install -o/-g`). */
  owner?: OwnerChange;
}

/** `cp [-r|-a|-p] SOURCE... DEST`. */
export function cp(context: CommandContext): CommandResult {
  const parsed = parseOptions(context.args, { valued: 't', longValued: ['target-directory', 'no-preserve'] });
  const archive = hasOption(parsed, 'a', 'archive');
  const mode: CopyMode = {
    preserve: archive || hasOption(parsed, 'p', 'preserve'),
    recursive: archive || hasOption(parsed, 'r', 'R', 'recursive'),
    links: newLinkTracker(cpLinkRule(context, parsed)),
  };
  return copyOperands(context, parsed.operands, optionValue(parsed, 't', 'target-directory'), (source, target) => {
    const copied = copyPath(context, source, target, mode);
    if (copied === 'copied') context.view.copies.set(context.view.resolveParents(source), context.view.resolveParents(target));
    return copied;
  });
}

/** `mv SOURCE... DEST`: the sources move with their metadata and leave whiteouts behind. */
export function mv(context: CommandContext): CommandResult {
  const parsed = parseOptions(context.args, { valued: 't', longValued: ['target-directory'] });
  const mode: CopyMode = { preserve: true, recursive: true, links: newLinkTracker('kept') };
  return copyOperands(context, parsed.operands, optionValue(parsed, 't', 'target-directory'), (source, target, name) => {
    if (isDotName(name) && context.view.lookup(source).presence !== 'no') return { kind: 'busy' };
    const moved = copyPath(context, source, target, mode);
    if (moved === 'copied') {
      context.view.moves.set(context.view.resolveParents(source), context.view.resolveParents(target));
      context.view.remove(source);
      context.view.clearUnknownRoot(source);
    }
    return moved;
  });
}

/** `install -d DIR...` makes folders; `install [-m MODE] [-o USER] [-g GROUP] [-D] SOURCE... DEST` copies files. */
export function install(context: CommandContext): CommandResult {
  const parsed = parseOptions(context.args, { valued: 'mogtSZ', longValued: ['mode', 'owner', 'group', 'target-directory', 'suffix'] });
  const modeText = optionValue(parsed, 'm', 'mode');
  const mode = modeText === undefined ? 0o755 : applyMode(0o755, modeText, false) ?? undefined;
  const owner = installOwner(context, parsed);
  if (hasOption(parsed, 'd', 'directory')) {
    // install goes on to the next operand after one fails, and then exits with status 1.
    let success = true;
    for (const operand of parsed.operands) {
      if (!operand.known) {
        unknownOperand(context, operand.value);
        continue;
      }
      if (fileInTheWay(context, operand.value)) {
        success = false;
        continue;
      }
      const path = context.resolve(operand.value);
      // The tools set the mode and owner of a folder that exists already, too.
      if (context.view.lookup(context.view.resolve(path)).state?.type === 'directory') setExistingFolder(context, path, mode ?? newDirectoryMode, owner);
      else makeDirectories(context, path, mode ?? newDirectoryMode, owner, possibleFolderDoubt(context, path, owner));
    }
    return { status: success ? ok : { ...fail, code: 1 } };
  }
  const leading = hasOption(parsed, 'D');
  return copyOperands(context, parsed.operands, optionValue(parsed, 't', 'target-directory'), (source, target) => {
    if (leading) makeDirectories(context, joinImagePath(target, '..'), newDirectoryMode);
    return copyPath(context, source, target, { preserve: false, recursive: false, mode, owner });
  });
}

/**
 * Resolves `install -o USER -g GROUP` as chown resolves `USER:GROUP`: a number is the id itself,
 * and a name is looked up in /etc/passwd or /etc/group as the script has them. Returns undefined
 * without -o and -g, so the files keep the user's owner.
 */
function installOwner(context: CommandContext, parsed: ParsedOptions): OwnerChange | undefined {
  const user = optionValue(parsed, 'o', 'owner');
  const group = optionValue(parsed, 'g', 'group');
  if (user === undefined && group === undefined) return undefined;
  // chown reads an empty group after the colon as the user's login group, which install never sets.
  const text = group === undefined ? user ?? '' : `${user ?? ''}:${group}`;
  return ownerChange(context, { value: text, known: true });
}

/**
 * Maps sources onto a destination: into it when it is a folder, `-t` is given or sources are
 * many. Each source is tried even after one fails, as the tools do; the error kept is the last.
 */
function copyOperands(context: CommandContext, operands: Field[], targetDirectory: string | undefined, copy: (source: string, target: string, name: string) => CopyResult): CommandResult {
  if (operands.some((operand) => !operand.known)) {
    unknownOperand(context, operands.map((operand) => operand.value).join(' '));
    return { status: status(true, false) };
  }
  const sources = targetDirectory === undefined ? operands.slice(0, -1) : operands;
  const destinationText = targetDirectory ?? operands[operands.length - 1]?.value;
  if (sources.length === 0 || destinationText === undefined) return { status: status(false, true) };
  const destination = context.resolve(destinationText);
  const found = context.view.lookup(destination);
  const intoDirectory = targetDirectory !== undefined || sources.length > 1 || found.state?.type === 'directory';
  const notFolder = intoDirectory ? notFolderReason(found) : undefined;
  if (notFolder !== undefined && toolFlavor(context) === 'gnu') return { status: failTargetDirectory(context, destinationText, notFolder, targetDirectory !== undefined) };
  let success = true;
  for (const source of sources) {
    const sourcePath = context.resolve(source.value);
    const name = targetName(context, source.value);
    const target = intoDirectory ? joinImagePath(destination, name) : destination;
    const result = copy(sourcePath, target, name);
    if (result === 'copied') continue;
    success = false;
    if (result !== 'failed') failCopy(context, result, { source: source.value, target: intoDirectory ? joinWritten(destinationText, name) : destinationText, intoDirectory });
  }
  return { status: status(success, true) };
}

/**
 * Returns the name a source gets inside the destination folder: its last component as written,
 * so `SRC/.` copies the folder's contents into the destination itself. GNU cp 9.1 also reads a
 * last `..` as `.`, and BusyBox 1.35 cp keeps it, so it copies into the destination's parent.
 */
function targetName(context: CommandContext, operand: string): string {
  const name = operandName(operand);
  if (name !== '..' || context.name !== 'cp') return name;
  const flavor = toolFlavor(context);
  if (flavor === 'busybox') return name;
  if (flavor === 'unknown') {
    addNote(context.report, `cp: ${operand} ends in "..", which GNU cp copies into the destination and BusyBox cp into the destination's parent; the prediction takes GNU cp's way.`);
    context.report.floor = 'unknown';
  }
  return '.';
}

/** Copies one path, and a folder's known contents when recursive. */
function copyPath(context: CommandContext, source: string, target: string, mode: CopyMode): CopyResult {
  const view = context.view;
  const found = view.lookup(source);
  if (found.presence !== 'yes' || !found.state) {
    if (found.presence === 'maybe') return copyUnlisted(context, source, target, mode);
    return { kind: 'missing-source' };
  }
  if (found.state.type === 'directory' && !mode.recursive) return { kind: 'directory-source' };
  if (parentReady(view, target) === 'no') {
    const reason = parentFailure(view, target);
    return reason === undefined ? 'failed' : { kind: 'target-parent', reason, directory: found.state.type === 'directory' };
  }
  if (mayWriteTarget(context, target) === 'no') return 'failed';
  const earlier = earlierCopy(context, mode.links, found.state, source);
  if (earlier) {
    view.write(target, earlier);
    return 'copied';
  }
  writeCopy(context, found.state, target, mode);
  if (found.state.type !== 'directory') return 'copied';
  if (view.mayHoldUnlisted(source)) {
    addNote(context.report, `${context.name}: ${source} may hold files this prediction cannot list; their copies under ${target} are not shown.`);
    view.addUnknownRoot(target);
    context.report.floor = 'unknown';
  }
  for (const child of view.children(source)) copyPath(context, child.path, joinImagePath(target, child.name), mode);
  return 'copied';
}

/**
 * Copies a source the prediction cannot see. Without -r, cp and install copy files only, so the
 * copy is a file of unknown size. A recursive copy may be a whole folder, so its target is a
 * folder of unknown contents.
 */
function copyUnlisted(context: CommandContext, source: string, target: string, mode: CopyMode): CopyResult {
  context.report.floor = 'unknown';
  if (mode.recursive) {
    addNote(context.report, `${context.name}: ${source} is not among the predicted files (${unlistedSource(context.view, source)}), so what it copies is unknown.`);
    context.view.addUnknownRoot(target);
    return 'copied';
  }
  addNote(context.report, `${context.name}: ${source} is not among the predicted files (${unlistedSource(context.view, source)}), so the size of its copy is unknown.`);
  // The error depends on whether the source exists, which the tools check first.
  if (parentReady(context.view, target) === 'no') return 'failed';
  const state: FileState = { type: 'file', size: null, mode: mode.mode ?? null, uid: context.uid, gid: context.gid, certainty: 'unknown', origin: { kind: 'parent' }, inode: newInode() };
  context.view.write(target, state);
  return 'copied';
}

/** Returns whether the user may write a copy at `target`: over the file there, or as a new name in its folder. */
function mayWriteTarget(context: CommandContext, target: string): 'yes' | 'no' | 'unknown' {
  const existing = context.view.lookup(target);
  if (existing.presence === 'yes' && existing.state?.type === 'directory') return 'yes';
  return existing.presence === 'yes' ? mayWriteFile(context, target) : mayWriteParent(context, target);
}

function writeCopy(context: CommandContext, source: FileState, target: string, mode: CopyMode): void {
  const existing = context.view.lookup(target);
  const keep = existing.presence === 'yes' && existing.state && existing.state.type === source.type ? existing.state : undefined;
  // A second name whose form the image's cp decides has its note from `earlierCopy`.
  // A guessed owner number has its note from `ownerChange`.
  const certainty = writeCertainty(context, target, source.certainty !== 'exact' && 'estimated-source', existing.presence === 'maybe' && 'may-exist', isGuessedCopy(mode.links, source) && 'noted', mode.owner?.estimated === true && 'noted');
  const state: FileState = {
    type: source.type,
    size: source.type === 'file' ? source.size : 0,
    // Linux gives every symlink mode 0777, whatever the umask or the source's mode.
    mode: source.type === 'symlink' ? 0o777 : mode.mode ?? copiedMode(source, keep, mode.preserve),
    uid: mode.owner?.uid !== undefined ? mode.owner.uid : copiedOwner(source.uid, keep?.uid, context.uid, mode.preserve),
    gid: mode.owner?.gid !== undefined ? mode.owner.gid : copiedOwner(source.gid, keep?.gid, context.gid, mode.preserve),
    linkTarget: source.linkTarget,
    certainty,
    origin: { kind: 'parent' },
  };
  if (state.type === 'file') state.inode = newInode();
  context.view.write(target, state);
  recordCopy(mode.links, source, state);
}

/**
 * Returns the mode a copy gets: the source's when preserving, an existing target's when
 * overwriting, else the source's under the umask 022.
 */
function copiedMode(source: FileState, existing: FileState | undefined, preserve: boolean): number | null {
  if (preserve) return source.mode;
  if (existing) return existing.mode;
  return source.mode === null ? null : source.mode & ~0o022;
}

/** Returns the owner id a copy gets: the source's when preserving, an existing target's, else the user's. */
function copiedOwner(source: number | null, existing: number | null | undefined, user: number | null, preserve: boolean): number | null {
  if (preserve) return source;
  return existing === undefined ? user : existing;
}

/**
 * Makes a folder and its missing ancestors. Only the folder itself gets `mode` and `owner`, as
 * install -d sets them. `lastDoubt` is the doubt of the folder itself where it may exist already.
 */
function makeDirectories(context: CommandContext, path: string, mode: number, owner?: OwnerChange, lastDoubt: Doubt | false = 'may-exist'): void {
  for (const candidate of [...ancestorPaths(path), path]) {
    const found = context.view.lookup(candidate);
    if (found.presence === 'yes') continue;
    const last = candidate === path;
    const existDoubt = found.presence !== 'no' && (last ? lastDoubt : 'may-exist');
    const state = newDirectory(context, candidate, [existDoubt, last && owner?.estimated === true && 'noted'], last ? mode : newDirectoryMode);
    if (last && owner?.uid !== undefined) state.uid = owner.uid;
    if (last && owner?.gid !== undefined) state.gid = owner.gid;
    context.view.write(candidate, state);
  }
}
