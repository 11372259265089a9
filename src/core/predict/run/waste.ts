/**
 * Waste hints for a RUN layer. Every layer keeps the bytes it was given, so deleting files that
 * an earlier step added, moving them (which stores them again under the new name), or changing
 * only a lower file's mode, owner or time (which stores the whole file again), makes the image
 * bigger, never smaller.
 */
import type { PlannedStep } from '../../dockerfile/plan';
import type { LayerEntry } from '../../model/layer';
import type { LayerStack } from '../../model/stack';
import { baseName } from '../../model/paths';
import type { RunReport } from './context';
import type { RunView } from './view';
import { copyUpMessage, type CopyUp } from './copyUpText';
import { formatBytes } from '../../report/format';

interface Hidden {
  files: number;
  bytes: number;
  /** Some of the hidden content has sizes or paths the prediction does not know. */
  unknown: boolean;
  paths: string[];
  /** The paths this RUN deleted (or emptied) that hold the hidden ones, as the script names them. */
  roots: string[];
  /** The build context paths that the hidden files were copied from, where known. */
  sources: string[];
}

/** The change that hides lower files: a deletion, or a `mv` that stores them again under new names. */
type HidingKind = 'deleted' | 'moved';

const cachePattern = /^\/(var\/lib\/apt\/lists|var\/cache|root\/\.cache|root\/\.npm|usr\/local\/share\/\.cache)(\/|$)|\/\.cache(\/|$)|\/\.npm(\/|$)/;
const temporaryPattern = /^\/(tmp|var\/tmp)(\/|$)/;

/**
 * Adds waste hints for the RUN's layer entries to the report. `chain[i]` made layer `i` of
 * `below`. `inTarget` is false for a stage outside the target's chain, whose layers are not in
 * the target image.
 */
export function addWasteHints(report: RunReport, entries: LayerEntry[], view: RunView, below: LayerStack, chain: readonly PlannedStep[], inTarget = true): void {
  const hidden: Record<HidingKind, Map<number, Hidden>> = { deleted: new Map(), moved: new Map() };
  for (const entry of entries) {
    const kind = entry.op === 'delete' && finalPlace(view, entry.path) !== undefined ? 'moved' : 'deleted';
    if (entry.op === 'delete') collectHidden(below, entry.path, true, hidden[kind], entry.path);
    else if (entry.opaque) collectHidden(below, entry.path, false, hidden.deleted, entry.path);
  }
  for (const folder of view.emptied) {
    const version = below.lookup(folder);
    if (version?.entry.certainty === 'unknown') record(hidden.deleted, version.layer, { files: 0, bytes: 0, unknown: true, paths: [folder], roots: [folder], sources: [] });
  }
  const layers = [...new Set([...hidden.deleted.keys(), ...hidden.moved.keys()])].sort((a, b) => a - b);
  for (const layer of layers) {
    const step = chain[layer];
    if (!step || step.kind === 'from') continue;
    for (const kind of ['deleted', 'moved'] as const) {
      const item = hidden[kind].get(layer);
      // Deleting empty files and folders that an earlier step made wastes nothing worth a hint.
      if (!item || (item.bytes === 0 && !item.unknown)) continue;
      const message = kind === 'moved' ? moveMessage(item, step, inTarget, view) : deletionMessage(item, step, inTarget, laterReader(chain, layer, item.paths));
      report.problems.push({ severity: severityFor(item.bytes, item.unknown), message, writtenBy: { line: step.instruction.line, paths: item.paths } });
    }
  }
  addCopyUpHints(report, view, below, chain);
}

/**
 * Returns where `mv` moved a lower path to, following later moves of the same RUN, or
 * `undefined` when the path was not moved or its last new name is gone too (a deletion then).
 */
