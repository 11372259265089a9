import * as assert from 'assert';
import * as vscode from 'vscode';
import { layerLensApi, openDockerfile, waitForAnalysis, waitForDiagnostics } from './helpers';

/** The invalid values, and the start of the problem each one gets. */
const invalidSettings: { name: string; value: unknown; message: RegExp }[] = [
  { name: 'builder', value: 'kaniko', message: /^layerLens\.builder "kaniko" is not one of buildkit, classic, buildah, so Layer Lens models BuildKit, the default\.$/ },
  { name: 'platform', value: 'arm64', message: /^layerLens\.platform "arm64" is not of the form os\/arch\[\/variant\], such as linux\/arm64, so Layer Lens predicts for the host's platform, linux\/\w+\.$/ },
  { name: 'refreshDelay', value: -1, message: /^layerLens\.refreshDelay -1 is not a number of milliseconds from 0 up, so Layer Lens waits the default 300 ms\.$/ },
  { name: 'readBaseImagesFromEngine', value: 'no', message: /^layerLens\.readBaseImagesFromEngine "no" is not true or false, so Layer Lens reads base images from the engine, the default\.$/ },
  { name: 'wasteHints', value: 'no', message: /^layerLens\.wasteHints "no" is not true or false, so Layer Lens shows waste hints, the default\.$/ },
  { name: 'buildContexts', value: { 'images/waste/Dockerfile': { tagret: 'build' } }, message: /^layerLens\.buildContexts\["images\/waste\/Dockerfile"\]\.tagret is not a build setting, so it is ignored\. The settings are context, target, buildArgs, builder, namedContexts\.$/ },
];

function settingProblems(diagnostics: vscode.Diagnostic[]): vscode.Diagnostic[] {
  return diagnostics.filter((diagnostic) => diagnostic.message.startsWith('layerLens.'));
}

/** Sets every setting of `invalidSettings` in the workspace to the value `value` returns for it. */
async function updateAll(value: (setting: (typeof invalidSettings)[number]) => unknown): Promise<void> {
  const configuration = vscode.workspace.getConfiguration('layerLens');
  for (const setting of invalidSettings) await configuration.update(setting.name, value(setting), vscode.ConfigurationTarget.Workspace);
}

describe('invalid settings', () => {
  // The fixture's own entries of buildContexts, which later tests use.
  const fixtureValues = new Map<string, unknown>();

  before(() => {
    const configuration = vscode.workspace.getConfiguration('layerLens');
    for (const setting of invalidSettings) fixtureValues.set(setting.name, configuration.inspect(setting.name)?.workspaceValue);
  });

  after(async () => {
    await updateAll((setting) => fixtureValues.get(setting.name));
  });

  it('are problems on line 1', async () => {
    const api = await layerLensApi();
    const { document } = await openDockerfile('images/waste/Dockerfile');
    await waitForAnalysis(api, document.uri);

    await updateAll((setting) => setting.value);

    const found = settingProblems(await waitForDiagnostics(document.uri, (diagnostics) => settingProblems(diagnostics).length === invalidSettings.length));
    for (const setting of invalidSettings) {
      const problem = found.find((diagnostic) => setting.message.test(diagnostic.message));
      assert.ok(problem, `no problem for layerLens.${setting.name} among:\n${found.map((diagnostic) => diagnostic.message).join('\n')}`);
      assert.strictEqual(problem.range.start.line, 0);
      assert.strictEqual(problem.severity, vscode.DiagnosticSeverity.Warning);
    }
    const analysis = await waitForAnalysis(api, document.uri);
    assert.strictEqual(analysis.builder, 'buildkit');
  });

  it('problems go when fixed', async () => {
    const { document } = await openDockerfile('images/waste/Dockerfile');

    await updateAll((setting) => fixtureValues.get(setting.name));

    await waitForDiagnostics(document.uri, (diagnostics) => settingProblems(diagnostics).length === 0);
  });
});
