import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { resolveBuildSettings } from '../../../src/extension/buildSettings';

describe('resolveBuildSettings', () => {
  const folder = '/work/project';
  const dockerfilePath = '/work/project/services/api/Dockerfile';

  it('defaults to the Dockerfile folder', () => {
    const settings = resolveBuildSettings({ dockerfilePath, workspaceFolder: folder, buildContexts: {}, trusted: true, pathApi: path.posix });
    assert.deepEqual(settings, { contextPath: '/work/project/services/api', buildArgs: {}, warnings: [] });
  });

  it('reads context, target and buildArgs', () => {
    const buildContexts = { 'services/api/Dockerfile': { context: '.', target: 'build', buildArgs: { VERSION: '20' } } };
    const settings = resolveBuildSettings({ dockerfilePath, workspaceFolder: folder, buildContexts, trusted: true, pathApi: path.posix });
    assert.deepEqual(settings, { contextPath: '/work/project', target: 'build', buildArgs: { VERSION: '20' }, warnings: [] });
  });

  it('accepts a key written with ./', () => {
    const buildContexts = { './services/api/Dockerfile': { context: 'services' } };
    const settings = resolveBuildSettings({ dockerfilePath, workspaceFolder: folder, buildContexts, trusted: true, pathApi: path.posix });
    assert.equal(settings.contextPath, '/work/project/services');
  });

  it('outside a workspace folder', () => {
    const buildContexts = { 'services/api/Dockerfile': { context: '.' } };
    const settings = resolveBuildSettings({ dockerfilePath, buildContexts, trusted: true, pathApi: path.posix });
    assert.equal(settings.contextPath, '/work/project/services/api');
  });

  it('windows paths', () => {
    const buildContexts = { 'services/api/Dockerfile': { context: 'services' } };
    const settings = resolveBuildSettings({
      dockerfilePath: 'C:\\src\\project\\services\\api\\Dockerfile',
      workspaceFolder: 'C:\\src\\project',
      buildContexts,
      trusted: true,
      pathApi: path.win32,
    });
    assert.equal(settings.contextPath, 'C:\\src\\project\\services');
    assert.deepEqual(settings.warnings, []);
  });

  it('untrusted context outside the folder', () => {
    const buildContexts = { 'services/api/Dockerfile': { context: '../other' } };
    const settings = resolveBuildSettings({ dockerfilePath, workspaceFolder: folder, buildContexts, trusted: false, pathApi: path.posix });
    assert.equal(settings.contextPath, '/work/project/services/api');
    assert.deepEqual(settings.warnings, [
      'layerLens.buildContexts["services/api/Dockerfile"].context "../other" is outside the workspace folder, which an untrusted workspace may not read; the Dockerfile\'s folder is used.',
    ]);
  });

  it('trusted context outside the folder', () => {
    const buildContexts = { 'services/api/Dockerfile': { context: '../other' } };
    const settings = resolveBuildSettings({ dockerfilePath, workspaceFolder: folder, buildContexts, trusted: true, pathApi: path.posix });
    assert.equal(settings.contextPath, '/work/other');
  });

  it('invalid values give warnings', () => {
    const buildContexts = { 'services/api/Dockerfile': { context: 3, target: '', buildArgs: { A: 'x', B: 1 } } };
    const settings = resolveBuildSettings({ dockerfilePath, workspaceFolder: folder, buildContexts, trusted: true, pathApi: path.posix });
    assert.equal(settings.contextPath, '/work/project/services/api');
    assert.equal(settings.target, undefined);
    assert.deepEqual(settings.buildArgs, { A: 'x' });
    assert.deepEqual(settings.warnings, [
      'layerLens.buildContexts["services/api/Dockerfile"].context must be a folder relative to the workspace folder; the Dockerfile\'s folder is used.',
      'layerLens.buildContexts["services/api/Dockerfile"].target must be a stage name or index; the last stage is used.',
      'layerLens.buildContexts["services/api/Dockerfile"].buildArgs.B must be a string; it is ignored.',
    ]);
  });

  it('entry that is not an object', () => {
    const buildContexts = { 'services/api/Dockerfile': 'build' };
    const settings = resolveBuildSettings({ dockerfilePath, workspaceFolder: folder, buildContexts, trusted: true, pathApi: path.posix });
    assert.deepEqual(settings.warnings, ['layerLens.buildContexts["services/api/Dockerfile"] must be an object with "context", "target" or "buildArgs"; it is ignored.']);
  });
});
