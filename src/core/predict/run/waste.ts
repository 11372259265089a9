/**
 * Waste hints for a RUN layer. Every layer keeps the bytes it was given, so deleting files that
 * an earlier step added, moving them (which stores them again under the new name), or changing
 * only a lower file's mode, owner or time (which stores the whole file again), makes the image
 * bigger, never smaller.
 */
import type { PlannedStep } from '../../dockerfile/plan';
import { hidesLowerChildren, type EntryOrigin, type LayerEntry } from '../../model/layer';
import type { LayerStack } from '../../model/stack';
import { baseName } from '../../model/paths';
import type { RunReport } from './context';
import type { RunView } from './view';
import { copyUpMessage, unlistedCopyUpMessage, type CopyUp } from './copyUpText';
import { capitalize, formatBytes, joinWords } from '../../report/format';
import { defaultAdviceSetting, type AdviceSetting } from './adviceSetting';
import { cleanupCrossingReason, mergeBlocker } from './cleanupCrossing';
import { containsCredential, fileUser, namesCopySource, runNamesFile, secretRemedy } from './credentials';
import type { Version } from '../../model/pathTree';
import type { BuilderKind } from '../../dockerfile/builders';
import { copiedFrom, copyToPlaceRemedy } from './moveAdvice';

interface Hidden {
  /**
   * The layers that still hold a version of the hidden paths, lowest first. A deleted file that
   * a COPY wrote and a RUN changed is in both layers, so a remedy must reach the lowest one.
   */
  layers: number[];
  files: number;
  /**
   * The bytes of the versions this change hides, the newest of each file. An older version was
   * hidden by the step that replaced it, whose own hint or hover counts it.
   */
  bytes: number;
  /** Some of the hidden content has sizes or paths the prediction does not know. */
  unknown: boolean;
  paths: string[];
  /** The paths this RUN deleted (or emptied) that hold the hidden ones, as the script names them. */
  roots: string[];
  /** The paths that the hidden files were copied from, in a build context, stage or image, where known. */
  sources: string[];
}

/** The change that hides lower files: a deletion, or a `mv` that stores them again under new names. */
type HidingKind = 'deleted' | 'moved';

const cachePattern = /^\/(var\/lib\/apt\/lists|var\/cache|root\/\.cache|root\/\.npm|usr\/local\/share\/\.cache)(\/|$)|\/\.cache(\/|$)|\/\.npm(\/|$)/;
const temporaryPattern = /^\/(tmp|var\/tmp)(\/|$)/;

/**
 * Adds waste hints for the layer entries of the RUN `step` to the report. `chain[i]` made layer
 * `i` of `below`. `inTarget` is false for a stage outside the target's chain, whose layers are not
 * in the target image. `contextRoot` is the build context's folder, where a deleted `.pem` file
 * is read to tell a certificate from a key.
 */
export function addWasteHints(report: RunReport, entries: LayerEntry[], view: RunView, below: LayerStack, chain: readonly PlannedStep[], step: PlannedStep, inTarget = true, contextRoot?: string): void {
  const hidden: Record<HidingKind, Map<string, Hidden>> = { deleted: new Map(), moved: new Map() };
  const own = (layer: number) => chain[layer] !== undefined && chain[layer].kind !== 'from';
  for (const entry of entries) {
    if (entry.op !== 'delete' && !hidesLowerChildren(entry)) continue;
    // A moved path is still in the image under its new name, also where this RUN writes the old
    // name again (`mv util lib && ln -s lib util`), so its hint advises a move, not a deletion.
    // NOTE: a moved file's older versions in lower layers are not counted, only the newest one.
    const deletions: Collector = { below, hidden: hidden.deleted, own, allVersions: true };
    if (finalPlace(view, entry.path, entry.op === 'delete') !== undefined) collectHidden({ ...deletions, hidden: hidden.moved, allVersions: false }, entry.path, true, entry.path);
    // A deletion hides the path itself. An opaque folder, or a file or link written where a folder
    // was, hides only what is below it.
    else collectHidden(deletions, entry.path, entry.op === 'delete', entry.path);
  }
  for (const folder of view.emptied) {
    const version = below.lookup(folder);
    if (version?.entry.certainty === 'unknown' && own(version.layer)) record(hidden.deleted, { layers: [version.layer], files: 0, bytes: 0, unknown: true, paths: [folder], roots: [folder], sources: [] });
  }
  const setting = report.advice ?? defaultAdviceSetting;
  for (const { kind, item } of hintOrder(hidden)) {
    // Deleting empty files and folders that an earlier step made wastes nothing worth a hint.
    if (item.bytes === 0 && !item.unknown) continue;
    const steps = item.layers.map((layer) => chain[layer]);
    const credentials = kind === 'deleted' ? item.paths.filter((path) => containsCredential(path, () => storedOrigins(below, path), contextRoot)) : [];
    const message = kind === 'moved' ? moveMessage(item, steps[0], inTarget, view, below, setting.builder) : deletionMessage(item, steps, chain, { inTarget, credentials, setting, deleting: step });
    const severity = deletionSeverity(item, credentials.length > 0, inTarget);
    // A readable credential is more than waste, so a hint that names one stays when waste hints are hidden.
    const problemKind = credentials.length > 0 ? 'credential' : 'waste';
    report.problems.push({ severity, message, kind: problemKind, writtenBy: { line: steps[0].instruction.line, paths: item.paths } });
  }
  addCopyUpHints(report, view, below, chain, inTarget);
}

