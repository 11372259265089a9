/**
 * Resolves the `layerLens.buildContexts` entry of one Dockerfile into absolute host paths.
 * Pure (no `vscode` import), and the path API is a parameter so Windows paths are tested on any host.
 */
import * as nodePath from 'node:path';
import type { OptionNames } from '../core/analysis/optionNames';
import { buildahFormats, type BuildahFormat, type BuilderKind } from '../core/dockerfile/builders';
import { isInsideFolder } from '../core/files/insideFolder';
import { readBuilder, readPlatform, shownValue } from './globalSettings';
import { settingOrigin, type SettingScopes } from './settingOrigin';

/** Absolute host paths and values for one analysis of a Dockerfile. */
export interface BuildSettings {
  contextPath: string;
  target?: string;
  buildArgs: Record<string, string>;
  /** The builder whose rules the prediction follows; absent for the default, BuildKit. */
  builder?: BuilderKind;
  /** The image format buildah writes; absent for its default, `oci`. Other builders ignore it. */
  buildahFormat?: BuildahFormat;
  /** The platform to build for, as `os/arch[/variant]`; absent for the host's. */
  platform?: string;
  /** Named build contexts (`--build-context NAME=DIR`): absolute host folders by name; absent when none is set. */
  namedContexts?: Record<string, string>;
  /** Invalid or ignored settings, one sentence each, naming the setting and the fix. */
  warnings: string[];
  /** The settings, with their values and settings files, that the core's problems about the context, target and named contexts name. */
  optionNames: OptionNames;
}

export interface BuildSettingsInput {
  /** Absolute host path of the Dockerfile (`Uri.fsPath`). */
  dockerfilePath: string;
  /** Absolute host path of the workspace folder holding the Dockerfile, if any. */
  workspaceFolder?: string;
  /** The value of `layerLens.buildContexts`, unchecked. */
  buildContexts: unknown;
  /** The value of `layerLens.buildContexts` in each settings file, so that problems can name the file that set a value. */
  buildContextScopes?: SettingScopes;
  /** The value of `layerLens.builder`, unchecked; an entry's `builder` overrides it. */
  builder?: unknown;
  /** The value of `layerLens.buildahFormat`, unchecked. */
  buildahFormat?: unknown;
  /** The value of `layerLens.platform`, unchecked. */
  platform?: unknown;
  /** Whether the workspace is trusted; an untrusted one may not name a context outside its folder. */
  trusted: boolean;
  pathApi?: nodePath.PlatformPath;
  /** The host's platform, which an invalid `platform` falls back to; this process's when absent. */
  hostPlatform?: string;
}

const settingName = 'layerLens.buildContexts';

/** The settings an entry of `layerLens.buildContexts` may set. */
const entrySettings = ['context', 'target', 'buildArgs', 'builder', 'namedContexts'];

/**
 * Resolves the context, target, build arguments, builder and named contexts of a Dockerfile from
 * its settings entry, and the builder and platform from the settings for all Dockerfiles.
 */
export function resolveBuildSettings(input: BuildSettingsInput): BuildSettings {
  const pathApi = input.pathApi ?? nodePath;
  const settings: BuildSettings = { contextPath: pathApi.dirname(input.dockerfilePath), buildArgs: {}, warnings: [], optionNames: {} };
  readGlobals(input, settings);
  if (input.workspaceFolder === undefined) return settings;
  const found = findEntryOf(input, pathApi, settings.warnings);
  if (found !== undefined) readEntry(found, input, pathApi, settings);
  return settings;
}

/** Finds the Dockerfile's entry of `layerLens.buildContexts`, with a warning when the setting is no object. */
function findEntryOf(input: BuildSettingsInput, pathApi: nodePath.PlatformPath, warnings: string[]): { key: string; value: unknown } | undefined {
  const buildContexts = input.buildContexts;
  if (buildContexts === undefined || buildContexts === null) return undefined;
  if (!isRecord(buildContexts)) {
    warnings.push(`${settingName} ${shownValue(buildContexts)} is not an object of Dockerfile paths, relative to the workspace folder, to build settings, so it is ignored.`);
    return undefined;
  }
  return findEntry(buildContexts, settingsKey(pathApi.relative(input.workspaceFolder as string, input.dockerfilePath)));
}