function finalPlace(view: RunView, path: string): string | undefined {
  let place = view.moves.get(path);
  const seen = new Set<string>();
  while (place !== undefined && view.moves.has(place) && !seen.has(place)) {
    seen.add(place);
    place = view.moves.get(place);
  }
  return place !== undefined && view.lookup(place).presence === 'yes' ? place : undefined;
}

/** Collects what a deletion (or an opaque folder) hides, per layer that wrote it. */
function collectHidden(below: LayerStack, path: string, includeSelf: boolean, hidden: Map<number, Hidden>, root: string): void {
  const version = below.lookup(path);
  if (!version) return;
  if (includeSelf && version.entry.type !== 'directory') {
    const origin = version.entry.origin;
    const sources = origin?.kind === 'context' ? [origin.path] : [];
    record(hidden, version.layer, { files: 1, bytes: version.entry.size ?? 0, unknown: version.entry.size === null, paths: [path], roots: [root], sources });
    return;
  }
  if (includeSelf && version.entry.certainty === 'unknown') record(hidden, version.layer, { files: 0, bytes: 0, unknown: true, paths: [path], roots: [root], sources: [] });
  for (const child of below.children(path)) {
    const childPath = path === '/' ? '/' + child.name : path + '/' + child.name;
    collectHidden(below, childPath, true, hidden, root);
  }
}

function record(hidden: Map<number, Hidden>, layer: number, item: Hidden): void {
  const existing = hidden.get(layer);
  if (!existing) {
    hidden.set(layer, { ...item, paths: [...item.paths], roots: [...item.roots], sources: [...item.sources] });
    return;
  }
  existing.files += item.files;
  existing.bytes += item.bytes;
  existing.unknown ||= item.unknown;
  existing.paths.push(...item.paths);
  existing.sources.push(...item.sources);
  for (const root of item.roots) if (!existing.roots.includes(root)) existing.roots.push(root);
}

/**
 * Returns the first RUN after layer `layer` whose script names one of `paths` by its file name:
 * a file copied only for that RUN, which leaving it out of the copy would break.
 */
function laterReader(chain: readonly PlannedStep[], layer: number, paths: readonly string[]): PlannedStep | undefined {
  const names = paths.filter((path) => baseName(path) !== '').map(baseName);
  return chain.slice(layer + 1).find((later) => later.kind === 'run' && names.some((name) => later.instruction.args.includes(name)));
}

/** Advises to mount a file for the RUN that reads it rather than copy it into a layer. */
function mountRemedy(item: Hidden, reader: PlannedStep): string {
  const source = item.sources.length === 1 ? item.sources[0] : '…';
  const mount = item.paths.length === 1 ? ` (RUN --mount=type=bind,source=${source},target=${item.paths[0]})` : '';
  return `the RUN on line ${reader.instruction.line} reads it, so leaving it out would break that step: under BuildKit, mount it for that RUN instead of copying it${mount}`;
}

function deletionMessage(item: Hidden, step: PlannedStep, inTarget: boolean, reader?: PlannedStep): string {
  const where = `line ${step.instruction.line} (${step.instruction.keyword})`;
  // The message names what the script deletes; the paths under it go to `writtenBy`.
  const listed = listPaths(item.roots);
  const size = hiddenSize(item);
  const subject = describeDeleted(item.roots, listed);
  // Only RUNs can be merged: a file that a COPY wrote is better left out of the copy.
  let remedy = `leave them out of the ${step.instruction.keyword} (a narrower source or a .dockerignore line) instead`;
  if (step.instruction.keyword === 'RUN') remedy = 'delete them in the same step that creates them (merge the two RUNs, or move the cleanup there)';
  else if (reader) remedy = mountRemedy(item, reader);
  const deletes = `This RUN deletes ${subject}, written by ${where}.`;
  if (inTarget) return `${deletes} The image still holds those bytes (${size}) in that earlier layer; ${remedy}.`;
  return `${deletes} That earlier layer still holds those bytes (${size}) in this stage's image. ` +
    `The target image does not contain this stage's layers, so it does not hold those bytes. To keep this stage's image small, ${remedy}.`;
}

