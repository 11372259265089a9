/**
 * Models of chmod, chown and chgrp, and of how each treats symlinks. Linux keeps every symlink
 * at mode 0777, so chmod changes the file that a symlink operand points to and skips the
 * symlinks that -R meets. chown changes a symlink operand's target unless given -h. With -R and
 * neither -H nor -L, it changes the symlinks themselves and walks through none of them. GNU
 * coreutils and BusyBox agree on these rules, except for `LinkRules.walkOperandTarget`.
 */
import type { Certainty } from '../../../model/layer';
import { addNote, type CommandContext, type CommandResult, type Doubt, type Status } from '../context';
import type { Field } from '../expand';
import { hasOption, parseOptions, type ParsedOptions } from '../options';
import type { FileState } from '../view';
import { changeEachOperand, unknownOperand } from './files';
import { fail, ok, status, writeCertainty } from './fsOps';
import { failWith } from './toolError';
import { applyMode } from './modes';
import { ownerChange } from './owner';
import { toolFlavor } from './toolFlavor';
import { unlistedCondition } from './unlistedSource';

/** The effect of a change on a symlink: the link itself changes, the file it points to changes, or nothing does. */
type LinkAction = 'self' | 'target' | 'skip';

interface LinkRules {
  recursive: boolean;
  /** For a symlink named as an operand. */
  operand: LinkAction;
  /** For a symlink that -R meets inside a folder. */
  inTree: LinkAction;
  /**
   * Whether -R walks the folder that a symlink operand points to. `gnu`: GNU chmod walks it,
   * while BusyBox chmod changes that folder only.
   */
  walkOperandTarget: boolean | 'gnu';
  /** -L: whether -R walks the folders that symlinks inside the tree point to. */
  walkTreeTargets: boolean;
}

type Change = (state: FileState) => FileState;

interface Walk {
  rules: LinkRules;
  change: Change;
  /** The doubt that makes the changes estimates, `false` when the facts behind them are certain. */
  doubt: Doubt | false;
  /** Folders already walked, so that -L stops at a symlink loop. */
  visited: Set<string>;
}

/** A path a change applies to once symlinks are followed, or the status of a command that cannot reach it. */
type Reached = { path: string } | { status: Status };

/** chmod's options. A mode may start with `-` (`chmod -x f`), so only these count as options. */
const chmodOption = /^-(?:[Rcfv]+|-(?:recursive|changes|silent|quiet|verbose|preserve-root|no-preserve-root))$/;

export function chmod(context: CommandContext): CommandResult {
  const options = context.args.filter((arg) => chmodOption.test(arg.value));
  const recursive = options.some((arg) => arg.value === '--recursive' || /^-[^-]*R/.test(arg.value));
  const [modeArg, ...operands] = context.args.filter((arg) => !chmodOption.test(arg.value));
  if (!modeArg?.known) {
    unknownOperand(context, modeArg?.value ?? '');
    return { status: status(true, false) };
  }
  const rules: LinkRules = { recursive, operand: 'target', inTree: 'skip', walkOperandTarget: 'gnu', walkTreeTargets: false };
  return changeMetadata(context, operands, rules, (state) => {
    const mode = state.mode === null ? null : applyMode(state.mode, modeArg.value, state.type === 'directory');
    return mode === null ? { ...state, mode: null, certainty: 'estimated' } : { ...state, mode };
  });
}

export function chown(context: CommandContext): CommandResult {
  const parsed = parseOptions(context.args, { longValued: ['from', 'reference'] });
  const rules = chownRules(parsed);
  // GNU chown rejects -R --dereference without -H or -L.
  if (rules === undefined) return { status: fail };
  const [ownerArg, ...operands] = parsed.operands;
  const owner = ownerChange(context, ownerArg);
  return changeMetadata(context, operands, rules, (state) => ({
    ...state,
    uid: owner.uid === undefined ? state.uid : owner.uid,
    gid: owner.gid === undefined ? state.gid : owner.gid,
    certainty: owner.estimated ? 'estimated' : state.certainty,
    exactOwnerAndMode: owner.estimated ? undefined : state.exactOwnerAndMode,
  }));
}

