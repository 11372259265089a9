/**
 * Warnings for build context files that look like credentials (`.env`, `id_rsa`, `.npmrc`) which a
 * COPY or ADD puts into the target's image and no later step hides: anyone who pulls the image can
 * read them. A credential that a later step deletes gets that step's waste hint instead, since the
 * earlier layer still contains it.
 */
import type { LayerStack } from '../model/stack';
import { looksLikeCredential } from '../predict/run/credentials';
import type { Problem, Step } from './types';

/** The maximum number of paths one warning names before "and N more". */
const NAMED_PATHS = 5;

/** Returns a warning for each COPY or ADD of the chain that ships such files, on its lines. */
export function shippedCredentials(steps: readonly Step[], stack: LayerStack): Problem[] {
  const problems: Problem[] = [];
  for (const step of steps) {
    if (!isCopyStep(step) || step.failed || step.notReached) continue;
    const shipped = shippedFiles(stack, step.index, (layer) => isCopyStep(steps[layer]));
    if (shipped.paths.length > 0) problems.push({ line: step.line, endLine: step.endLine, severity: 'warning', kind: 'credential', message: describe(step.instruction, shipped) });
  }
  return problems;
}

interface ShippedFiles {
  paths: string[];
  /** Whether some of them came from another stage (`COPY --from`), not straight from the build context. */
  fromStage: boolean;
}

/**
 * Lists the files of layer `index` that look like credentials and that the top of the stack still
 * shows. A later RUN that only changes their owner or mode copies them up, and the image still
 * ships them, so any later version counts except another COPY's file of the same path, whose own
 * step warns of it.
 */
function shippedFiles(stack: LayerStack, index: number, copiedBy: (layer: number) => boolean): ShippedFiles {
  const shipped: ShippedFiles = { paths: [], fromStage: false };
  const layer = stack.layers[index];
  if (!layer) return shipped;
  for (const classified of layer.entries) {
    const entry = classified.entry;
    const kind = entry.op === 'write' ? entry.origin?.kind : undefined;
    if (entry.op !== 'write' || entry.type !== 'file' || (kind !== 'context' && kind !== 'stage') || !looksLikeCredential(entry.path)) continue;
    const visible = stack.lookup(entry.path);
    if (!visible || visible.entry.type !== 'file') continue;
    // A RUN's copy-up keeps the file's origin, so only the step that wrote the version shows which it is.
    if (visible !== classified && visible.layer > index && copiedBy(visible.layer)) continue;
    shipped.paths.push(entry.path);
    if (kind === 'stage') shipped.fromStage = true;
  }
  return shipped;
}

function isCopyStep(step: Step | undefined): boolean {
  return step?.instruction === 'COPY' || step?.instruction === 'ADD';
}

function describe(instruction: string, { paths, fromStage }: ShippedFiles): string {
  const single = paths.length === 1;
  const named = paths.slice(0, NAMED_PATHS).join(', ');
  const list = paths.length > NAMED_PATHS ? `${named} and ${paths.length - NAMED_PATHS} more` : named;
  const them = single ? 'it' : 'them';
  const leaveOut = fromStage ? `copy a narrower path from that stage, leave ${them} out of the build context with a .dockerignore line` : `leave ${them} out of the build context with a .dockerignore line`;
  return `This ${instruction} puts ${list} into the image, where anyone who pulls it can read ${them}: ${single ? 'it looks' : 'they look'} like ${single ? 'a credential' : 'credentials'}. To keep ${them} out, ${leaveOut}, or mount ${them} as a build secret for the RUN that needs ${them} (RUN --mount=type=secret).`;
}
