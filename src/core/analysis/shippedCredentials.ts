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
const NAMED_PATHS = 3;

/** Returns a warning for each COPY or ADD of the chain that ships such files, on its lines. */
export function shippedCredentials(steps: readonly Step[], stack: LayerStack): Problem[] {
  const problems: Problem[] = [];
  for (const step of steps) {
    if ((step.instruction !== 'COPY' && step.instruction !== 'ADD') || step.failed || step.notReached) continue;
    const paths = shippedPaths(stack, step.index);
    if (paths.length > 0) problems.push({ line: step.line, endLine: step.endLine, severity: 'warning', kind: 'credential', message: describe(step.instruction, paths) });
  }
  return problems;
}

/** Lists the context files of layer `index` that look like credentials and that the top of the stack still shows. */
function shippedPaths(stack: LayerStack, index: number): string[] {
  const layer = stack.layers[index];
  if (!layer) return [];
  const paths: string[] = [];
  for (const classified of layer.entries) {
    const entry = classified.entry;
    if (entry.op !== 'write' || entry.type !== 'file' || entry.origin?.kind !== 'context' || !looksLikeCredential(entry.path)) continue;
    // A write's classified entry is the version its node records, so this tests whether it is still the visible one.
    if (stack.lookup(entry.path) === classified) paths.push(entry.path);
  }
  return paths;
}

function describe(instruction: string, paths: readonly string[]): string {
  const one = paths.length === 1;
  const named = paths.slice(0, NAMED_PATHS).join(', ');
  const list = paths.length > NAMED_PATHS ? `${named} and ${paths.length - NAMED_PATHS} more` : named;
  const them = one ? 'it' : 'them';
  return `This ${instruction} puts ${list} into the image, where anyone who pulls it can read ${them}: ${one ? 'it looks' : 'they look'} like ${one ? 'a credential' : 'credentials'}. Leave ${them} out of the build context with a .dockerignore line, or mount ${them} as a build secret for the RUN that needs ${them} (RUN --mount=type=secret).`;
}
