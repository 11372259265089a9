/**
 * The remedy of a move hint for a path that a COPY or ADD wrote and a later RUN moved. The copy
 * writes it at its final path itself, or a copy of its own does and the first copy leaves it out.
 * A `.dockerignore` line cannot leave it out, because the new copy names it as a source.
 */
import type { BuilderKind } from '../../dockerfile/builders';
import type { PlannedStep } from '../../dockerfile/plan';
import { hasWildcard } from '../../context/goMatch';
import type { EntryOrigin } from '../../model/layer';
import { joinImagePath, parentPath } from '../../model/paths';
import type { LayerStack } from '../../model/stack';

/** The maximum number of paths besides the moved one that the advice names as narrower sources. */
const maxNarrowerSources = 3;

/** The COPY or ADD that wrote a moved path, and the index of the layer it made in the stack below the RUN. */
export interface MovedCopy {
  step: PlannedStep;
  layer: number;
}

/** Returns the path that a COPY or ADD read a file from, in a build context, stage or image. */
export function copiedFrom(origin: EntryOrigin | undefined): string[] {
  return origin?.kind === 'context' || origin?.kind === 'stage' || origin?.kind === 'image' ? [origin.path] : [];
}

/**
 * Advises the copy, which wrote the moved `root`, to write it at `place` itself, with an example
 * instruction that names its source where known. When the copy wrote more than that path, the
 * example is a copy of its own for the moved path. The advice then names the ways to leave it out
 * of the first copy: narrower sources, or under BuildKit `--exclude`, which the other builders reject.
 */
export function copyToPlaceRemedy(root: string, place: string, copy: MovedCopy, below: LayerStack, builder: BuilderKind): string {
  const step = copy.step;
  const keyword = step.instruction.keyword;
  const destination = copyDestination(step);
  const whole = destination === root;
  // The folder that a COPY names as its destination stores no origin, so a COPY of one source names that source.
  const named = whole && step.copy?.sources.length === 1 ? step.copy.sources[0] : '…';
  const source = copiedFrom(below.lookup(root)?.entry.origin)[0] ?? named;
  const example = `${keyword} ${writtenFlags(step)}${source} ${place}`;
  if (whole) return `copy it to ${place} in the ${keyword} itself instead (${example})`;
  const own = `copy it to ${place} with ${keyword === 'ADD' ? 'an' : 'a'} ${keyword} of its own instead (${example})`;
  const narrower = narrowerCopies(root, copy, below);
  if (narrower?.length === 0) return `${own}, and drop the ${keyword} on line ${step.instruction.line}, which copies nothing else`;
  // BuildKit's Dockerfile frontend has --exclude generally available from 1.19.0 (its release
  // notes of 2025-09-30), and only in the 1.7-labs channel before.
  const exclude = builder === 'buildkit' ? excludeExample(root, step) : undefined;
  const ways = narrower ? `with narrower sources (${narrower.join(' and ')})` : 'with narrower sources';
  const leaveOut = `${own}, and leave it out of the ${keyword} on line ${step.instruction.line} ${ways}${exclude ? ` or, from Dockerfile syntax 1.19, with --exclude (${exclude})` : ''}`;
  // A .dockerignore file filters only the build context, so it is no option for a copy from a stage or image.
  return step.copy?.from ? leaveOut : `${leaveOut}. A .dockerignore line for it would make the new ${keyword} fail`;
}

/** Returns the copy's destination as a normalised absolute path, without its trailing `/`. */
function copyDestination(step: PlannedStep): string | undefined {
  return step.copy?.destinationPath.replace(/(.)\/+$/, '$1');
}

/** Returns the copy's flags as written, so that an example keeps `--from`, `--chown` and `--chmod`. */
function writtenFlags(step: PlannedStep): string {
  return step.instruction.flags.map((flag) => (flag.value === null ? `--${flag.name} ` : `--${flag.name}=${flag.value} `)).join('');
}

/**
 * Lists copies that write what the copy wrote beside `root` in its destination folder, without
 * `root`: one copy of all the files into the folder, and one per folder, since a folder source
 * copies its contents. Returns an empty list when the copy wrote nothing else there. Returns
 * `undefined` when the copies cannot be named, because `root` lies deeper or there are more than
 * `maxNarrowerSources` paths. So does a path with no known source, or a symlink, which a copy
 * that names it follows.
 */
function narrowerCopies(root: string, copy: MovedCopy, below: LayerStack): string[] | undefined {
  const destination = copyDestination(copy.step);
  if (destination === undefined || parentPath(root) !== destination || copy.step.copy?.parents) return undefined;
  const written = below.children(destination, copy.layer).filter(({ name, version }) => version.layer === copy.layer && joinImagePath(destination, name) !== root);
  if (written.length > maxNarrowerSources) return undefined;
  const prefix = `${copy.step.instruction.keyword} ${writtenFlags(copy.step)}`;
  const folder = destination === '/' ? '/' : `${destination}/`;
  const files: string[] = [];
  const folders: string[] = [];
  for (const { name, version } of written) {
    const source = copiedFrom(version.entry.origin)[0];
    if (source === undefined || /\s/.test(source) || hasWildcard(source)) return undefined;
    if (version.entry.type === 'file') files.push(source);
    else if (version.entry.type === 'directory') folders.push(`${prefix}${source} ${joinImagePath(destination, name)}`);
    else return undefined;
  }
  return files.length === 0 ? folders : [`${prefix}${files.join(' ')} ${folder}`, ...folders];
}

/**
 * Returns the copy as written with an `--exclude` of `root`. The pattern is the path below the
 * destination, because BuildKit matches a pattern against the paths inside each source, and a
 * folder source's contents land in the destination. Returns `undefined` where that does not hold
 * (a wildcard source, a `--parents` copy, a heredoc) or the pattern would need escaping.
 */
function excludeExample(root: string, step: PlannedStep): string | undefined {
  const spec = step.copy;
  const destination = copyDestination(step);
  if (!spec || destination === undefined || spec.parents || spec.heredocs.length > 0) return undefined;
  const prefix = destination === '/' ? '/' : `${destination}/`;
  if (!root.startsWith(prefix)) return undefined;
  const pattern = root.slice(prefix.length);
  if (/[\s*?[\]\\!]/.test(pattern) || spec.sources.some((source) => hasWildcard(source) || /\s/.test(source))) return undefined;
  return `${step.instruction.keyword} ${writtenFlags(step)}--exclude=${pattern} ${spec.sources.join(' ')} ${spec.destination}`;
}
