/** The lines of the `layer-lens image` text that name the sources of the wasted bytes. */
import { abbreviateDigests, parseCreatedBy } from '../core/image/historyForms';
import { mappedInstruction, type DockerfileLink } from '../core/image/linkDockerfile';
import { writtenWithFlags } from '../core/image/stepMatch';
import { formatBytes, joinWords, plural, shortenLine } from '../core/report/format';
import type { ImageJson } from '../core/report/imageReport';
import type { HidingLayer, WastedPath } from '../core/report/wasteSources';

/** The number of hiding layers that the text lists; the largest paths are limited by the report. */
export const LISTED_HIDING_LAYERS = 5;

/** The maximum length of a hiding layer's command in the text, which keeps its line short. */
const MAX_COMMAND_LENGTH = 60;

/**
 * Lists the layers that hid the most wasted bytes, then the largest wasted paths, or nothing when
 * no bytes are wasted. `link` is the Dockerfile the report was mapped to, whose lines name the layers.
 */
export function wasteSourceLines(report: ImageJson, link?: DockerfileLink): string[] {
  const { hidingLayers, largestPaths, pathCount } = report.wasteSources;
  if (hidingLayers.length === 0) return [];
  const lines = ['Layers that hide the wasted bytes, most first:'];
  lines.push(...hidingLayers.slice(0, LISTED_HIDING_LAYERS).map((hiding) => `  ${describeHidingLayer(report, hiding, link)}`));
  const moreLayers = hidingLayers.length - LISTED_HIDING_LAYERS;
  if (moreLayers > 0) lines.push(`  … and ${plural(moreLayers, 'more layer')}`);
  lines.push('Largest wasted paths:');
  lines.push(...largestPaths.map((path) => `  ${describeWastedPath(report, path)}`));
  const morePaths = pathCount - largestPaths.length;
  if (morePaths > 0) lines.push(`  … and ${plural(morePaths, 'more wasted path')}`);
  return lines;
}

function describeHidingLayer(report: ImageJson, hiding: HidingLayer, link: DockerfileLink | undefined): string {
  const layer = report.layers[hiding.layer];
  const where = report.dockerfile === null ? '' : `${lineOf(layer) ?? 'no line'}, `;
  const writers = hiding.writtenBy.map(({ layer: writer }) => writerName(report, writer));
  const writtenBy = writers.length === 1 ? `layer ${writers[0]}` : `layers ${joinWords(writers)}`;
  return `layer ${hiding.layer} (${where}${commandLabel(report, hiding.layer, link)}): hides ${formatBytes(hiding.bytes)} in ${plural(hiding.files, 'file')} that ${writtenBy} wrote`;
}

/** Names a layer that wrote hidden bytes: its index, and with a Dockerfile its line. */
function writerName(report: ImageJson, index: number): string {
  const line = report.dockerfile === null ? undefined : lineOf(report.layers[index]);
  return line === undefined ? String(index) : `${index} (${line})`;
}

function describeWastedPath(report: ImageJson, path: WastedPath): string {
  const name = path.folder ? `${path.path}/ (${plural(path.files, 'file')})` : path.path;
  const writtenBy = nameLayers(report, path.writtenBy);
  return `${formatBytes(path.bytes).padStart(8)}  ${name}  written by ${writtenBy}, ${path.kind} by ${nameLayers(report, path.hiddenBy)}`;
}

/**
 * Names layers by their lines when the Dockerfile maps them all (`lines 3 and 5`), else by their
 * indexes, keeping a path's row short.
 */
function nameLayers(report: ImageJson, indexes: number[]): string {
  const lines = indexes.map((index) => (report.dockerfile === null ? undefined : lineOf(report.layers[index])));
  if (lines.every((line) => line?.startsWith('line '))) {
    const numbers = lines.map((line) => line?.slice('line '.length) ?? '');
    return `${numbers.length === 1 ? 'line' : 'lines'} ${joinWords(numbers)}`;
  }
  if (lines.every((line) => line === 'base')) return 'the base image';
  return `${indexes.length === 1 ? 'layer' : 'layers'} ${joinWords(indexes.map((index) => writerName(report, index)))}`;
}

/** Returns `line N` or `base` for a layer the Dockerfile maps, or `undefined`. */
function lineOf(layer: ImageJson['layers'][number] | undefined): string | undefined {
  if (layer?.mapping === 'base') return 'base';
  if (layer?.mapping === 'step' && layer.line !== undefined) return `line ${layer.line}`;
  return undefined;
}

/**
 * Names what made a layer, cut to `MAX_COMMAND_LENGTH`. A layer mapped to a line that still reads
 * as it did at the build is named by that instruction as written, because builders record some
 * instructions in their own form (a content digest in place of a COPY's sources). Other layers
 * are named by their recorded command.
 */
function commandLabel(report: ImageJson, index: number, link: DockerfileLink | undefined): string {
  const layer = report.layers[index];
  if (!layer) return 'no history';
  const instruction = link === undefined ? undefined : mappedInstruction(link, index);
  const text = instruction ? `${instruction.keyword} ${writtenWithFlags(instruction)}` : recordedCommand(layer);
  return shortenLine(text, MAX_COMMAND_LENGTH) || 'no command';
}

/**
 * Returns a layer's recorded command as its instruction and arguments, with the content digest
 * of a classic builder's COPY (`dir:` and 64 hex digits) cut to 8 digits.
 */
function recordedCommand(layer: ImageJson['layers'][number]): string {
  const recorded = parseCreatedBy(layer.createdBy, layer.comment);
  const text = recorded.keyword === null ? layer.createdBy : `${recorded.keyword} ${recorded.command ?? recorded.body}`;
  return abbreviateDigests(text);
}
