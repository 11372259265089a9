/**
 * Finds the settings file that set a field of a `layerLens.buildContexts` entry, so that a
 * problem about its value names the file to fix. Pure (no `vscode` import), so it runs under plain mocha.
 */

/** The values of one setting in each settings file, as `WorkspaceConfiguration.inspect` returns them. */
export interface SettingScopes {
  user?: unknown;
  workspace?: unknown;
  /** The folder's own settings in a multi-root workspace; in a single folder they are the workspace's. */
  workspaceFolder?: unknown;
  /** The name of the Dockerfile's workspace folder, because each folder of a multi-root workspace has its own settings file. */
  workspaceFolderName?: string;
}

/** The settings files from the one that wins to the one that loses, as VS Code merges object settings. */
const precedence: { scope: 'workspaceFolder' | 'workspace' | 'user'; name: (scopes: SettingScopes) => string }[] = [
  { scope: 'workspaceFolder', name: folderSettingsName },
  { scope: 'workspace', name: () => 'the workspace settings' },
  { scope: 'user', name: () => 'the user settings' },
];

/** Names the folder's settings file (its `.vscode/settings.json`), by the folder's name when known. */
function folderSettingsName(scopes: SettingScopes): string {
  return scopes.workspaceFolderName === undefined ? 'the workspace folder settings' : `the settings of workspace folder "${scopes.workspaceFolderName}"`;
}

/**
 * Returns " in the user settings" or the like for the settings file whose entry sets the field at
 * `path`, or "" when no file does, as for a value a test passes without scopes. `isEntryKey`
 * matches the keys of the Dockerfile's entry, because each file may spell the key differently.
 */
export function settingOrigin(scopes: SettingScopes | undefined, isEntryKey: (key: string) => boolean, path: readonly string[]): string {
  if (scopes === undefined) return '';
  for (const { scope, name } of precedence) {
    const value = scopes[scope];
    if (!isRecord(value)) continue;
    for (const [key, entry] of Object.entries(value)) {
      if (isEntryKey(key) && fieldAt(entry, path) !== undefined) return ` in ${name(scopes)}`;
    }
  }
  return '';
}

/**
 * Returns the name of the settings file whose value of a whole setting wins, such as "the user
 * settings", or `undefined` when no file sets it, so that the default applies.
 */
export function winningSettingsFile(scopes: SettingScopes): string | undefined {
  return precedence.find(({ scope }) => scopes[scope] !== undefined)?.name(scopes);
}

function fieldAt(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isRecord(current)) return undefined;
    current = current[key];
  }
  return current;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