/**
 * Words the hint for lower files that this RUN moved: overlay storage keeps the lower copy under
 * a whiteout and stores the moved one again, so the image contains the bytes twice.
 */
function moveMessage(item: Hidden, step: PlannedStep, inTarget: boolean, view: RunView): string {
  const where = `line ${step.instruction.line} (${step.instruction.keyword})`;
  const places = item.roots.map((root) => finalPlace(view, root) ?? root);
  const single = item.roots.length === 1;
  const pronoun = single ? 'it' : 'them';
  const moves = `This RUN moves ${listPaths(item.roots)}, written by ${where}, to ${listPaths(places)}.`;
  // Only RUNs can be merged: a file that a COPY wrote can be copied to its final path instead.
  let remedy = `give the ${step.instruction.keyword} ${single ? 'its final path' : 'their final paths'} instead`;
  if (step.instruction.keyword === 'RUN') {
    remedy = `move ${pronoun} in the step that creates ${pronoun} (merge the two RUNs), or create ${pronoun} there under the final ${single ? 'name' : 'names'}`;
  }
  const kept = `that earlier layer still holds ${single ? 'its' : 'their'} bytes (${hiddenSize(item)}) and this layer stores them again`;
  if (inTarget) return `${moves} The image keeps both copies, because ${kept}. To store them once, ${remedy}.`;
  return `${moves} This stage's image keeps both copies, because ${kept}. ` +
    `The target image does not contain this stage's layers, so it does not hold those bytes. To keep this stage's image small, ${remedy}.`;
}

/** Hints for lower files copied up whole only to change their mode, owner or time. */
function addCopyUpHints(report: RunReport, view: RunView, below: LayerStack, chain: readonly PlannedStep[]): void {
  const paths: string[] = [];
  const copies: CopyUp[] = [];
  const layers = new Set<number>();
  let bytes = 0;
  for (const path of view.metadataOnly) {
    const version = below.lookup(path);
    if (!version || version.entry.type === 'directory' || !version.entry.size) continue;
    paths.push(path);
    copies.push({ lower: version.entry, upper: view.lookup(path).state });
    layers.add(version.layer);
    bytes += version.entry.size;
  }
  if (paths.length === 0) return;
  // The hint names the earlier step only when one step wrote every file, so a fix has one place to go.
  const writer = layers.size === 1 ? chain[[...layers][0]] : undefined;
  report.problems.push({
    severity: severityFor(bytes, false),
    message: copyUpMessage(copies, listPaths(paths), formatBytes(bytes)),
    ...(writer && writer.kind !== 'from' ? { writtenBy: { line: writer.instruction.line, paths } } : {}),
  });
}

/** Chooses a warning from 1 MiB (or an unknown size, as with caches) up, and an info for less. */
function severityFor(bytes: number, unknown: boolean): 'warning' | 'info' {
  return unknown || bytes >= 1024 * 1024 ? 'warning' : 'info';
}

/** Lists up to three paths and counts the rest. */
/** Names deleted paths as a cache or as temporary files where all of them are, else as they are. */
function describeDeleted(roots: string[], listed: string): string {
  if (roots.every((root) => cachePattern.test(root))) return `the cache ${listed}`;
  if (roots.every((root) => temporaryPattern.test(root))) return `the temporary files ${listed}`;
  return listed;
}

/** Formats the hidden bytes, as a lower bound when some sizes are unknown. */
function hiddenSize(item: Hidden): string {
  if (!item.unknown) return formatBytes(item.bytes);
  return item.bytes > 0 ? `at least ${formatBytes(item.bytes)}` : 'an unknown size';
}

function listPaths(paths: string[]): string {
  const shown = paths.slice(0, 3).join(', ');
  return paths.length > 3 ? `${shown}, and ${paths.length - 3} more` : shown;
}