/** Lists the hints' items by their lowest layer, then by the other layers, deletions before moves. */
function hintOrder(hidden: Record<HidingKind, Map<string, Hidden>>): Array<{ kind: HidingKind; item: Hidden }> {
  const items = (['deleted', 'moved'] as const).flatMap((kind) => [...hidden[kind].values()].map((item) => ({ kind, item })));
  return items.sort((a, b) => compareLayers(a.item.layers, b.item.layers));
}

function compareLayers(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    if (a[index] !== b[index]) return a[index] - b[index];
  }
  return a.length - b.length;
}

/**
 * Returns where `mv` moved a lower path to, following later moves of the same RUN, or
 * `undefined` when the path was not moved or its last new name is gone too (a deletion then).
 * With `deleted`, a `cp` of the path counts as its first move, since a `cp` then `rm` moves it.
 */
function finalPlace(view: RunView, path: string, deleted = false): string | undefined {
  let place = view.moves.get(path) ?? (deleted ? view.copies.get(path) : undefined);
  const seen = new Set<string>();
  while (place !== undefined && view.moves.has(place) && !seen.has(place)) {
    seen.add(place);
    place = view.moves.get(place);
  }
  // A path moved back to its own name (`mv a b && mv b a`) is in the image once, under that name.
  return place !== undefined && place !== path && view.lookup(place).presence === 'yes' ? place : undefined;
}

/** The stack that `collectHidden` reads and the map it records into, for one kind of hiding change. */
interface Collector {
  below: LayerStack;
  hidden: Map<string, Hidden>;
  /** Whether the Dockerfile's own steps wrote the layer, so a hint can name the step; base image layers are left out. */
  own: (layer: number) => boolean;
  /** Count every version of a file that the layers below hold, not only the newest. */
  allVersions: boolean;
}

/** Collects what a deletion (or an opaque folder) hides, per set of layers that wrote it. */
function collectHidden(collector: Collector, path: string, includeSelf: boolean, root: string): void {
  const version = collector.below.lookup(path);
  if (!version) return;
  if (includeSelf && version.entry.type !== 'directory') {
    const versions = (collector.allVersions ? storedVersions(collector.below, path, version) : [version]).filter((stored) => collector.own(stored.layer));
    if (versions.length === 0) return;
    const sources = [...new Set(versions.flatMap(({ entry }) => copiedFrom(entry.origin)))];
    // The layers name every place a remedy must reach, but the bytes are those of the newest version alone.
    const newest = versions[0].entry;
    const bytes = newest.size ?? 0;
    const unknown = newest.size === null;
    const layers = versions.map((stored) => stored.layer).sort((a, b) => a - b);
    record(collector.hidden, { layers, files: 1, bytes, unknown, paths: [path], roots: [root], sources });
    return;
  }
  if (includeSelf && version.entry.certainty === 'unknown' && collector.own(version.layer)) {
    record(collector.hidden, { layers: [version.layer], files: 0, bytes: 0, unknown: true, paths: [path], roots: [root], sources: [] });
  }
  for (const child of collector.below.children(path)) {
    const childPath = path === '/' ? '/' + child.name : path + '/' + child.name;
    collectHidden(collector, childPath, true, root);
  }
}

/**
 * Lists the versions of a file that the layers below hold, newest first: each layer that wrote
 * the file keeps its bytes. The walk stops at a folder, or where an earlier deletion already hid
 * the older versions (that deletion has a hint of its own).
 */
