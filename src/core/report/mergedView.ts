/**
 * The data of the "Merged Filesystem" panel, read from an analysis. The stacking itself is the
 * stack's work (`mergedPaths`, `deletedPaths`); this module only lays the result out in columns,
 * with each path stored once as a name and a parent row, so that 200,000 paths fit in one message.
 */
import { describeCauseReading, notReachedReason, stepFailureWords } from '../analysis/notReached';
import { stepFailureParts } from '../analysis/rejectionStated';
import { capitalize, listsSizedFile } from './format';
import { quotedStageName } from '../analysis/stageBuildText';
import type { Analysis, Step } from '../analysis/types';
import type { Certainty, EntryType, WriteEntry } from '../model/layer';
import { deletedPaths, mergedPaths, type MergedPath } from '../model/merged';
import { baseName, parentPath } from '../model/paths';
import type { ClassifiedEntry, LayerStack } from '../model/stack';
import {
  RowState,
  certaintyNames,
  typeNames,
  type BuildStop,
  type CertaintyCode,
  type LayerInfo,
  type MergedRows,
  type MergedView,
  type RowStateCode,
  type ShadowedVersion,
  type TypeCode,
} from '../../protocol/webview';

/** Describes every step of the analysis as the panel's layer selector lists it. */
export function describeLayers(analysis: Analysis): LayerInfo[] {
  return analysis.steps.map((step) => {
    const summary = analysis.stack.layers[step.index]?.summary;
    const info: LayerInfo = {
      index: step.index,
      stage: step.stage,
      line: step.line,
      endLine: step.endLine,
      instruction: step.instruction,
      text: step.text,
      emptyLayer: step.emptyLayer,
      certainty: step.certainty,
      bytes: summary ? summary.added.bytes + summary.modified.bytes : 0,
      unknownSizes: summary ? summary.added.unknownSizes + summary.modified.unknownSizes : 0,
    };
    // The webview reads the flag only for an open layer of 0 known bytes, so only such a layer is scanned.
    const entries = info.certainty === 'unknown' && info.bytes === 0 ? (analysis.stack.layers[step.index]?.entries ?? []) : [];
    if (listsSizedFile(entries, 'added') || listsSizedFile(entries, 'modified')) info.sizedFile = true;
    const stop = describeBuildStop(analysis, step);
    if (stop) info.buildStop = stop;
    return info;
  });
}

/**
 * Describes a step the build fails on or never reaches, with the marks of the Image Layers view
 * and the sentences of the hover. `undefined` for a step the build runs and finishes.
 */
function describeBuildStop(analysis: Analysis, step: Step): BuildStop | undefined {
  const stop = notReachedReason(analysis, step, quotedStageName);
  const failure = stepFailureWords(step);
  // The errors on the step's lines give the reason it fails, as the Image Layers view's tooltip does.
  const parts = stepFailureParts(analysis, step);
  const lead = parts?.words ? [`${capitalize(parts.words.lead)}, ${parts.words.rest}.`] : [];
  const failed = parts && [...lead, ...parts.errors, ...(parts.corrected ? [parts.corrected] : [])].join(' ');
  if (stop === undefined) return failure && failed ? { mark: failure.mark, explanation: failed } : undefined;
  const notReached = `Not reached: ${stop}.`;
  if (failure) return { mark: `not reached · ${failure.mark}`, explanation: `${notReached} ${failed}` };
  const reading = describeCauseReading(analysis, step, 'The prediction');
  return { mark: 'not reached', explanation: reading ? `${notReached} ${reading}` : notReached };
}

/**
 * Builds the merged filesystem as of layer `asOf`, with deleted paths beside the visible ones.
 * Throws a `RangeError` when `asOf` is not a layer of the stack; an empty stack gives an empty
 * view as of -1.
 */
export function buildMergedView(analysis: Pick<Analysis, 'stack'>, asOf: number): MergedView {
  const stack = analysis.stack;
  if (stack.top < 0) return { asOf: -1, rows: new RowTable().rows };
  if (!Number.isInteger(asOf) || asOf < 0 || asOf > stack.top) {
    throw new RangeError(`Layer ${asOf} is out of range: the stack has layers 0 to ${stack.top}.`);
  }
  const table = new RowTable();
  for (const merged of mergedPaths(stack, asOf)) {
    const row = table.add(merged.path, merged.entry, merged.layer, RowState.present);
    if (merged.shadows.length > 0) table.rows.shadowed.push({ row, versions: shadowedVersions(stack, merged, merged.shadows) });
    if (keepsUnlistedBelow(stack, merged)) table.rows.certainties[row] = UNKNOWN;
  }
  // Deleted rows come after every visible one, so a deleted path never takes the place of a
  // visible directory of the same name that `mergedPaths` lists.
  for (const deleted of deletedPaths(stack, asOf)) {
    const row = table.add(deleted.path, deleted.entry, deleted.layer, RowState.deleted);
    table.rows.writtenBy.push({ row, layer: deleted.writtenBy });
  }
  // A whiteout of a path that no lower layer lists hides no version that `deletedPaths` could
  // name, yet the hover and the Image Layers view count it, so the panel lists it too.
  for (const whiteout of unlistedWhiteouts(stack, asOf)) {
    if (table.hasRowAt(whiteout.entry.path) || table.hasDeletedAncestor(whiteout.entry.path)) continue;
    const row = table.addUnlisted(whiteout.entry.path, whiteout.layer, whiteout.entry.certainty);
    table.rows.writtenBy.push({ row, layer: NO_LAYER });
  }
  return { asOf, rows: table.rows };
}

/**
 * Lists the whiteouts up to layer `asOf` of paths that no lower layer lists, lowest layer first,
 * leaving out paths that a later layer writes again. Only an unread base image or a layer of
 * unknown contents may hold such a path, as with a RUN's `rm -rf /root/.cache/pip`.
 */
