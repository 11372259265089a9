/** The text report of `layer-lens image`: one row per history entry, its largest changes, and the waste. */
import { claimsBuildFails, withoutBuildFailsClaim } from '../core/analysis/buildFailsClaim';
import { BUILDAH_IGNORE_FILE_ADVICE, buildahIgnoreFileRule } from '../core/analysis/unreadIgnoreFile';
import { capitalize, formatBytes, formatShare, joinWords, plural } from '../core/report/format';
import { compareNames } from '../core/model/stack';
import type { ImagePredictionJson } from '../core/report/imagePrediction';
import type { DockerfileLink } from '../core/image/linkDockerfile';
import type { ImageJson } from '../core/report/imageReport';
import { wasteSourceLines } from './imageWasteText';
import { escapeControlCharacters } from './terminalText';

type LayerJson = ImageJson['layers'][number];
type ChangeJson = LayerJson['changes'][number];

/** The number of changes of a layer that the text lists; `--json` lists them all. */
export const LISTED_CHANGES = 5;

const changeMarks: Record<ChangeJson['change'], string> = { added: '+', modified: '~', deleted: '-' };

/** Renders the report as text for a terminal. `link` is the Dockerfile the report was mapped to. */
export function formatImageText(report: ImageJson, link?: DockerfileLink): string {
  const lines: string[] = [];
  const { image } = report;
  lines.push(`${image.reference ?? image.source} (${image.format}${image.platform ? `, ${image.platform}` : ''})`);
  if (report.dockerfile !== null) lines.push(`Dockerfile: ${report.dockerfile}`);
  lines.push(`Each layer: its size, the paths it adds (+), modifies (~) and deletes (-), and its ${LISTED_CHANGES} largest changes.`);
  report.layers.forEach((layer, index) => {
    lines.push(layerRow(report, layer, index));
    lines.push(...largestChanges(layer).map((line) => `       ${line}`));
  });
  lines.push(...wasteLines(report, link));
  lines.push(...predictionLines(report.prediction));
  for (const problem of report.problems.filter((item) => !isStopError(item, report.prediction))) {
    lines.push(`Problem: ${problem.line === null ? '' : `line ${problem.line}: `}${problem.message}`);
  }
  return lines.map(escapeControlCharacters).join('\n') + '\n';
}

/**
 * Tells whether a problem is an error that the prediction section already prints, as the line
 * where the build stops or as a later line on which builders reject the whole Dockerfile too.
 */
function isStopError(problem: ImageJson['problems'][number], prediction: ImageJson['prediction']): boolean {
  const stop = prediction?.stop;
  if (stop === null || stop === undefined) return false;
  return [stop, ...stop.laterRejections].some((error) => problem.line === error.line && problem.message === error.message);
}

function layerRow(report: ImageJson, layer: LayerJson, index: number): string {
  const counts = { added: 0, modified: 0, deleted: 0 };
  for (const change of layer.changes) counts[change.change]++;
  const summary = layer.emptyLayer ? 'no layer' : `${formatBytes(layer.size).padStart(8)}  +${counts.added} ~${counts.modified} -${counts.deleted}`;
  const where = report.dockerfile === null ? '' : `${describeLine(layer).padEnd(9)}  `;
  return `${String(index).padStart(3)}  ${where}${summary.padEnd(28)}  ${layer.createdBy || describeMissingCommand(layer)}`;
}

/**
 * Lists a layer's largest changes, equal sizes in path order, and how many are left out. A
 * deletion or an opaque folder, whose own size is 0 but which may hide many bytes, ranks above
 * the 0-byte folders and links that builders list around every write, and below files with content.
 */
function largestChanges(layer: LayerJson): string[] {
  const rank = (change: ChangeJson) => (change.change === 'deleted' || change.opaque ? DELETION_RANK : change.size ?? 0);
  const ranked = [...layer.changes].sort((a, b) => rank(b) - rank(a) || compareNames(a.path, b.path));
  const listed = ranked.slice(0, LISTED_CHANGES).map(describeChange);
  const rest = ranked.length - listed.length;
  if (rest > 0) listed.push(`… and ${plural(rest, 'more change')} (--json lists them all)`);
  return listed;
}

/** Between a file of 0 bytes and one of 1 byte. */
const DELETION_RANK = 0.5;

function describeChange(change: ChangeJson): string {
  return `${changeMarks[change.change]} ${change.path}${changeDetail(change)}${replacedFolder(change)}`;
}

