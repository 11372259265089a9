/**
 * Warns of the `buildArgs` of a Dockerfile's `layerLens.buildContexts` entry that no ARG declares,
 * as `docker build` warns of an unused `--build-arg`. Pure (no `vscode` import); the check is the
 * core's, shared with the CLI.
 */
import { unusedBuildArgs } from '../core/analysis/unusedBuildArgs';
import type { PlanOptions } from '../core/dockerfile/plan';
import { settingsKey } from './buildSettings';

/**
 * Returns one warning per build argument that no ARG of the stages built for the target declares.
 * `entryKey` is the Dockerfile's path relative to its workspace folder, which keys its entry.
 */
export function unusedBuildArgWarnings(text: string, buildArgs: Readonly<Record<string, string>>, planOptions: PlanOptions, entryKey: string): string[] {
  const label = `layerLens.buildContexts["${settingsKey(entryKey)}"].buildArgs`;
  return unusedBuildArgs(text, Object.keys(buildArgs), planOptions).map(
    (name) =>
      `${label}.${name} is set, but no ARG of the stages built for the target declares ${name}, so it changes nothing. ` +
      `Check the name, or add ARG ${name} to the stage that reads it.`,
  );
}
