/**
 * User settings for every code-server run of the suites. They keep the window quiet and
 * predictable. They also turn off what in VS Code and its built-in extensions contacts outside
 * hosts (telemetry, the extension gallery, JSON schema downloads, npm package lookups), because
 * the suites must reach nothing beyond 127.0.0.1.
 */
export const userSettings: Record<string, unknown> = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.settings.enableNaturalLanguageSearch': false,
  'json.schemaDownload.enable': false,
  'npm.fetchOnlinePackageInfo': false,
  'typescript.disableAutomaticTypeAcquisition': true,
  'git.autofetch': false,
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'chat.commandCenter.enabled': false,
  'editor.minimap.enabled': false,
  // A short hover delay, so that waits for a hover end sooner.
  'editor.hover.delay': 150,
  // No fade-in, so screenshots show the hover and the panels fully drawn.
  'workbench.reduceMotion': 'on',
};
