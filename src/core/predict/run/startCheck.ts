/**
 * Checks that the program a RUN starts is in the stage: the shell in force for the shell form
 * (`/bin/sh` unless SHELL names another) or the executable of the exec form. The builder starts
 * it in the RUN container before any command runs. So a stage without it, such as `FROM scratch`
 * with no shell copied in, fails on the RUN. Docker Engine 20.10's classic builder, BuildKit and
 * buildah 1.28 all stop there with an exec error on the missing file.
 */
import type { PlannedStep } from '../../dockerfile/plan';
import { joinImagePath } from '../../model/paths';
import { defaultPath } from './script';
import { isWithin, type RunView } from './view';

/** The reason the RUN cannot start (an error), a note on a program the check leaves alone, or nothing. */
export type StartCheck = { problem: string } | { note: string } | undefined;

/** Checks `program`, the first word of the RUN's command line, against the stage below the RUN. */
export function checkStart(program: string, form: 'shell' | 'exec', step: PlannedStep, view: RunView): StartCheck {
  if (program === '') return undefined;
  if (!program.startsWith('/')) return checkOnPath(program, step, view);
  if (mountTargets(step).some((target) => isWithin(program, target) || isWithin(view.resolve(program), target))) return undefined;
  // `maybe` means an unread base image may have it, and such a base is assumed to have a shell.
  if (view.lookup(view.resolve(program)).presence !== 'no') return undefined;
  return { problem: form === 'shell' ? missingShell(program) : missingExecutable(program) };
}

function missingShell(shell: string): string {
  return `The stage has no ${shell}, so the builder cannot start the shell that runs this RUN, and the build fails on this line. Copy a shell to ${shell} before this RUN, or start the stage from a base image that has one.`;
}

function missingExecutable(program: string): string {
  return `The stage has no ${program}, so the builder cannot start this exec-form RUN, and the build fails on this line. Copy the program to ${program} before this RUN, or correct its path.`;
}

/**
 * Looks a relative program name up in the folders of PATH. A name found in none of them gets a
 * note, not a problem.
 * NOTE: the folder the runtime searches depends on the builder and on the image's configured
 * PATH, so a relative name is never reported as missing.
 */
function checkOnPath(program: string, step: PlannedStep, view: RunView): StartCheck {
  if (program.includes('/')) return undefined;
  const folders = (step.variables.get('PATH') ?? defaultPath).split(':').filter((folder) => folder.startsWith('/'));
  const presences = folders.map((folder) => view.lookup(view.resolve(joinImagePath(folder, program))).presence);
  if (!presences.every((presence) => presence === 'no')) return undefined;
  return { note: `No folder of PATH holds "${program}" in the prediction, but the prediction does not check names that the builder looks up in PATH, so it assumes that this RUN starts.` };
}

/** Lists the targets of the RUN's `--mount` flags, which may put the program there. */
function mountTargets(step: PlannedStep): string[] {
  const targets: string[] = [];
  for (const flag of step.instruction.flags) {
    if (flag.name !== 'mount' || flag.value === null) continue;
    const target = /(?:^|,)(?:target|dst|destination)=([^,]+)/.exec(flag.value)?.[1];
    // A target that names a variable may be anywhere.
    if (target !== undefined) targets.push(target.includes('$') ? '/' : joinImagePath('/', target));
  }
  return targets;
}