/**
 * Returns chown's symlink rules (GNU coreutils chown.c, BusyBox chown.c). -H and -L make -R walk
 * through symlinks. Of several -H, -L and -P the last one wins, which the parsed options do not
 * keep, so -L is taken over -H and -H over -P.
 */
function chownRules(parsed: ParsedOptions): LinkRules | undefined {
  const recursive = hasOption(parsed, 'R', 'recursive');
  const traversal = hasOption(parsed, 'L') ? 'L' : hasOption(parsed, 'H') ? 'H' : 'P';
  const noDereference = hasOption(parsed, 'h', 'no-dereference');
  if (recursive && traversal === 'P' && hasOption(parsed, 'dereference') && !noDereference) return undefined;
  const action: LinkAction = noDereference || (recursive && traversal === 'P') ? 'self' : 'target';
  return { recursive, operand: action, inTree: action, walkOperandTarget: recursive && traversal !== 'P', walkTreeTargets: recursive && traversal === 'L' };
}

/**
 * Applies a metadata change (mode, owner) to the operands. On overlay storage a changed file is
 * copied up whole, so the layer stores its bytes again.
 */
function changeMetadata(context: CommandContext, operands: Field[], rules: LinkRules, change: Change): CommandResult {
  return changeEachOperand(context, operands, (path, known, written) => changeOperand(context, path, written, { rules, change, doubt: !known && 'partial-glob', visited: new Set() }));
}

/** `written` is the operand as the command line gives it, for the error message. */
function changeOperand(context: CommandContext, path: string, written: string, walk: Walk): Status {
  const found = context.view.lookup(path);
  if (found.presence === 'no') return failWith(context, written, 'No such file or directory');
  if (found.presence !== 'yes') return unreached(context, path, true);
  if (found.state?.type !== 'symlink' || walk.rules.operand === 'self') return changeTree(context, path, walk, walk.rules.recursive);
  if (walk.rules.operand === 'skip') return ok;
  const reached = followLink(context, path);
  if ('status' in reached) return reached.status;
  applyChange(context, reached.path, walk);
  if (!walk.rules.recursive || context.view.lookup(reached.path).state?.type !== 'directory') return ok;
  const through = walksLinkedFolder(context, path, walk.rules);
  if (through === 'no') return ok;
  return changeChildren(context, reached.path, through === 'guess' ? { ...walk, doubt: 'noted' } : walk);
}

/** Changes a path and, when `descend` is set, everything -R finds under it. */
function changeTree(context: CommandContext, path: string, walk: Walk, descend: boolean): Status {
  applyChange(context, path, walk);
  return descend ? changeChildren(context, path, walk) : ok;
}

function changeChildren(context: CommandContext, path: string, walk: Walk): Status {
  const view = context.view;
  // A symlink is walked through only where the rules allow it, and then the caller passes the folder it points to.
  const folder = view.resolveParents(path);
  if (view.lookup(folder).state?.type !== 'directory' || walk.visited.has(folder)) return ok;
  walk.visited.add(folder);
  if (view.mayHoldUnlisted(folder)) {
    addNote(context.report, `${context.name} -R: ${path} may hold files this prediction cannot list; they are changed too.`);
    context.report.floor = 'unknown';
    // Overlay storage copies each changed lower file up whole, so the lower ones become waste.
    if (view.lowerMayHoldUnlisted(folder)) view.noteUnlistedCopyUp(folder, context.name);
  }
  let result = ok;
  for (const child of view.children(folder)) {
    const childResult = changeChild(context, child.path, child.state, walk);
    result = status(result.success && childResult.success, result.certain && childResult.certain);
  }
  return result;
}

