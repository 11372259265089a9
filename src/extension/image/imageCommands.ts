/**
 * The commands "Layer Lens: Analyze Image..." and "Layer Lens: Unlink Image". Both take no
 * argument (the Dockerfile in view), a `vscode.Uri`, or `{ uri, source? }` where `source` is an
 * absolute archive or layout path or `docker://NAME`, so tests and scripts need no picker.
 */
import * as vscode from 'vscode';
import { isAbortError } from '../../core/archive/errors';
import { linkedImageOf } from '../../core/image/linkedAnalysis';
import type { AnalysisService } from '../analysisService';
import { errorMessage, type Notifier } from '../log';
import { noDockerfileMessage } from '../noDockerfileMessage';
import type { LayersTree } from '../tree/layersTree';
import { engineImageItem } from './engineImageItem';
import { engineListingMessage } from './engineListingMessage';
import { linkedMessage, noMatchMessage, nothingLinkedMessage, readFailedMessage, unlinkedMessage } from './linkMessages';
import type { ImageLibrary } from './imageLibrary';
import type { ImageLinks } from './imageLinks';
import { describeSpec, isInsideFolders, parseImageSpec, type ImageSpec } from './imageSpec';

export const ANALYZE_IMAGE_COMMAND = 'layerLens.analyzeImage';
export const UNLINK_IMAGE_COMMAND = 'layerLens.unlinkImage';

export interface ImageCommandContext {
  service: AnalysisService;
  tree: LayersTree;
  links: ImageLinks;
  library: ImageLibrary;
  notifier: Notifier;
  log: vscode.LogOutputChannel;
}

export function registerImageCommands(context: ImageCommandContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(ANALYZE_IMAGE_COMMAND, (argument?: unknown) => analyzeImage(context, argument)),
    vscode.commands.registerCommand(UNLINK_IMAGE_COMMAND, (argument?: unknown) => unlinkImage(context, argument)),
  ];
}

/** Links an image to a Dockerfile and analyses it again; resolves to whether a link was made. */
export async function analyzeImage(context: ImageCommandContext, argument: unknown): Promise<boolean> {
  const dockerfile = targetDockerfile(context, argument, 'Analyze Image...');
  if ('error' in dockerfile) return reject(context, dockerfile.error);
  const source = typeof argument === 'object' && argument !== null && !(argument instanceof vscode.Uri) ? (argument as Record<string, unknown>).source : undefined;
  const spec = source === undefined ? await pickImage(context) : parseImageSpec(source);
  if (spec === undefined) return false;
  if ('error' in spec) return reject(context, spec.error);
  const untrustedReason = untrustedReadReason(spec);
  if (untrustedReason) return reject(context, untrustedReason);

  try {
    await context.library.readWithNotification(spec);
  } catch (error) {
    if (isAbortError(error)) {
      context.log.info(`Reading ${describeSpec(spec)} was cancelled`);
      return false;
    }
    context.notifier.errorNow(readFailedMessage(describeSpec(spec), errorMessage(error), keptImage(context, dockerfile.uri)), error);
    return false;
  }
  await context.links.set(dockerfile.uri, spec);
  context.log.info(`Linked ${describeSpec(spec)} to ${dockerfile.uri.fsPath}`);
  const analysis = await context.service.reanalyze(dockerfile.uri);
  const linked = analysis ? linkedImageOf(analysis) : undefined;
  const shownPath = vscode.workspace.asRelativePath(dockerfile.uri);
  if (linked && linked.mappedSteps === 0) {
    void vscode.window.showWarningMessage(noMatchMessage(linked.name, shownPath));
  } else if (linked) {
    void vscode.window.showInformationMessage(linkedMessage(linked.name, shownPath, linked.mappedSteps));
  }
  return true;
}

/** Removes the link of a Dockerfile and analyses it again; resolves to whether there was one. */
async function unlinkImage(context: ImageCommandContext, argument: unknown): Promise<boolean> {
  const dockerfile = targetDockerfile(context, argument, 'Unlink Image');
  if ('error' in dockerfile) return reject(context, dockerfile.error);
  const removed = await context.links.delete(dockerfile.uri);
  const shownPath = vscode.workspace.asRelativePath(dockerfile.uri);
  if (!removed) {
    void vscode.window.showInformationMessage(nothingLinkedMessage(shownPath));
    return false;
  }
  context.log.info(`Unlinked the image of ${dockerfile.uri.fsPath}`);
  await context.service.reanalyze(dockerfile.uri);
  void vscode.window.showInformationMessage(unlinkedMessage(shownPath));
  return true;
}

/**
 * Finds the Dockerfile a command acts on: the argument's, the one the Image Layers view shows, or
 * the active editor's. `commandTitle` names the command in the message when there is none.
 */