/**
 * Names the lower paths that a file, link or other non-folder removes by replacing a folder.
 * They are gone without a whiteout of their own, so the `-` count leaves them out, as it does
 * those of an opaque folder. The count takes in the paths inside subfolders, as the hover and
 * `explain` count them, where the JSON `deleted` list names a subfolder once.
 */
function replacedFolder(change: ChangeJson): string {
  if (change.change === 'deleted' || change.type === 'directory') return '';
  const below = change.hiddenPaths ?? 0;
  return below === 0 ? '' : `, replaces a folder of ${plural(below, 'path')}`;
}

/** Returns what follows a changed path: its size, or what kind of entry it is. */
function changeDetail(change: ChangeJson): string {
  if (change.change === 'deleted') return '';
  // An opaque folder deletes every lower path below it without a whiteout of its own (overlayfs).
  if (change.opaque) return '  folder, opaque: hides what lower layers had in it';
  if (change.type === 'directory') return '  folder';
  if (change.type === 'symlink') return `  symlink to ${change.linkTarget ?? '?'}`;
  if (change.type === 'hardlink') return `  hard link to ${change.linkTarget ?? '?'}`;
  return `  ${formatBytes(change.size ?? 0)}`;
}

function wasteLines(report: ImageJson, link: DockerfileLink | undefined): string[] {
  const lines = [`Wasted: ${formatBytes(report.wasted)}; efficiency ${formatShare(report.efficiency)}`];
  if (report.ownBytes === 0) {
    lines.push("The Dockerfile's own steps wrote 0 B, so none of their bytes is wasted.");
  } else if (report.ownBytes !== null && report.ownWasted !== null && report.wastedRatio !== null) {
    lines.push(`The Dockerfile's own steps wrote ${formatBytes(report.ownBytes)}, of which ${formatBytes(report.ownWasted)} is wasted (ratio ${report.wastedRatio.toFixed(4)}).`);
  }
  lines.push(...wasteSourceLines(report, link));
  return lines;
}

/**
 * Lists the lines whose predicted layer differs from the image's, and the line where the
 * prediction fails, if it does, in place of the lines the build then does not reach. Nothing is
 * listed without a comparison: without --dockerfile, or when the build context could not be read
 * (a warning on stderr gives the reason).
 */
function predictionLines(prediction: ImageJson['prediction']): string[] {
  if (!prediction) return [];
  const title = 'Prediction against the image:';
  if (prediction.mappedSteps === 0) return [`${title} no line maps to a layer of the image, so none was compared.`];
  if (prediction.differences.length === 0 && !prediction.stop) return [`${title} the prediction agrees on every mapped line (${plural(prediction.mappedSteps, 'line')}).`];
  const lines = [title, ...prediction.differences.map((difference) => `  ${lineRange(difference)}: ${difference.message}`)];
  lines.push(...ignoreFileCause(prediction.buildahIgnoreFiles));
  if (prediction.stop?.builtInImage && !prediction.stop.rejectsDockerfile) lines.push(...builtStopLines(prediction, prediction.stop));
  else if (prediction.stop?.builtInImage) lines.push(...changedLineStopLines(prediction.stop));
  else if (prediction.stop) lines.push(...stopLines(prediction.stop));
  // The later rejections come after the first one's explanation, so that its "this rejection" names the first.
  for (const rejection of prediction.stop?.laterRejections ?? []) lines.push(`  ${lineRange(rejection)}: ${rejection.message}`);
  return lines;
}

type PredictionStop = NonNullable<ImagePredictionJson['stop']>;

/**
 * Names the likely cause of the differences that a prediction with buildah's other ignore file
 * does not have, in the words of `explain`'s info on the same rule, and how to avoid it.
 */
function ignoreFileCause(files: ImagePredictionJson['buildahIgnoreFiles']): string[] {
  if (!files || files.fallbackAgreesOn.length === 0) return [];
  const lineNumbers = files.fallbackAgreesOn.map(String);
  const where = lineNumbers.length === 1 ? `line ${lineNumbers[0]}` : `lines ${joinWords(lineNumbers)}`;
  const other = files.fallback === null ? 'without an ignore file' : `with ${files.fallback} in place of ${files.own}`;
  const read = files.fallback ?? 'no ignore file';
  return [
    `  The prediction ${other} agrees with the image on ${where}, so buildah most likely read ${read}. `
      + `${buildahIgnoreFileRule(files.own, files.fallback)}. ${BUILDAH_IGNORE_FILE_ADVICE}`,
  ];
}

