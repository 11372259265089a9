/**
 * The command "Open File from Layer". For a layer read from a linked image, it opens a read-only
 * document of the file as that layer has it. For a predicted layer, it opens the build-context
 * file the entry was copied from, with the checks of "Open Source File". Arguments: an Image
 * Layers file row, or `{ uri, layer, path }` with the Dockerfile URI (a `Uri` or string), the
 * step index in the target's chain and the image path.
 */
import * as vscode from 'vscode';
import type { Analysis } from '../../core/analysis/types';
import { linkedImageOf } from '../../core/image/linkedAnalysis';
import type { AnalysisService } from '../analysisService';
import { errorMessage, type Notifier } from '../log';
import { openContextFile, type ContextFile } from '../openContextFile';
import { buildSettingsFor } from '../settings';
import type { ChangeElement } from '../tree/elements';
import type { LayersTree } from '../tree/layersTree';
import type { ImageLibrary } from './imageLibrary';
import type { ImageLinks } from './imageLinks';
import { describeSpec } from './imageSpec';
import { layerFileUri } from './layerFileProvider';
import { predictedContextFile } from './predictedFile';

export const OPEN_FILE_FROM_LAYER_COMMAND = 'layerLens.openFileFromLayer';

export interface OpenFileContext {
  service: AnalysisService;
  tree: LayersTree;
  links: ImageLinks;
  library: ImageLibrary;
  notifier: Notifier;
  log: vscode.LogOutputChannel;
}

/** A file of one step's layer in one Dockerfile's analysis. */
interface FileRequest {
  dockerfile: vscode.Uri;
  /** The analysis of a row's stage chain; absent for `{ uri, layer, path }`, whose step counts in the target's chain. */
  analysis?: Analysis;
  step: number;
  path: string;
}

/** The document to open: a layer's file, or a build-context file that `openContextFile` checks first. */
type FileTarget = { layerUri: vscode.Uri } | { file: ContextFile } | { error: string };

/** Opens the file; resolves to whether a document or source file was opened. */
export async function openFileFromLayer(context: OpenFileContext, argument: unknown): Promise<boolean> {
  const request = parseRequest(context, argument);
  if ('error' in request) return warn(context, request.error);
  const analysis = request.analysis ?? (await context.service.analysisFor(request.dockerfile));
  if (!analysis || !analysis.steps[request.step]) return warn(context, `No step #${request.step} in the analysis of ${request.dockerfile.fsPath}.`);
  try {
    const target = await documentFor(context, analysis, request);
    if ('error' in target) return warn(context, target.error);
    if ('file' in target) return (await openContextFile(target.file, context.log)) === undefined;
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target.layerUri), { preview: true });
    return true;
  } catch (error) {
    context.notifier.errorNow(`Layer Lens could not open ${request.path} from step #${request.step}: ${errorMessage(error)}`, error);
    return false;
  }
}

/** Finds the document to open: the layer's file for an image layer, the context source for a predicted one. */
async function documentFor(context: OpenFileContext, analysis: Analysis, request: FileRequest): Promise<FileTarget> {
  const source = linkedImageOf(analysis)?.sources[request.step];
  if (source && source.kind !== 'predicted' && source.historyEntry !== null) {
    const spec = context.links.get(request.dockerfile);
    if (!spec) return { error: `No image is linked to ${request.dockerfile.fsPath} any more. Link it again with "Analyze Image...".` };
    if (spec.kind !== 'path') return { error: `Files can be opened from image archives and OCI layout folders only, and ${describeSpec(spec)} is an engine image. Save it with docker save, then link the archive.` };
    const image = await (context.library.cached(spec) ?? context.library.readQuietly(spec));
    const layer = image.steps[source.historyEntry]?.layer;
    if (layer === null || layer === undefined) return { error: `Step #${request.step} made no filesystem layer in ${describeSpec(spec)}.` };
    return { layerUri: layerFileUri({ source: spec.path, diffId: image.layers[layer].diffId, path: request.path }, request.step) };
  }
  return predictedContextFile(analysis, request.step, request.path, buildSettingsFor(request.dockerfile).namedContexts);
}

function parseRequest(context: OpenFileContext, argument: unknown): FileRequest | { error: string } {
  if (isChangeElement(argument)) {
    const dockerfile = context.tree.documentUri;
    // The row's own analysis, because a stage outside the target's chain counts steps in its own chain.
    const analysis = context.tree.analysisOf(argument);
    if (!dockerfile || !analysis) return { error: 'The Image Layers view shows no analysed Dockerfile.' };
    return { dockerfile, analysis, step: argument.owner.step.index, path: argument.node.path };
  }
  const fields = typeof argument === 'object' && argument !== null ? (argument as Record<string, unknown>) : {};
  let dockerfile: vscode.Uri | undefined;
  if (fields.uri instanceof vscode.Uri) dockerfile = fields.uri;
  else if (typeof fields.uri === 'string') {
    try {
      dockerfile = vscode.Uri.parse(fields.uri, true);
    } catch (error) {
      return { error: `The Dockerfile URI ${JSON.stringify(fields.uri)} is invalid: ${errorMessage(error)}` };
    }
  }
  const { layer, path } = fields;
  if (!dockerfile || typeof layer !== 'number' || !Number.isInteger(layer) || layer < 0 || typeof path !== 'string' || !path.startsWith('/')) {
    return { error: `${OPEN_FILE_FROM_LAYER_COMMAND} expects { uri, layer, path }: the Dockerfile URI, a step index (a whole number from 0) and an absolute image path.` };
  }
  return { dockerfile, step: layer, path };
}

function isChangeElement(value: unknown): value is ChangeElement {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'change';
}

function warn(context: OpenFileContext, message: string): false {
  context.log.warn(message);
  void vscode.window.showWarningMessage(`Layer Lens: ${message}`);
  return false;
}
