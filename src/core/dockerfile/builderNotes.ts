/**
 * Sentences for the hover on where builders, or storage drivers, would record a step differently
 * from the prediction: a WORKDIR layer, an empty diff, a line another builder rejects, platform
 * ARGs, opaque directories and identical copy-ups. The prediction follows one builder on overlay
 * storage, so these notes name what the user would see with the others.
 */
import type { Analysis, Step } from '../analysis/types';
import { layerOutline } from '../model/layerOutline';
import { unchangedRewritesOf } from '../model/unchangedRewrite';
import { capitalize } from '../report/format';
import { builderKinds, builderNames, builderRejections, heredocOperators, type BuilderKind } from './builders';
import { hasNoCommand } from './emptyRun';
import { parseDockerfile, type ParsedInstruction } from './parse';

/** Returns the builder an analysis followed, BuildKit when it names none. */
export function modelledBuilder(analysis: Analysis): BuilderKind {
  return analysis.builder ?? 'buildkit';
}

/** Returns the one-line statement of what the prediction models, such as `Modelled on BuildKit with overlay storage.` */
export function builderLine(builder: BuilderKind): string {
  return `Modelled on ${builderNames[builder]} with overlay storage.`;
}

/**
 * Lists one sentence per difference that the user might hit on this step with another builder or
 * with vfs storage. The list is empty when every builder would record the step the same way.
 */
export function builderNotes(analysis: Analysis, step: Step): string[] {
  const builder = modelledBuilder(analysis);
  // NOTE: the step's text is parsed alone, so a `# escape=` directive of the Dockerfile is not applied here.
  const instruction = parseDockerfile(step.text).instructions[0];
  if (!instruction) return [];
  const notes: string[] = [];
  notes.push(...rejectionNotes(builder, instruction));
  if (instruction.keyword === 'WORKDIR' && instruction.args.trim() !== '/') notes.push(workdirNote(builder));
  // Under the other builders, the prediction's error on the line already names what BuildKit does instead.
  if (builder === 'buildkit' && hasNoCommand(instruction)) notes.push(NO_COMMAND_NOTE);
  const emptyDiff = emptyDiffNote(analysis, step, builder);
  if (emptyDiff) notes.push(emptyDiff);
  const platform = platformNote(builder, step.text);
  if (platform) notes.push(platform);
  notes.push(...storageNotes(analysis, step));
  return notes;
}

/** Describes why the builders other than the modelled one would reject the line. */
function rejectionNotes(builder: BuilderKind, instruction: ParsedInstruction): string[] {
  // The modelled builder's own rejections are already errors on the line.
  if (builderRejections(builder, instruction).length > 0) return [];
  const others = builderKinds.filter((other) => other !== builder);
  const withoutHeredocs: ParsedInstruction = { ...instruction, heredocs: [] };
  const notes: string[] = [];
  const heredocRejecters = others.filter((other) => builderRejections(other, instruction).length > builderRejections(other, withoutHeredocs).length);
  if (heredocRejecters.length > 0) {
    notes.push(`${capitalize(joinClauses(heredocRejecters.map((other) => builderNames[other])))} reject heredocs (${heredocOperators(instruction)}), which only BuildKit accepts.`);
  }
  const reasons = others.flatMap((other) => builderRejections(other, withoutHeredocs));
  if (reasons.length > 0) notes.push(`Not every builder accepts this line: ${joinClauses(reasons)}.`);
  return notes;
}

/** Describes how the classic builder and buildah fail on a shell-form RUN with no command (see `scriptlessShell`). */
const NO_COMMAND_NOTE = 'The classic builder and buildah add no script after the SHELL\'s words for a RUN with no command, so the shell gets none after -c and the build fails on this line ("/bin/sh: -c requires an argument" from BusyBox ash). BuildKit runs an empty script instead.';

function workdirNote(builder: BuilderKind): string {
  const later = 'buildah creates the folder in the layer of the next RUN, COPY or ADD';
  switch (builder) {
    case 'buildkit':
      return `The classic builder makes a layer for this WORKDIR only when it creates the folder, and ${later} instead of making one here.`;
    case 'classic':
      return `BuildKit makes a layer for every WORKDIR other than /, even when the folder exists, and ${later}.`;
    case 'buildah':
      return 'BuildKit makes a layer for every WORKDIR other than /, and the classic builder makes one when it creates the folder, but buildah makes none here.';
  }
}

/** Describes how the builders record a COPY or ADD that is known to change nothing. */
function emptyDiffNote(analysis: Analysis, step: Step, builder: BuilderKind): string | undefined {
  // A step the build fails on or never reaches makes no layer under any builder, so there is nothing to compare.
  if ((step.instruction !== 'COPY' && step.instruction !== 'ADD') || step.failed || step.notReached) return undefined;
  const layer = analysis.stack.layers[step.index]?.layer;
  if (!layer || layer.certainty !== 'exact' || layer.entries.length > 0) return undefined;
  if (builder === 'classic') return 'BuildKit and buildah still record an empty layer for this step.';
  return 'The classic builder records no layer for this step, because its diff is empty.';
}

const platformArgPattern = /\b(?:TARGET|BUILD)(?:PLATFORM|OS|ARCH|VARIANT)\b/g;

/** Describes the classic builder's missing platform ARGs on a line that uses them. */
function platformNote(builder: BuilderKind, text: string): string | undefined {
  const names = [...new Set(text.match(platformArgPattern) ?? [])];
  if (names.length === 0) return undefined;
  const list = joinClauses(names);
  const pronoun = names.length === 1 ? 'it' : 'them';
  if (builder === 'classic') return `The classic builder leaves ${list} empty here, while BuildKit and buildah set ${pronoun} from the platform.`;
  return `The classic builder leaves ${list} empty, because it does not define the platform ARGs.`;
}

/** Describes where vfs storage would record the step's layer differently from overlay. */
function storageNotes(analysis: Analysis, step: Step): string[] {
  const stacked = analysis.stack.layers[step.index];
  if (!stacked || step.emptyLayer) return [];
  const notes: string[] = [];
  const opaque = layerOutline(analysis.stack, stacked).opaqueFolders;
  if (opaque.length > 0) {
    notes.push(`On vfs storage this layer would hold a whiteout for each removed path under ${listPaths(opaque)} instead of an opaque marker.`);
  }
  // Only the first paths are named, and a layer may rewrite 80,000 files unchanged.
  const identical = unchangedRewritesOf(analysis.stack, stacked);
  if (identical.length > 0) {
    const named = identical.slice(0, listedPaths).map((entry) => entry.path);
    notes.push(`On vfs storage ${listPaths(named, identical.length)} may be left out of this layer, because vfs drops a rewrite that leaves a file exactly as it was, while overlay stores the whole file again.`);
  }
  return notes;
}

const listedPaths = 3;

/** Names the first `listedPaths` of `paths` and how many of `count` paths are left. */
function listPaths(paths: readonly string[], count = paths.length): string {
  const listed = paths.slice(0, listedPaths);
  const rest = count - listed.length;
  return rest > 0 ? `${listed.join(', ')} and ${rest} more` : joinClauses(listed);
}

/** Joins `a`, `a and b`, `a, b and c`. */
function joinClauses(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
