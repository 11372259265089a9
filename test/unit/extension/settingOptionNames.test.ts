import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { resolveBuildSettings, type BuildSettingsInput } from '../../../src/extension/buildSettings';
import type { SettingScopes } from '../../../src/extension/settingOrigin';

describe('resolveBuildSettings optionNames', () => {
  const folder = '/work/project';
  const dockerfilePath = '/work/project/docker/Dockerfile';
  const label = 'layerLens.buildContexts["docker/Dockerfile"]';

  /** Resolves with `entry` as the merged value, and each settings file's value as given. */
  const resolve = (entry: Record<string, unknown>, scopes?: SettingScopes, extra: Partial<BuildSettingsInput> = {}) =>
    resolveBuildSettings({ dockerfilePath, workspaceFolder: folder, buildContexts: { 'docker/Dockerfile': entry }, buildContextScopes: scopes, trusted: true, pathApi: path.posix, ...extra });

  it('context names the workspace settings', () => {
    const entry = { context: 'nope' };
    const settings = resolve(entry, { workspace: { 'docker/Dockerfile': entry } });
    assert.equal(settings.optionNames.context, `${label}.context "nope" in the workspace settings`);
  });

  it('context names the user settings', () => {
    const settings = resolve({ context: 'nope', target: 'x' }, { user: { './docker/Dockerfile': { context: 'nope' } }, workspace: { 'docker/Dockerfile': { target: 'x' } } });
    assert.equal(settings.optionNames.context, `${label}.context "nope" in the user settings`);
  });

  it('workspace folder settings win', () => {
    const scopes = { user: { 'docker/Dockerfile': { context: 'a' } }, workspaceFolder: { 'docker/Dockerfile': { context: 'b' } } };
    assert.equal(resolve({ context: 'b' }, scopes).optionNames.context, `${label}.context "b" in the workspace folder settings`);
  });

  it('folder settings name the folder', () => {
    const scopes = { workspace: { 'docker/Dockerfile': { target: 'x' } }, workspaceFolder: { 'docker/Dockerfile': { context: 'b' } }, workspaceFolderName: 'mono' };
    const settings = resolve({ context: 'b', target: 'x' }, scopes);
    assert.equal(settings.optionNames.context, `${label}.context "b" in the settings of workspace folder "mono"`);
    assert.equal(settings.optionNames.target, `${label}.target "x" in the workspace settings`);
  });

  it('context without scopes names no file', () => {
    assert.equal(resolve({ context: 'nope' }).optionNames.context, `${label}.context "nope"`);
  });

  it('no name for the default context', () => {
    assert.deepEqual(resolve({ target: 'x' }, undefined, {}).optionNames.context, undefined);
  });

  it('target names its settings file', () => {
    const entry = { target: ' nosuch ' };
    const settings = resolve(entry, { workspace: { 'docker/Dockerfile': entry } });
    assert.equal(settings.target, 'nosuch');
    assert.equal(settings.optionNames.target, `${label}.target " nosuch " in the workspace settings`);
  });

  it('no name for an invalid target', () => {
    assert.equal(resolve({ target: 3 }).optionNames.target, undefined);
  });

  it('named contexts name their settings files', () => {
    const entry = { namedContexts: { shared: 'shared', docs: 'docs', bad: 3 } };
    const scopes = { user: { 'docker/Dockerfile': { namedContexts: { docs: 'docs' } } }, workspace: { 'docker/Dockerfile': { namedContexts: { shared: 'shared' } } } };
    assert.deepEqual(resolve(entry, scopes).optionNames.namedContexts, {
      shared: `${label}.namedContexts.shared "shared" in the workspace settings`,
      docs: `${label}.namedContexts.docs "docs" in the user settings`,
    });
  });

  it('no name for a context left out', () => {
    const settings = resolve({ context: '../outside' }, undefined, { trusted: false });
    assert.equal(settings.contextPath, '/work/project/docker');
    assert.equal(settings.optionNames.context, undefined);
  });
});