/** Reads one entry of `layerLens.buildContexts` into `settings`, leaving out each invalid value with a warning. */
function readEntry(found: { key: string; value: unknown }, input: BuildSettingsInput, pathApi: nodePath.PlatformPath, settings: BuildSettings): void {
  const label = `${settingName}["${found.key}"]`;
  if (!isRecord(found.value)) {
    settings.warnings.push(`${label} ${shownValue(found.value)} is not an object with the settings ${entrySettings.join(', ')}, so it is ignored.`);
    return;
  }
  for (const name of Object.keys(found.value)) {
    if (!entrySettings.includes(name)) settings.warnings.push(`${label}.${name} is not a build setting, so it is ignored. The settings are ${entrySettings.join(', ')}.`);
  }

  const { context, target, buildArgs, builder, namedContexts } = found.value;
  // Names a field with its value and settings file, for the core's problems about the value.
  const entryKey = settingsKey(found.key);
  const option = (path: string[], value: unknown) =>
    `${label}.${path.join('.')} ${shownValue(value)}${settingOrigin(input.buildContextScopes, (key) => settingsKey(key) === entryKey, path)}`;
  if (context !== undefined) {
    const resolved = resolveContext(context, label, input, pathApi, settings.warnings);
    if (resolved !== undefined) {
      settings.contextPath = resolved;
      settings.optionNames.context = option(['context'], context);
    }
  }
  if (typeof target === 'string' && target.trim() !== '') {
    settings.target = target.trim();
    settings.optionNames.target = option(['target'], target);
  }
  else if (target !== undefined) settings.warnings.push(`${label}.target ${shownValue(target)} is not a stage name or index, such as "build" or "1", so the last stage is the target.`);
  if (buildArgs !== undefined) settings.buildArgs = readBuildArgs(buildArgs, label, settings.warnings);
  if (builder !== undefined) {
    const kind = readBuilder(builder, `${label}.builder`, settings.builder, settings.warnings);
    if (kind !== undefined) settings.builder = kind;
  }
  if (namedContexts !== undefined) {
    const folders = readNamedContexts(namedContexts, label, input, pathApi, settings.warnings);
    if (Object.keys(folders).length > 0) {
      settings.namedContexts = folders;
      const written = namedContexts as Record<string, unknown>;
      settings.optionNames.namedContexts = Object.fromEntries(Object.keys(folders).map((name) => [name, option(['namedContexts', name], written[name])]));
    }
  }
}

/** Reads `layerLens.builder`, `layerLens.buildahFormat` and `layerLens.platform`, which apply to every Dockerfile. */
function readGlobals(input: BuildSettingsInput, settings: BuildSettings): void {
  if (input.builder !== undefined && input.builder !== null) {
    const kind = readBuilder(input.builder, 'layerLens.builder', undefined, settings.warnings);
    if (kind !== undefined && kind !== 'buildkit') settings.builder = kind;
  }
  if (readBuildahFormat(input.buildahFormat, settings.warnings) === 'docker') settings.buildahFormat = 'docker';
  const platform = readPlatform(input.platform, settings.warnings, input.hostPlatform);
  if (platform !== undefined) settings.platform = platform;
}

/** Reads `layerLens.buildahFormat`: `oci` (the default) or `docker`. */
function readBuildahFormat(value: unknown, warnings: string[]): BuildahFormat {
  if (value === undefined || value === null) return 'oci';
  if (typeof value === 'string' && buildahFormats.includes(value as BuildahFormat)) return value as BuildahFormat;
  warnings.push(`layerLens.buildahFormat ${shownValue(value)} is not one of ${buildahFormats.join(', ')}, so Layer Lens models buildah's default, oci.`);
  return 'oci';
}

/** Turns a workspace-relative host path into the `/`-separated form the settings use as keys. */
export function settingsKey(relativePath: string): string {
  return relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
}