function storedVersions(below: LayerStack, path: string, newest: Version): Version[] {
  const versions = [newest];
  for (let older = below.lookup(path, newest.layer - 1); older && older.entry.type !== 'directory'; older = below.lookup(path, older.layer - 1)) {
    versions.push(older);
  }
  return versions;
}

/** Lists where each version of the file at `path` that the layers below store came from. */
function storedOrigins(below: LayerStack, path: string): Array<EntryOrigin | undefined> {
  const newest = below.lookup(path);
  return newest ? storedVersions(below, path, newest).map((version) => version.entry.origin) : [];
}

function record(hidden: Map<string, Hidden>, item: Hidden): void {
  const key = item.layers.join(',');
  const existing = hidden.get(key);
  if (!existing) {
    hidden.set(key, { ...item, paths: [...item.paths], roots: [...item.roots], sources: [...item.sources] });
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
 * Returns the first RUN after layer `layer` whose script names one of `paths` by its file name,
 * for any purpose: once no RUN uses the files, such a RUN only changes their mode or owner.
 */
function laterNamer(chain: readonly PlannedStep[], layer: number, paths: readonly string[]): PlannedStep | undefined {
  const names = paths.filter((path) => baseName(path) !== '').map(baseName);
  return chain.slice(layer + 1).find((later) => later.kind === 'run' && names.some((name) => runNamesFile(later, name)));
}

/**
 * Advises to mount a file for the RUN that reads it rather than copy it into a layer, since
 * leaving it out of the copy would break that RUN. `copy` is the step that copied it.
 */
function mountRemedy(item: Hidden, reader: PlannedStep, copy: PlannedStep): string {
  const pronoun = item.paths.length === 1 ? 'it' : 'them';
  const from = copy.copy?.from ? `from=${copy.copy.from},` : '';
  const source = item.sources.length === 1 ? item.sources[0] : '…';
  const mount = item.paths.length === 1 ? `: RUN --mount=type=bind,${from}source=${source},target=${item.paths[0]}` : '';
  return `mount ${pronoun} for the RUN on line ${reader.instruction.line}, which reads ${pronoun}, instead of copying ${pronoun} (under BuildKit${mount})`;
}

/**
 * Advises to leave files out of the COPY or ADD `copy`. A `.dockerignore` file filters only the
 * build context, so it is no remedy for a copy from another stage, image or named context.
 */
function leaveOutRemedy(copy: PlannedStep): string {
  const remedy = copy.copy?.from ? 'a narrower source' : 'a narrower source or a .dockerignore line';
  return `leave them out of the ${copy.instruction.keyword} (${remedy}) instead`;
}

/**
 * Advises to leave credentials out of the COPY or ADD `copy`, which `sources` were copied from. A
 * `.dockerignore` line would make a copy fail that names one of them as a source.
 * NOTE: other files that a copy names get the `.dockerignore` advice of `leaveOutRemedy` still.
 */
function credentialLeaveOutRemedy(copy: PlannedStep, sources: readonly string[]): string {
  const named = copy.copy?.from === null && sources.some((source) => namesCopySource(copy.copy, source));
  if (!named) return leaveOutRemedy(copy);
  const keyword = copy.instruction.keyword;
  return `drop them from the sources of the ${keyword} instead (a .dockerignore line would make the ${keyword} fail, because the ${keyword} names them as sources)`;
}

/** The facts that decide a deletion hint's wording, beyond what it hides. */
interface DeletionWording {
  inTarget: boolean;
  /** The hidden paths that look like credentials. */
  credentials: string[];
  setting: AdviceSetting;
  /** The RUN that deletes the files, which may also use them before it does. */
  deleting: PlannedStep;
}

function deletionMessage(item: Hidden, steps: readonly PlannedStep[], chain: readonly PlannedStep[], wording: DeletionWording): string {
  const { inTarget, credentials } = wording;
  const where = joinWords(steps.map((step) => `line ${step.instruction.line} (${step.instruction.keyword})`));
  const layers = steps.length === 1 ? 'that earlier layer' : 'those earlier layers';
  // The message names what the script deletes; the paths under it go to `writtenBy`.
  const subject = describeDeleted(item.roots, listPaths(item.roots));
  // Each layer contains a version, but the size counts only the newest (see `Hidden.bytes`).
  const size = steps.length === 1 ? hiddenSize(item) : `${hiddenSize(item)}, not counting older versions`;
  const remedy = deletionRemedy(item, steps, chain, wording);
  const deletes = `This RUN deletes ${subject}, written by ${where}.`;
  const readable = credentials.length === 0 ? '' : `, so anyone who pulls ${inTarget ? 'the image' : 'that image'} can read ${listPaths(credentials)}, which ${credentials.length === 1 ? 'looks like a credential' : 'look like credentials'}`;
  if (inTarget) return `${deletes} The image still holds those bytes (${size}) in ${layers}${readable}; ${remedy}.`;
  const purpose = credentials.length === 0 ? "To keep this stage's image small" : "To keep the credentials out of this stage's image";
  return `${deletes} ${capitalize(layers)} still ${steps.length === 1 ? 'holds' : 'hold'} those bytes (${size}) in this stage's image${readable}. ` +
    `The target image does not contain this stage's layers, so it does not hold those bytes. ${purpose}, ${remedy}.`;
}

/**
 * Chooses a remedy that removes the hidden files from every layer that contains them. Only RUNs can
 * be merged: a file that a COPY or ADD wrote is better left out of the copy, or mounted for the
 * RUN that reads it (as a build secret, for a credential).
 */
function deletionRemedy(item: Hidden, steps: readonly PlannedStep[], chain: readonly PlannedStep[], wording: DeletionWording): string {
  // NOTE: a RUN that wrote the file before the copy keeps its version under this remedy.
  const copyIndex = steps.findIndex((step) => step.instruction.keyword !== 'RUN');
  if (copyIndex < 0) {
    if (steps.length === 1) return sameStepRemedy(item, steps[0], chain);
    const lines = joinWords(steps.map((step) => String(step.instruction.line)));
    return `create, change and delete them in one step (merge the RUNs on lines ${lines} with this one)`;
  }
  const copy = steps[copyIndex];
  const later = chain.slice(item.layers[copyIndex] + 1);
  if (wording.credentials.length === 0) {
    // NOTE: the RUN that deletes other files is not taken as a reader of them, because a short
    // file name is found in many words (`echo new > /d/a` names `a`), so it gets no mount advice.
    const reader = fileUser(later, item.paths);
    if (reader) return mountRemedy(item, reader, copy);
  } else {
    // The RUN that deletes a credential may use it first (`npm ci && rm .npmrc`).
    const user = fileUser([...later, wording.deleting], item.paths, wording.deleting);
    // `--secret src=` names a file on the client, which a stage or image path is not.
    if (user) return secretRemedy(item.paths, copy.copy?.from ? [] : item.sources, user, wording.setting);
  }
  const leaveOut = wording.credentials.length > 0 ? credentialLeaveOutRemedy(copy, item.sources) : leaveOutRemedy(copy);
  // A RUN that only changes the mode or owner of the files has no use for a mount, and would fail without them.
  const namer = laterNamer(chain, item.layers[copyIndex], item.paths);
  if (namer) return `${leaveOut}, and drop the chmod, chown or chgrp of them from the RUN on line ${namer.instruction.line}, which only changes their mode or owner`;
  return leaveOut;
}

/**
 * Advises to delete the files in the RUN that creates them. Where instructions between the two
 * RUNs rule out a merge, or moving the cleanup as well, the hint states why, because an editor
 * hides the quick fixes that cannot apply and would otherwise offer nothing without a reason.
 */
function sameStepRemedy(item: Hidden, earlier: PlannedStep, chain: readonly PlannedStep[]): string {
  const advice = 'delete them in the same step that creates them';
  const steps = chain.slice(item.layers[0] + 1);
  const between = steps.map((step) => step.instruction);
  const blocker = mergeBlocker(between);
  if (!blocker) return `${advice} (merge the two RUNs, or move the cleanup there)`;
  // NOTE: the quick fix tests the operands of the moved rm commands, which may name more than
  // the deleted paths (a glob), so it can still refuse a move that this hint suggests.
  const workdirs = new Map(steps.map((step) => [step.instruction, step.workdir]));
  const crossing = cleanupCrossingReason(between, item.roots, (instruction) => workdirs.get(instruction));
  if (!crossing) return `${advice}: move the cleanup into the RUN on line ${earlier.instruction.line}, since merging the two RUNs would move the other commands across the ${blocker.keyword} on line ${blocker.line}`;
  return `${advice} (merge the two RUNs, or move the cleanup there). Either change needs care, because ${crossing}`;
}

/**
 * Words the hint for lower files that this RUN moved: overlay storage keeps the lower copy under
 * a whiteout and stores the moved one again, so the image contains the bytes twice.
 */
function moveMessage(item: Hidden, step: PlannedStep, inTarget: boolean, view: RunView, below: LayerStack, builder: BuilderKind): string {
  const where = `line ${step.instruction.line} (${step.instruction.keyword})`;
  const places = item.roots.map((root) => finalPlace(view, root, true) ?? root);
  const single = item.roots.length === 1;
  const pronoun = single ? 'it' : 'them';
  const moves = `This RUN moves ${listPaths(item.roots)}, written by ${where}, to ${listPaths(places)}.`;
  // Only RUNs can be merged: a file that a COPY wrote can be copied to its final path instead.
  let remedy = single
    ? copyToPlaceRemedy(item.roots[0], places[0], { step, layer: item.layers[0] }, below, builder)
    : `copy them to their final paths (${listPaths(places)}) in the ${step.instruction.keyword} itself instead`;
  if (step.instruction.keyword === 'RUN') {
    remedy = `move ${pronoun} in the step that creates ${pronoun} (merge the two RUNs), or create ${pronoun} there under the final ${single ? 'name' : 'names'}`;
  }
  const kept = `that earlier layer still holds ${single ? 'its' : 'their'} bytes (${hiddenSize(item)}) and this layer stores them again`;
  if (inTarget) return `${moves} The image keeps both copies, because ${kept}. To store them once, ${remedy}.`;
  return `${moves} This stage's image keeps both copies, because ${kept}. ` +
    `The target image does not contain this stage's layers, so it does not hold those bytes. To keep this stage's image small, ${remedy}.`;
}

/** Hints for lower files copied up whole only to change their mode, owner or time. */
function addCopyUpHints(report: RunReport, view: RunView, below: LayerStack, chain: readonly PlannedStep[], inTarget: boolean): void {
  const paths: string[] = [];
  const copies: CopyUp[] = [];
  const layers = new Set<number>();
  let bytes = 0;
  for (const [path, commands] of view.metadataOnly) {
    const version = below.lookup(path);
    if (!version || version.entry.type === 'directory' || !version.entry.size) continue;
    paths.push(path);
    copies.push({ lower: version.entry, upper: view.lookup(path).state, commands });
    layers.add(version.layer);
    bytes += version.entry.size;
  }
  // The stack counts these folders' unlisted files as shadowed, with a size it does not know.
  const unlisted = view.unlistedCopyUpRoots();
  const severity = inTarget ? severityFor(bytes, unlisted.length > 0) : 'info';
  if (paths.length === 0) {
    if (unlisted.length > 0) report.problems.push({ severity, message: unlistedCopyUpMessage(listPaths(unlisted)), kind: 'waste' });
    return;
  }
  // The hint names the earlier step only when one step wrote every file, so a fix has one place to go.
  const writer = layers.size === 1 ? chain[[...layers][0]] : undefined;
  const unlistedText = unlisted.length > 0 ? listPaths(unlisted) : '';
  report.problems.push({
    severity,
    message: copyUpMessage(copies, listPaths(paths), formatBytes(bytes), report.advice?.builder ?? 'buildkit', unlistedText),
    kind: 'waste',
    ...(writer && writer.kind !== 'from' ? { writtenBy: { line: writer.instruction.line, paths } } : {}),
  });
}

/**
 * Chooses the severity of a deletion or move hint. A credential is a warning in the target image
 * whatever its size, since anyone who pulls the image can read it. Outside the target image the
 * wasted bytes make the target no bigger, so a size hint is an info there.
 */
function deletionSeverity(item: Hidden, credentials: boolean, inTarget: boolean): 'warning' | 'info' {
  if (inTarget && credentials) return 'warning';
  // NOTE: a stage outside the target may still be pushed as an image of its own, which the
  // prediction cannot know, so a credential there keeps the size-based severity.
  if (!inTarget && !credentials) return 'info';
  return severityFor(item.bytes, item.unknown);
}

/** Chooses a warning from 1 MiB (or an unknown size, as with caches) up, and an info for less. */
function severityFor(bytes: number, unknown: boolean): 'warning' | 'info' {
  return unknown || bytes >= 1024 * 1024 ? 'warning' : 'info';
}

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

/** Lists up to three paths and counts the rest: `a and b`, `a, b, c and 2 more`. */
function listPaths(paths: string[]): string {
  if (paths.length <= 3) return joinWords(paths);
  return `${paths.slice(0, 3).join(', ')} and ${(paths.length - 3).toLocaleString('en')} more`;
}