/** Changes a path that -R meets, following the rules for a symlink. */
function changeChild(context: CommandContext, path: string, state: FileState, walk: Walk): Status {
  if (state.type !== 'symlink') return changeTree(context, path, walk, true);
  if (walk.rules.inTree === 'skip') return ok;
  if (walk.rules.inTree === 'self') return changeTree(context, path, walk, false);
  const reached = followLink(context, path);
  if ('status' in reached) return reached.status;
  return changeTree(context, reached.path, walk, walk.rules.walkTreeTargets);
}

/** Follows a symlink to the file it points to. A dangling link or a loop fails the command. */
function followLink(context: CommandContext, path: string): Reached {
  const target = context.view.resolve(path);
  const found = context.view.lookup(target);
  if (found.presence !== 'yes') return { status: unreached(context, target, found.presence === 'maybe') };
  if (found.state?.type === 'symlink') return { status: fail };
  return { path: target };
}

/**
 * Returns the status for a path that is not among the predicted files. When an earlier layer may
 * hold it, the command is taken to succeed, and the layer then stores a copy of it whose size
 * is unknown.
 */
function unreached(context: CommandContext, path: string, maybe: boolean): Status {
  if (!maybe) return fail;
  addNote(context.report, `${context.name}: ${path} is not among the predicted files; ${unlistedCondition(context.view, path)}, this RUN stores it again, with a size this prediction does not know.`);
  context.report.floor = 'unknown';
  return status(true, false);
}

/** Returns whether -R walks the folder that the symlink operand `path` points to: `guess` when only the image's tool decides. */
function walksLinkedFolder(context: CommandContext, path: string, rules: LinkRules): 'yes' | 'no' | 'guess' {
  if (rules.walkOperandTarget !== 'gnu') return rules.walkOperandTarget ? 'yes' : 'no';
  const flavor = toolFlavor(context);
  if (flavor !== 'unknown') return flavor === 'gnu' ? 'yes' : 'no';
  addNote(context.report, `${context.name} -R: ${path} is a symlink to a folder. GNU ${context.name} changes the files in that folder too and BusyBox ${context.name} only the folder, but this prediction cannot tell which one the image has, so their changes are estimated.`);
  return 'guess';
}

/** Applies `change` to the existing path alone, which is no symlink, for tools that also set metadata (`install -d`). */
export function changePath(context: CommandContext, path: string, change: Change): void {
  const single: LinkRules = { recursive: false, operand: 'self', inTree: 'skip', walkOperandTarget: false, walkTreeTargets: false };
  applyChange(context, path, { rules: single, change, doubt: false, visited: new Set() });
}

function applyChange(context: CommandContext, path: string, walk: Walk): void {
  const view = context.view;
  const fromBelow = view.lookup(path).fromBelow;
  view.noteMetadataChange(path, context.name, fromBelow);
  const state = view.copyUp(path) as FileState;
  const before = state.certainty;
  const changed = walk.change(state);
  Object.assign(state, changed, { certainty: writeCertainty(context, path, walk.doubt, changeDoubt(before, fromBelow, changed)) });
  // A change that may not apply (a partial glob, a guessed branch) leaves the owner and mode in doubt.
  if (walk.doubt !== false || context.reach !== 'exact') delete state.exactOwnerAndMode;
  view.write(path, state);
}

/**
 * Returns why a changed entry is an estimate: chmod met an unknown mode, or the version it
 * changes was an estimate. A version this RUN wrote has the doubt of that write already, and an
 * owner name without a number has its note from `ownerChange`.
 */
function changeDoubt(before: Certainty, fromBelow: boolean, changed: FileState): Doubt | false {
  if (changed.certainty === 'exact') return false;
  if (changed.mode === null) return 'unknown-mode';
  return before !== 'exact' && fromBelow ? 'estimated-below' : 'noted';
}
