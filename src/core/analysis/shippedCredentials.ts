/**
 * Warnings for build context files that look like credentials (`.env`, `id_rsa`, `.npmrc`) which a
 * COPY or ADD puts into the target's image and no later step hides: anyone who pulls the image can
 * read them. A credential that a later step deletes gets that step's waste hint instead, since the
 * earlier layer still contains it.
 */
import type { BuildPlan, CopySpec } from '../dockerfile/plan';
import type { ClassifiedEntry, LayerStack, StackedLayer } from '../model/stack';
import { containsCredential, looksLikeCredential, namesCopySource } from '../predict/run/credentials';
import type { Problem, Step } from './types';

/** The maximum number of paths one warning names before "and N more". */
const NAMED_PATHS = 5;

/** Inputs of the check besides the chain. Without them, files are judged by name and every source counts as a folder. */
export interface CredentialCheckInputs {
  /** The plan of the chain's steps, for the sources that each COPY or ADD names. */
  plan?: BuildPlan;
  /** The build context's folder, where the content of a `.pem` file can be read. */
  contextRoot?: string;
}

/**
 * Returns a warning for each COPY or ADD of the chain that ships such files, on its lines. A step
 * that an error on another step keeps the build from reaching gets the warning too, as it gets its
 * waste hints. It ships the files once that error is fixed.
 */
export function shippedCredentials(steps: readonly Step[], stack: LayerStack, inputs: CredentialCheckInputs = {}): Problem[] {
  const problems: Problem[] = [];
  for (const step of steps) {
    // A step the build fails on itself (a missing source, an unknown flag) ships nothing.
    if (!isCopyStep(step) || step.failed) continue;
    const spec = inputs.plan?.stages[step.stage]?.steps.find((planned) => planned.instruction.line === step.line)?.copy;
    const shipped = shippedFiles(stack, step.index, { copiedBy: (layer) => isCopyStep(steps[layer]), spec, contextRoot: inputs.contextRoot });
    if (shipped.length > 0) problems.push({ line: step.line, endLine: step.endLine, severity: 'warning', kind: 'credential', message: describe(step.instruction, shipped) });
  }
  return problems;
}

interface ShippedFile {
  path: string;
  /** Whether it came from another stage (`COPY --from`), not straight from the build context. */
  fromStage: boolean;
  /** Whether the COPY names the file itself as a source, rather than a folder or pattern that contains it. */
  named: boolean;
}

interface LayerFacts {
  /** Whether a COPY or ADD made the layer of that index. */
  copiedBy: (layer: number) => boolean;
  spec: CopySpec | undefined;
  contextRoot: string | undefined;
}

/**
 * Lists the files of layer `index` that look like credentials and that the top of the stack still
 * shows. A later RUN that only changes their owner or mode copies them up, and the image still
 * ships them, so any later version counts except another COPY's file of the same path, whose own
 * step warns of it.
 */
function shippedFiles(stack: LayerStack, index: number, facts: LayerFacts): ShippedFile[] {
  const shipped: ShippedFile[] = [];
  const layer = stack.layers[index];
  if (!layer) return shipped;
  for (const classified of namedLikeCredentials(layer)) {
    const entry = classified.entry;
    const origin = entry.op === 'write' ? entry.origin : undefined;
    if (origin?.kind !== 'context' && origin?.kind !== 'stage') continue;
    // This layer ships its own version, whatever a later step writes over it.
    if (!containsCredential(entry.path, () => [origin], facts.contextRoot)) continue;
    const visible = stack.lookup(entry.path);
    if (!visible || visible.entry.type !== 'file') continue;
    // A RUN's copy-up keeps the file's origin, so only the step that wrote the version shows which it is.
    if (visible !== classified && visible.layer > index && facts.copiedBy(visible.layer)) continue;
    shipped.push({ path: entry.path, fromStage: origin.kind === 'stage', named: namesCopySource(facts.spec, origin.path) });
  }
  return shipped;
}

/**
 * The copied files of each stacked layer whose names look like credentials. The editor keeps the
 * layers of the lines before an edit from one analysis to the next, so the files of a `COPY . /app`
 * of a large context are searched once, not on every keystroke.
 */
const credentialCandidates = new WeakMap<StackedLayer, ClassifiedEntry[]>();

function namedLikeCredentials(layer: StackedLayer): ClassifiedEntry[] {
  let candidates = credentialCandidates.get(layer);
  if (!candidates) {
    candidates = layer.entries.filter(({ entry }) => entry.op === 'write' && entry.type === 'file' && entry.origin !== undefined && looksLikeCredential(entry.path));
    credentialCandidates.set(layer, candidates);
  }
  return candidates;
}

function isCopyStep(step: Step | undefined): boolean {
  return step?.instruction === 'COPY' || step?.instruction === 'ADD';
}

function describe(instruction: string, files: readonly ShippedFile[]): string {
  const them = files.length === 1 ? 'it' : 'them';
  const looks = files.length === 1 ? 'it looks like a credential' : 'they look like credentials';
  const intro = `This ${instruction} puts ${listPaths(files)} into the image, where anyone who pulls it can read ${them}: ${looks}.`;
  const named = files.filter((file) => file.named);
  const collected = files.filter((file) => !file.named);
  if (named.length === 0) return `${intro} ${leaveOutRemedy(collected, them)}`;
  if (collected.length === 0) return `${intro} ${secretRemedy(instruction, named, them)}`;
  return `${intro} ${secretRemedy(instruction, named, listPaths(named))} ${leaveOutRemedy(collected, listPaths(collected))}`;
}

/** Lists up to `NAMED_PATHS` paths and counts the rest. */
function listPaths(files: readonly ShippedFile[]): string {
  const named = files.slice(0, NAMED_PATHS).map((file) => file.path).join(', ');
  return files.length > NAMED_PATHS ? `${named} and ${files.length - NAMED_PATHS} more` : named;
}

/** Advises leaving out files that a folder or pattern source picked up, which a `.dockerignore` line does without breaking the copy. */
function leaveOutRemedy(files: readonly ShippedFile[], subject: string): string {
  const them = files.length === 1 ? 'it' : 'them';
  const leaveOut = `leave ${them} out of the build context with a .dockerignore line`;
  const ways = files.some((file) => file.fromStage) ? `copy a narrower path from that stage, ${leaveOut}` : leaveOut;
  return `To keep ${subject} out, ${ways}, or mount ${them} as a build secret for the RUN that needs ${them} (RUN --mount=type=secret).`;
}

/**
 * Advises passing files that the COPY names as sources to the RUN that needs them as build
 * secrets. Leaving them out of the build context would make the COPY fail, because its source is gone.
 */
function secretRemedy(instruction: string, files: readonly ShippedFile[], subject: string): string {
  const them = files.length === 1 ? 'it' : 'them';
  const remedy = `To keep ${subject} out, mount ${them} as a build secret for the RUN that needs ${them} (RUN --mount=type=secret) instead of copying ${them}.`;
  if (files.some((file) => file.fromStage)) return remedy;
  return `${remedy} A .dockerignore line would make this ${instruction} fail, because the ${instruction} names ${them} as a source.`;
}