function unlistedWhiteouts(stack: LayerStack, asOf: number): ClassifiedEntry[] {
  const found: ClassifiedEntry[] = [];
  for (const stacked of stack.layers.slice(0, asOf + 1)) {
    for (const classified of stacked.entries) {
      if (classified.change !== 'deleted' || classified.lowerLayer !== undefined) continue;
      if (stack.lookup(classified.entry.path, asOf) === undefined) found.push(classified);
    }
  }
  return found;
}

/**
 * Returns whether a directory shadows a lower version of itself into which a command wrote files
 * that no layer lists (a folder `npm ci` filled, then a COPY wrote again). A directory that is
 * not opaque leaves those files visible, so its contents are as unknown as that version's.
 */
function keepsUnlistedBelow(stack: LayerStack, merged: MergedPath): boolean {
  if (merged.entry.type !== 'directory' || merged.entry.opaque) return false;
  const versions = stack.tree.versionsOfPath(merged.path);
  for (let index = merged.shadows.length - 1; index >= 0; index--) {
    const entry = versions.find((version) => version.layer === merged.shadows[index])?.entry;
    // A lower file in the directory's place, or an opaque version, hid what came before it.
    if (!entry || entry.type !== 'directory') return false;
    if (entry.certainty === 'unknown') return true;
    if (entry.opaque) return false;
  }
  return false;
}

/**
 * Lists the sizes, modes and owners of the versions of `merged`'s path that the given layers
 * wrote, and the type of each version whose type differs from the visible one's.
 */
function shadowedVersions(stack: LayerStack, merged: MergedPath, layers: number[]): ShadowedVersion[] {
  const versions = stack.tree.versionsOfPath(merged.path);
  return layers.map((layer) => {
    const entry = versions.find((version) => version.layer === layer)?.entry;
    const version: ShadowedVersion = { layer, size: entry?.size ?? null, mode: entry?.mode ?? null, uid: entry?.uid ?? null, gid: entry?.gid ?? null };
    if (entry && entry.type !== merged.entry.type) version.type = typeCodes.get(entry.type) ?? FILE;
    return version;
  });
}

const typeCodes = new Map<EntryType, TypeCode>(typeNames.map((name, code) => [name, code as TypeCode]));
const certaintyCodes = new Map<Certainty, CertaintyCode>(certaintyNames.map((name, code) => [name, code as CertaintyCode]));
const FILE: TypeCode = 0;
const DIRECTORY: TypeCode = 1;
const UNKNOWN = certaintyCodes.get('unknown') as CertaintyCode;
/** The `writtenBy` layer of a deleted row whose path no earlier layer lists. */
const NO_LAYER = -1;

/** Rows in columns, with an index from path to row so parents are found without a search. */
class RowTable {
  readonly rows: MergedRows = {
    names: [],
    parents: [],
    types: [],
    sizes: [],
    layers: [],
    states: [],
    certainties: [],
    modes: [],
    uids: [],
    gids: [],
    shadowed: [],
    writtenBy: [],
    linkTargets: [],
  };
  private readonly rowOf = new Map<string, number>();

  /** Adds a row for `path` below its parent row, adding implied directories for missing parents. */
  add(path: string, entry: WriteEntry, layer: number, state: RowStateCode): number {
    const row = this.push(path, typeCodes.get(entry.type) ?? 0, entry.size, layer, state, certaintyCodes.get(entry.certainty) ?? 2);
    this.rows.modes[row] = entry.mode;
    this.rows.uids[row] = entry.uid;
    this.rows.gids[row] = entry.gid;
    if (entry.linkTarget !== undefined) this.rows.linkTargets.push({ row, target: entry.linkTarget });
    return row;
  }

  /**
   * Adds a deleted row for a whiteout of `path`, which no earlier layer lists. Its type, size,
   * mode and owner are unknown. Its row shows "file" only because the row codes have no unknown
   * type, so `writtenBy` marks such a row with -1.
   */
  addUnlisted(path: string, layer: number, certainty: Certainty): number {
    return this.push(path, FILE, null, layer, RowState.deleted, certaintyCodes.get(certainty) ?? UNKNOWN);
  }

  hasRowAt(path: string): boolean {
    return this.rowOf.has(path);
  }

  /** Returns whether a deleted row stands for an ancestor of `path`, and so for `path` too. */
  hasDeletedAncestor(path: string): boolean {
    for (let ancestor = parentPath(path); ancestor !== '/'; ancestor = parentPath(ancestor)) {
      const row = this.rowOf.get(ancestor);
      if (row !== undefined && this.rows.states[row] === RowState.deleted) return true;
    }
    return false;
  }

  /** Returns the row of a directory path, adding an implied directory row when none exists. */
  private parentRow(path: string): number {
    if (path === '/') return -1;
    return this.rowOf.get(path) ?? this.push(path, DIRECTORY, null, -1, RowState.implied, 2);
  }

  private push(path: string, type: TypeCode, size: number | null, layer: number, state: RowStateCode, certainty: CertaintyCode): number {
    const parent = this.parentRow(parentPath(path));
    const row = this.rows.names.length;
    this.rows.names.push(baseName(path));
    this.rows.parents.push(parent);
    this.rows.types.push(type);
    this.rows.sizes.push(size);
    this.rows.layers.push(layer);
    this.rows.states.push(state);
    this.rows.certainties.push(certainty);
    // `add` overwrites these for a written path; an implied directory keeps them unknown.
    this.rows.modes.push(null);
    this.rows.uids.push(null);
    this.rows.gids.push(null);
    this.rowOf.set(path, row);
    return row;
  }
}