/** Finds the entry for a key, also when the user wrote it with `./` or backslashes. */
function findEntry(buildContexts: Record<string, unknown>, key: string): { key: string; value: unknown } | undefined {
  for (const [written, value] of Object.entries(buildContexts)) {
    if (settingsKey(written) === key) return { key: written, value };
  }
  return undefined;
}

function resolveContext(
  context: unknown,
  label: string,
  input: BuildSettingsInput,
  pathApi: nodePath.PlatformPath,
  warnings: string[],
): string | undefined {
  if (typeof context !== 'string' || context.trim() === '') {
    warnings.push(`${label}.context ${shownValue(context)} is not a folder relative to the workspace folder, so the Dockerfile's folder is the build context.`);
    return undefined;
  }
  const resolved = resolveInFolder(context, input, pathApi);
  if (resolved === undefined) {
    warnings.push(`${label}.context "${context}" is outside the workspace folder, which an untrusted workspace may not read; the Dockerfile's folder is used.`);
  }
  return resolved;
}

/** Resolves `namedContexts`, leaving out each invalid entry with a warning. */
function readNamedContexts(
  namedContexts: unknown,
  label: string,
  input: BuildSettingsInput,
  pathApi: nodePath.PlatformPath,
  warnings: string[],
): Record<string, string> {
  if (!isRecord(namedContexts)) {
    warnings.push(`${label}.namedContexts ${shownValue(namedContexts)} is not an object of context names to folders relative to the workspace folder, so it is ignored.`);
    return {};
  }
  const folders: Record<string, string> = {};
  for (const [name, folder] of Object.entries(namedContexts)) {
    const entryLabel = `${label}.namedContexts.${name}`;
    if (name.trim() === '') {
      warnings.push(`${label}.namedContexts has an empty context name; give the name that COPY --from or FROM uses. The entry is ignored.`);
    } else if (typeof folder !== 'string' || folder.trim() === '') {
      warnings.push(`${entryLabel} ${shownValue(folder)} is not a folder relative to the workspace folder, so it is ignored.`);
    } else if (urlScheme.test(folder)) {
      warnings.push(`${entryLabel} "${folder}" is not a folder: only local folders are supported as named contexts, so it is ignored.`);
    } else {
      const resolved = resolveInFolder(folder, input, pathApi);
      if (resolved === undefined) warnings.push(`${entryLabel} "${folder}" is outside the workspace folder, which an untrusted workspace may not read; it is ignored.`);
      else folders[name] = resolved;
    }
  }
  return folders;
}

/** Sources such as `docker-image://alpine` or `https://host/repo.git`, which `docker buildx build --build-context` also takes. */
const urlScheme = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * Resolves a folder relative to the workspace folder; returns `undefined` when it lies outside
 * that folder and the workspace is not trusted.
 */
function resolveInFolder(folder: string, input: BuildSettingsInput, pathApi: nodePath.PlatformPath): string | undefined {
  const workspaceFolder = input.workspaceFolder as string;
  const resolved = pathApi.resolve(workspaceFolder, folder);
  return isInsideFolder(workspaceFolder, resolved, pathApi) || input.trusted ? resolved : undefined;
}

function readBuildArgs(buildArgs: unknown, label: string, warnings: string[]): Record<string, string> {
  if (!isRecord(buildArgs)) {
    warnings.push(`${label}.buildArgs ${shownValue(buildArgs)} is not an object of argument names to string values, so it is ignored.`);
    return {};
  }
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(buildArgs)) {
    if (typeof value === 'string') values[name] = value;
    else warnings.push(`${label}.buildArgs.${name} ${shownValue(value)} is not a string, so it is ignored.${quoteAdvice(value)}`);
  }
  return values;
}

/** Advises quotes for a number or boolean, which settings.json takes as a string only in quotes. */
function quoteAdvice(value: unknown): string {
  return typeof value === 'number' || typeof value === 'boolean' ? ` Write it in quotes, as "${String(value)}".` : '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