/** Names the failing line with its error, then the steps that were not compared because the build stops there. */
function stopLines(stop: PredictionStop): string[] {
  // A rejection's own message already states that the builder rejects the whole Dockerfile on this line.
  const lines = [`  ${lineRange(stop)}: ${stop.rejectsDockerfile ? '' : 'the prediction fails here. '}${stop.message}`];
  const unreached = describeUnreached(stop);
  if (unreached) lines.push(`  The build does not reach ${unreached.steps} (${unreached.where}), so ${unreached.pronoun} ${unreached.verb} not compared with the image.`);
  return lines;
}

/**
 * Names a failing line that the image shows the build got past. The build that made the image did
 * not fail there, so the error's claim that the build fails is left out. A failing COPY or ADD
 * points at the build context read, and the last line names the option that gives the right one.
 */
function builtStopLines(prediction: ImagePredictionJson, stop: PredictionStop): string[] {
  const error = withoutFailureClaim(stop.message);
  const lines = [`  ${lineRange(stop)}: the prediction fails here, but the build that made the image got past this line. ${error}`];
  if (stop.readsContext) lines.push(`  ${contextAdvice(prediction)}`);
  const unreached = describeUnreached(stop);
  if (unreached) lines.push(`  The prediction stops at this line, so ${unreached.steps} (${unreached.where}) ${unreached.verb} not compared with the image.`);
  return lines;
}

/**
 * Says that the build context read lacks what the image's build read. For a buildah image whose
 * Dockerfile has its own ignore file, the likely cause is that buildah read another ignore file,
 * so that comes before the advice to give another folder.
 */
function contextAdvice(prediction: ImagePredictionJson): string {
  const named = prediction.defaultContext ? ` ${prediction.context} (the Dockerfile's folder, used when --context is not given)` : ` ${prediction.context}`;
  const lacks = `the build context${named} does not hold what the image's build read`;
  const files = prediction.buildahIgnoreFiles;
  if (!files) return `${capitalize(lacks)}. Give the folder the image was built from with --context DIR.`;
  return `With ${files.own} applied, ${lacks}. ${buildahIgnoreFileRule(files.own, files.fallback)}, which is the likely cause. Otherwise, give the folder the image was built from with --context DIR.`;
}

/**
 * Names a line on which builders reject the Dockerfile as it is now, although the image has layers
 * of the steps the rejection stops: the image was built before the line read as it does.
 */
function changedLineStopLines(stop: PredictionStop): string[] {
  const lines = [`  ${lineRange(stop)}: ${stop.message}`];
  const unreached = describeUnreached(stop);
  const compared = unreached ? ` As no step of the Dockerfile runs, ${unreached.steps} (${unreached.where}) ${unreached.verb} not compared with it.` : '';
  lines.push(`  The image has layers of steps this rejection stops, so it was built before the line read as it does now.${compared}`);
  return lines;
}

/**
 * Returns a step's error without its claim that the build fails there, for a step the image shows
 * built. An error that states the claim in a form `withoutBuildFailsClaim` does not know is quoted as the
 * prediction's, so the text does not state it as a fact.
 */
function withoutFailureClaim(message: string): string {
  const error = withoutBuildFailsClaim(message);
  return claimsBuildFails(error) ? `The prediction's error reads: "${message}"` : error;
}

/** Counts and spans the steps the build does not reach, or returns `undefined` when there are none. */
function describeUnreached(stop: PredictionStop): { steps: string; where: string; pronoun: string; verb: string } | undefined {
  const unreached = stop.notReached;
  if (unreached.length === 0) return undefined;
  const first = unreached[0].line;
  const last = unreached[unreached.length - 1].endLine;
  return {
    steps: plural(unreached.length, 'step'),
    where: last > first ? `lines ${first} to ${last}` : `line ${first}`,
    pronoun: unreached.length === 1 ? 'it' : 'they',
    verb: unreached.length === 1 ? 'was' : 'were',
  };
}

function lineRange({ line, endLine }: { line: number; endLine: number }): string {
  return endLine > line ? `lines ${line}-${endLine}` : `line ${line}`;
}

/** Describes where an entry comes from: `base`, `line N`, or `-` when no line or several lines may have made it. */
function describeLine(layer: LayerJson): string {
  if (layer.mapping === 'base') return 'base';
  if (layer.mapping === 'step' && layer.line !== undefined) return `line ${layer.line}`;
  if (layer.mapping === 'ambiguous') return 'ambiguous';
  return '-';
}

/** Stands in for an entry's command when it records none, keeping the comment it may have. */
function describeMissingCommand(layer: LayerJson): string {
  return layer.comment ? `(no command; comment: ${layer.comment})` : '(no history)';
}
