/** Reads Layer Lens settings for one Dockerfile, in the scope of its workspace folder. */
import * as vscode from 'vscode';
import { resolveBuildSettings, type BuildSettings } from './buildSettings';

const defaultRefreshDelay = 300;

/** Resolves the build context, target, build arguments, builder and platform configured for a Dockerfile. */
export function buildSettingsFor(dockerfile: vscode.Uri): BuildSettings {
  const folder = vscode.workspace.getWorkspaceFolder(dockerfile);
  const configuration = vscode.workspace.getConfiguration('layerLens', dockerfile);
  return resolveBuildSettings({
    dockerfilePath: dockerfile.fsPath,
    workspaceFolder: folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined,
    buildContexts: configuration.get<unknown>('buildContexts'),
    builder: configuration.get<unknown>('builder'),
    platform: configuration.get<unknown>('platform'),
    trusted: vscode.workspace.isTrusted,
  });
}

/** Returns `layerLens.refreshDelay` in milliseconds, or the default when the value is invalid. */
export function refreshDelayFor(dockerfile: vscode.Uri): number {
  const value = vscode.workspace.getConfiguration('layerLens', dockerfile).get<unknown>('refreshDelay');
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : defaultRefreshDelay;
}
