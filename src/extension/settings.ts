/** Reads Layer Lens settings for one Dockerfile, in the scope of its workspace folder. */
import * as vscode from 'vscode';
import type { Problem } from '../core/analysis/types';
import { resolveBuildSettings, type BuildSettings } from './buildSettings';
import { readEngineSetting, readRefreshDelay, readWasteHintsSetting } from './globalSettings';
import { winningSettingsFile, type SettingScopes } from './settingOrigin';

/**
 * Resolves the build context, target, build arguments, builder, buildah format and platform
 * configured for a Dockerfile. Its warnings cover every Layer Lens setting, so that an analysis reports them all.
 */
export function buildSettingsFor(dockerfile: vscode.Uri): BuildSettings {
  const folder = vscode.workspace.getWorkspaceFolder(dockerfile);
  const configuration = vscode.workspace.getConfiguration('layerLens', dockerfile);
  const settings = resolveBuildSettings({
    dockerfilePath: dockerfile.fsPath,
    workspaceFolder: folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined,
    buildContexts: configuration.get<unknown>('buildContexts'),
    buildContextScopes: settingScopes(configuration, 'buildContexts', folder),
    builder: configuration.get<unknown>('builder'),
    buildahFormat: configuration.get<unknown>('buildahFormat'),
    platform: configuration.get<unknown>('platform'),
    trusted: vscode.workspace.isTrusted,
  });
  // Only the warnings are kept here: refreshDelayFor, readsEngineImages and shownProblemFilter read the values when they are used.
  readRefreshDelay(configuration.get<unknown>('refreshDelay'), settings.warnings);
  readEngineSetting(configuration.get<unknown>('readBaseImagesFromEngine'), settings.warnings);
  readWasteHintsSetting(configuration.get<unknown>('wasteHints'), settings.warnings);
  return settings;
}

/** Returns the values of a setting in each settings file, so that problems can name the file that set a value. */
function settingScopes(configuration: vscode.WorkspaceConfiguration, name: string, folder: vscode.WorkspaceFolder | undefined): SettingScopes {
  const inspected = configuration.inspect<unknown>(name);
  // Only a multi-root workspace has folder settings apart from the workspace's.
  if (vscode.workspace.workspaceFile === undefined) return { user: inspected?.globalValue, workspace: inspected?.workspaceValue };
  return { user: inspected?.globalValue, workspace: inspected?.workspaceValue, workspaceFolder: inspected?.workspaceFolderValue, workspaceFolderName: folder?.name };
}

/** Returns `layerLens.refreshDelay` in milliseconds, or the default when the value is invalid. */
export function refreshDelayFor(dockerfile: vscode.Uri): number {
  return readRefreshDelay(vscode.workspace.getConfiguration('layerLens', dockerfile).get<unknown>('refreshDelay'), []);
}

/** Returns `layerLens.readBaseImagesFromEngine`, or the default (true) when the value is invalid. */
export function readsEngineImages(dockerfile: vscode.Uri): boolean {
  return readEngineSetting(vscode.workspace.getConfiguration('layerLens', dockerfile).get<unknown>('readBaseImagesFromEngine'), []);
}

/** Returns the settings file whose value of `layerLens.readBaseImagesFromEngine` applies, or `undefined` for the default. */
export function engineSettingFile(dockerfile: vscode.Uri): string | undefined {
  const configuration = vscode.workspace.getConfiguration('layerLens', dockerfile);
  return winningSettingsFile(settingScopes(configuration, 'readBaseImagesFromEngine', vscode.workspace.getWorkspaceFolder(dockerfile)));
}

/**
 * Returns the filter of the problems that the Dockerfile's diagnostics show: all of them, but
 * waste hints only while `layerLens.wasteHints` is on (the default, also used for an invalid value).
 */
export function shownProblemFilter(dockerfile: vscode.Uri): (problem: Problem) => boolean {
  const wasteHints = readWasteHintsSetting(vscode.workspace.getConfiguration('layerLens', dockerfile).get<unknown>('wasteHints'), []);
  return (problem) => wasteHints || problem.kind !== 'waste';
}
