/**
 * Predicts the layer of a WORKDIR: the directory and its missing parents, mode 0755. BuildKit
 * creates them owned by the USER in force (`dispatchWorkdir` passes the image's user to its mkdir
 * since BuildKit 0.5, Dockerfile frontend 1.1.0). The classic builder creates them owned by root,
 * as conformance case 78-user-numeric-own-folder records for Docker Engine 20.10.24.
 */
import type { BuilderKind } from '../dockerfile/builders';
import { stageChain, type BuildPlan, type PlannedStep } from '../dockerfile/plan';
import type { Layer } from '../model/layer';
import { ancestorPaths } from '../model/paths';
import type { LayerStack } from '../model/stack';
import type { StepPrediction } from './copy';
import { assumedFoldersNote, createdDirectory, LayerWriter } from './layerWriter';
import { userIds, type AccountFiles } from './ownership';
import { chainBefore } from './run/predictRun';
import { userInForce } from './run/script';
import { StackLinks } from './stackLinks';

/** The owner of the folders a WORKDIR creates; a `null` number is one the prediction cannot resolve. */
export interface WorkdirOwner {
  uid: number | null;
  gid: number | null;
}

const root: WorkdirOwner = { uid: 0, gid: 0 };
const emptyLayer: Layer = { entries: [], certainty: 'exact' };

/** The inputs of a WORKDIR step beyond its plan and the layers below. */
export interface WorkdirInputs {
  readAccounts?: () => Promise<AccountFiles>;
  /** The unread image at the root of the stage's chain, which the note on assumed folders names. */
  baseImage?: string;
}

/** Predicts a WORKDIR step of `plan`, reading the account files only for a USER that names an account. */
export async function predictWorkdirStep(step: PlannedStep, below: LayerStack, plan: BuildPlan, { readAccounts, baseImage }: WorkdirInputs = {}): Promise<StepPrediction> {
  const problems = workdirProblems(step, below);
  if (step.emptyLayer) return { layer: emptyLayer, notes: [], problems };
  const user = userInForce(chainBefore(plan, step), undefined, plan.stages[stageChain(plan, step.stage)[0]].info.baseUser).name;
  const needsAccounts = plan.builder === 'buildkit' && user.split(':').some((part) => part !== '' && !/^\d+$/.test(part) && part !== 'root');
  const accounts = needsAccounts && readAccounts ? await readAccounts() : {};
  const owner = workdirOwner(plan.builder, user, accounts);
  const notes = owner.uid === null || owner.gid === null ? [`The USER "${user}" names an account that the predicted /etc/passwd and /etc/group do not resolve, so the owner of the folders WORKDIR creates is unknown.`] : [];
  const { layer, assumedFolders } = predictWorkdirLayer(step, below, owner);
  const assumedNote = assumedFoldersNote(assumedFolders, baseImage);
  return { layer, notes: assumedNote === undefined ? notes : [...notes, assumedNote], problems };
}

/**
 * Returns the owner of the folders a WORKDIR creates under `builder` for the USER value `user`
 * (`root` when there is no USER). BuildKit resolves it as for `--chown`: a number alone is also
 * the group, and a name takes its numbers from /etc/passwd.
 */
export function workdirOwner(builder: BuilderKind | undefined, user: string, accounts: AccountFiles): WorkdirOwner {
  if (builder === 'classic') return root;
  const [name, group] = user.split(':', 2);
  if (/^\d+$/.test(name) && (group === undefined || group === '')) return { uid: Number(name), gid: Number(name) };
  return userIds(name, group, accounts);
}

/** Predicts the layer of a WORKDIR that creates its folder on top of `below`, owned by `owner`. */
export function predictWorkdir(step: PlannedStep, below: LayerStack, owner: WorkdirOwner = root): Layer {
  return predictWorkdirLayer(step, below, owner).layer;
}

/** Predicts the WORKDIR's layer and lists the folders of the assumed base image it relies on. */
function predictWorkdirLayer(step: PlannedStep, below: LayerStack, owner: WorkdirOwner): { layer: Layer; assumedFolders: string[] } {
  const writer = new LayerWriter(below);
  const path = workdirFolder(step, below);
  // Every folder the mkdir creates gets the owner, the missing parents too.
  for (const folder of path === '/' ? [] : writer.missingOf([...ancestorPaths(path), path])) {
    const origin = folder === path ? { kind: 'workdir' as const } : { kind: 'parent' as const };
    writer.write(createdDirectory(folder, origin, 'exact', owner.uid, owner.gid));
  }
  const layer = writer.finish();
  return { layer, assumedFolders: writer.assumedFolders };
}

/**
 * Reports a WORKDIR at or below a file of a lower layer: the builder's mkdir of the folder fails
 * there with "not a directory", whether or not the WORKDIR makes a layer. A file of unknown
 * certainty (a guess for a source whose type is unknown) decides nothing.
 */
export function workdirProblems(step: PlannedStep, below: LayerStack): StepPrediction['problems'] {
  const path = workdirFolder(step, below);
  for (const candidate of [...ancestorPaths(path), path]) {
    const entry = below.lookup(candidate)?.entry;
    if ((entry?.type !== 'file' && entry?.type !== 'hardlink') || entry.certainty === 'unknown') continue;
    return [{ severity: 'error', message: `${candidate} is a file in a lower layer, so WORKDIR cannot make the folder ${path} ("not a directory"). The build fails on this line.` }];
  }
  return [];
}

/**
 * Returns the folder a WORKDIR creates: its path with the symlinks of the layers below followed.
 * The classic builder resolves the path inside the container's root before its mkdir (Engine
 * 20.10's `SetupWorkingDirectory` goes through `symlink.FollowSymlinkInScope`), so `/lx/new` under
 * a link `/lx -> /real` makes `/real/new`. BuildKit's mkdir resolves it the same way (`fs.RootPath`).
 */
function workdirFolder(step: PlannedStep, below: LayerStack): string {
  return new StackLinks(below).resolveFolder(step.workdirPath ?? '/');
}
