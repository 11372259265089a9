/**
 * Resolves the `layerLens.buildContexts` entry of one Dockerfile into absolute host paths.
 * Pure (no `vscode` import), and the path API is a parameter so Windows paths are tested on any host.
 */
import * as nodePath from 'node:path';
import { builderKinds, type BuilderKind } from '../core/dockerfile/builders';
import { parsePlatform } from '../core/image/platform';

/** Absolute host paths and values for one analysis of a Dockerfile. */
export interface BuildSettings {
  contextPath: string;
  target?: string;
  buildArgs: Record<string, string>;
  /** The builder whose rules the prediction follows; absent for the default, BuildKit. */
  builder?: BuilderKind;
  /** The platform to build for, as `os/arch[/variant]`; absent for the host's. */
  platform?: string;
  /** Named build contexts (`--build-context NAME=DIR`): absolute host folders by name; absent when none is set. */
  namedContexts?: Record<string, string>;
  /** Invalid or ignored settings, one sentence each, naming the setting and the fix. */
  warnings: string[];
}

export interface BuildSettingsInput {
  /** Absolute host path of the Dockerfile (`Uri.fsPath`). */
  dockerfilePath: string;
  /** Absolute host path of the workspace folder holding the Dockerfile, if any. */
  workspaceFolder?: string;
  /** The value of `layerLens.buildContexts`, unchecked. */
  buildContexts: unknown;
  /** The value of `layerLens.builder`, unchecked; an entry's `builder` overrides it. */
  builder?: unknown;
  /** The value of `layerLens.platform`, unchecked. */
  platform?: unknown;
  /** Whether the workspace is trusted; an untrusted one may not name a context outside its folder. */
  trusted: boolean;
  pathApi?: nodePath.PlatformPath;
}

const settingName = 'layerLens.buildContexts';

/**
 * Resolves the context, target, build arguments, builder and named contexts of a Dockerfile from
 * its settings entry, and the builder and platform from the settings for all Dockerfiles.
 */
export function resolveBuildSettings(input: BuildSettingsInput): BuildSettings {
  const pathApi = input.pathApi ?? nodePath;
  const dockerfileFolder = pathApi.dirname(input.dockerfilePath);
  const settings: BuildSettings = { contextPath: dockerfileFolder, buildArgs: {}, warnings: [] };
  readGlobals(input, settings);
  if (input.workspaceFolder === undefined) return settings;

  const key = settingsKey(pathApi.relative(input.workspaceFolder, input.dockerfilePath));
  const found = findEntry(input.buildContexts, key);
  if (found === undefined) return settings;
  const label = `${settingName}["${found.key}"]`;
  if (!isRecord(found.value)) {
    settings.warnings.push(`${label} must be an object with "context", "target", "buildArgs", "builder" or "namedContexts"; it is ignored.`);
    return settings;
  }

  const { context, target, buildArgs, builder, namedContexts } = found.value;
  if (context !== undefined) {
    settings.contextPath = resolveContext(context, label, input, pathApi, settings.warnings) ?? dockerfileFolder;
  }
  if (typeof target === 'string' && target.trim() !== '') settings.target = target.trim();
  else if (target !== undefined) settings.warnings.push(`${label}.target must be a stage name or index; the last stage is used.`);
  if (buildArgs !== undefined) settings.buildArgs = readBuildArgs(buildArgs, label, settings.warnings);
  if (builder !== undefined) {
    const kind = readBuilder(builder, `${label}.builder`, settings.warnings);
    if (kind !== undefined) settings.builder = kind;
  }
  if (namedContexts !== undefined) {
    const folders = readNamedContexts(namedContexts, label, input, pathApi, settings.warnings);
    if (Object.keys(folders).length > 0) settings.namedContexts = folders;
  }
  return settings;
}

/** Reads `layerLens.builder` and `layerLens.platform`, which apply to every Dockerfile. */
function readGlobals(input: BuildSettingsInput, settings: BuildSettings): void {
  if (input.builder !== undefined && input.builder !== null) {
    const kind = readBuilder(input.builder, 'layerLens.builder', settings.warnings);
    if (kind !== undefined && kind !== 'buildkit') settings.builder = kind;
  }
  const platform = input.platform;
  if (platform === undefined || platform === null || platform === '') return;
  if (typeof platform === 'string' && parsePlatform(platform.trim())) settings.platform = platform.trim();
  else settings.warnings.push(`layerLens.platform "${String(platform)}" must be of the form os/arch[/variant], such as linux/arm64; the host's platform is used.`);
}

function readBuilder(value: unknown, label: string, warnings: string[]): BuilderKind | undefined {
  if (typeof value === 'string' && builderKinds.includes(value as BuilderKind)) return value as BuilderKind;
  warnings.push(`${label} "${String(value)}" must be one of ${builderKinds.join(', ')}; it is ignored.`);
  return undefined;
}

/** Turns a workspace-relative host path into the `/`-separated form the settings use as keys. */
export function settingsKey(relativePath: string): string {
  return relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
}

/** Finds the entry for a key, also when the user wrote it with `./` or backslashes. */
function findEntry(buildContexts: unknown, key: string): { key: string; value: unknown } | undefined {
  if (!isRecord(buildContexts)) return undefined;
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
    warnings.push(`${label}.context must be a folder relative to the workspace folder; the Dockerfile's folder is used.`);
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
    warnings.push(`${label}.namedContexts must be an object of context names to folders relative to the workspace folder; it is ignored.`);
    return {};
  }
  const folders: Record<string, string> = {};
  for (const [name, folder] of Object.entries(namedContexts)) {
    const entryLabel = `${label}.namedContexts.${name}`;
    if (name.trim() === '') {
      warnings.push(`${label}.namedContexts has an empty context name; give the name that COPY --from or FROM uses. The entry is ignored.`);
    } else if (typeof folder !== 'string' || folder.trim() === '') {
      warnings.push(`${entryLabel} must be a folder relative to the workspace folder; it is ignored.`);
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
  const relative = pathApi.relative(workspaceFolder, resolved);
  const outside = relative.startsWith('..') || pathApi.isAbsolute(relative);
  return outside && !input.trusted ? undefined : resolved;
}

function readBuildArgs(buildArgs: unknown, label: string, warnings: string[]): Record<string, string> {
  if (!isRecord(buildArgs)) {
    warnings.push(`${label}.buildArgs must be an object of names to string values; it is ignored.`);
    return {};
  }
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(buildArgs)) {
    if (typeof value === 'string') values[name] = value;
    else warnings.push(`${label}.buildArgs.${name} must be a string; it is ignored.`);
  }
  return values;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