function targetDockerfile(context: ImageCommandContext, argument: unknown, commandTitle: string): { uri: vscode.Uri } | { error: string } {
  if (argument instanceof vscode.Uri) return { uri: argument };
  const given = typeof argument === 'object' && argument !== null ? (argument as Record<string, unknown>).uri : undefined;
  if (given instanceof vscode.Uri) return { uri: given };
  if (typeof given === 'string') {
    try {
      return { uri: vscode.Uri.parse(given, true) };
    } catch (error) {
      return { error: `The Dockerfile URI ${JSON.stringify(given)} is invalid: ${errorMessage(error)}` };
    }
  }
  if (given !== undefined) return { error: 'The argument\'s "uri" must be a Dockerfile URI.' };
  const active = vscode.window.activeTextEditor?.document;
  if (active && context.service.accepts(active)) return { uri: active.uri };
  if (context.tree.documentUri) return { uri: context.tree.documentUri };
  return { error: noDockerfileMessage(commandTitle) };
}

/** Explains why an untrusted workspace may not read a spec, or returns `undefined` when it may. */
function untrustedReadReason(spec: ImageSpec): string | undefined {
  if (vscode.workspace.isTrusted) return undefined;
  if (spec.kind === 'engine') {
    return 'The workspace is not trusted, so Layer Lens does not contact the container engine. Trust the workspace, or link an image archive inside it.';
  }
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file').map((folder) => folder.uri.fsPath);
  if (isInsideFolders(spec.path, folders)) return undefined;
  return `The workspace is not trusted, so Layer Lens reads only images inside its folders, and ${spec.path} is outside them. Trust the workspace to read it.`;
}

interface SourceItem extends vscode.QuickPickItem {
  spec?: ImageSpec;
  choose?: 'file' | 'folder';
}

/** Offers the engine's images and the file pickers; resolves to `undefined` when the user cancels. */
async function pickImage(context: ImageCommandContext): Promise<ImageSpec | { error: string } | undefined> {
  context.library.forgetListing();
  const listing = await context.library.listEngineImages();
  const items: SourceItem[] = [
    { label: '$(file-zip) Choose an image archive...', detail: 'A docker-archive or oci-archive tar, as docker save or podman save write it', choose: 'file' },
    { label: '$(folder) Choose an OCI layout folder...', detail: 'A folder with oci-layout and index.json', choose: 'folder' },
  ];

  if (listing.ok) {
    items.push({ label: `Images of the container engine at ${listing.where}`, kind: vscode.QuickPickItemKind.Separator });
    for (const image of listing.images) {
      const { name, ...texts } = engineImageItem(image);
      items.push({ ...texts, spec: { kind: 'engine', name } });
    }
    if (listing.images.length === 0) items.push({ label: 'The container engine has no images', kind: vscode.QuickPickItemKind.Separator });
  }

  if (!listing.ok) {
    items.push({ label: 'The container engine\'s images could not be listed (see the Layer Lens output)', kind: vscode.QuickPickItemKind.Separator });
    reportListingFailure(context, listing.reason);
  }
  const placeHolder = listing.ok ? 'Choose the image built from this Dockerfile' : 'Choose an image archive or an OCI layout folder';
  const picked = await vscode.window.showQuickPick(items, { title: 'Layer Lens: Analyze Image', placeHolder, matchOnDescription: true });
  if (!picked) return undefined;
  if (picked.spec) return picked.spec;

  const folder = picked.choose === 'folder';
  const chosen = await vscode.window.showOpenDialog({
    canSelectFiles: !folder,
    canSelectFolders: folder,
    canSelectMany: false,
    openLabel: 'Analyze Image',
    title: folder ? 'Choose an OCI layout folder' : 'Choose an image archive',
  });
  const uri = chosen?.[0];
  if (!uri) return undefined;
  if (uri.scheme !== 'file') return { error: `${uri.toString()} is not a local file, and Layer Lens reads images from local files only.` };
  return parseImageSpec(uri.fsPath);
}

/**
 * Tells why the engine's images are missing, once per reason in a session, because every run of
 * the command lists them again. A placeholder cuts a long reason, so the reason goes to a
 * notification beside the picker. It is information, not an error: without an engine the archive
 * and folder choices still work.
 */
function reportListingFailure(context: ImageCommandContext, reason: string): void {
  const logged = `Layer Lens could not list the container engine's images: ${reason}`;
  if (!context.library.isNewListingFailure(reason)) {
    context.log.debug(`Repeated: ${logged}`);
    return;
  }
  context.log.warn(logged);
  void vscode.window.showInformationMessage(engineListingMessage(reason));
}

/** Returns the image the views show for a Dockerfile, which a failed read leaves linked. */
function keptImage(context: ImageCommandContext, dockerfile: vscode.Uri): { image: string; dockerfile: string } | undefined {
  const analysis = context.service.latest(dockerfile);
  const linked = analysis ? linkedImageOf(analysis) : undefined;
  return linked ? { image: linked.name, dockerfile: vscode.workspace.asRelativePath(dockerfile) } : undefined;
}

function reject(context: ImageCommandContext, message: string): false {
  context.log.warn(message);
  void vscode.window.showWarningMessage(`Layer Lens: ${message}`);
  return false;
}
