import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import type { Analysis, Problem } from '../../../src/core/analysis/types';
import { unusedBuildArgWarnings } from '../../../src/extension/buildArgProblems';
import { resolveBuildSettings } from '../../../src/extension/buildSettings';
import { settingNotices, withSettingWarnings } from '../../../src/extension/settingProblems';

const workspaceFolder = path.resolve(__dirname, '../../fixtures/workspaces/shop');
const dockerfilePath = path.join(workspaceFolder, 'open-paths', 'Dockerfile');
const text = readFileSync(dockerfilePath, 'utf8');

/** Analyses the fixture with `entry` as its `layerLens.buildContexts` entry, as the extension does. */
async function analyseWith(entry: Record<string, unknown>): Promise<Analysis> {
  const settings = resolveBuildSettings({
    dockerfilePath,
    workspaceFolder,
    buildContexts: { 'open-paths/Dockerfile': entry },
    buildContextScopes: { workspace: { 'open-paths/Dockerfile': entry } },
    builder: 'kaniko',
    trusted: true,
  });
  const { contextPath, target, buildArgs, optionNames } = settings;
  const analysis = await analyze({ dockerfilePath, text, contextPath, target, buildArgs, optionNames });
  const argWarnings = unusedBuildArgWarnings(text, buildArgs, { target }, 'open-paths/Dockerfile');
  return withSettingWarnings(analysis, [...settings.warnings, ...argWarnings]);
}

/** Returns the setting a notice names after its prefix, such as `layerLens.builder`. */
function settingNamed(text: string): string | undefined {
  return /^Layer Lens: (layerLens\.\S+)/.exec(text)?.[1];
}

describe('settingNotices', () => {
  it('every settings problem notifies', async () => {
    const analysis = await analyseWith({ target: 'prod', buildArgs: { PIP_INDEX_URL: 'http://index.invalid' } });

    const notices = settingNotices(analysis.problems);

    const entry = 'layerLens.buildContexts["open-paths/Dockerfile"]';
    assert.deepEqual(notices.map((notice) => settingNamed(notice.text)), ['layerLens.builder', `${entry}.buildArgs.PIP_INDEX_URL`, `${entry}.target`]);
  });

  it('target names no stage', async () => {
    const analysis = await analyseWith({ target: 'prod' });

    const target = settingNotices(analysis.problems).find((notice) => notice.text.includes('.target "prod"'));

    assert.ok(target, 'the target that names no stage gets no notification');
    assert.equal(target.severity, 'error');
    assert.match(target.text, /^Layer Lens: layerLens\.buildContexts\["open-paths\/Dockerfile"\]\.target "prod" in the workspace settings names no stage of the Dockerfile\./);
  });

  it('one prefix for every notice', async () => {
    const analysis = await analyseWith({ target: 'prod', buildArgs: { UNUSED: '1' } });

    const notices = settingNotices(analysis.problems);

    assert.equal(notices.length, 3);
    for (const notice of notices) assert.match(notice.text, /^Layer Lens: layerLens\./);
  });

  it('same message on two lines', () => {
    const message = 'layerLens.platform "linux/arm64" does not match the base image a in the container engine.';
    const problems: Problem[] = [2, 5].map((line) => ({ line, endLine: line, severity: 'warning', scope: 'build', message }));

    assert.deepEqual(settingNotices(problems), [{ severity: 'warning', text: `Layer Lens: ${message}` }]);
  });

  it('other problems do not notify', async () => {
    const analysis = await analyseWith({});
    const instruction: Problem = { line: 3, endLine: 3, severity: 'error', message: 'COPY of layerLens.json: the source was not found in the build context.' };

    const notices = settingNotices([...analysis.problems, instruction]);

    assert.deepEqual(notices.map((notice) => settingNamed(notice.text)), ['layerLens.builder']);
  });
});
