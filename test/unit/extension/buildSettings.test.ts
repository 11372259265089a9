import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { resolveBuildSettings } from '../../../src/extension/buildSettings';

describe('resolveBuildSettings', () => {
  const folder = '/work/project';
  const dockerfilePath = '/work/project/services/api/Dockerfile';

  it('defaults to the Dockerfile folder', () => {
    const settings = resolveBuildSettings({ dockerfilePath, workspaceFolder: folder, buildContexts: {}, trusted: true, pathApi: path.posix });
    assert.deepEqual(settings, { contextPath: '/work/project/services/api', buildArgs: {}, warnings: [], optionNames: {} });
  });

  it('reads context, target and buildArgs', () => {
    const buildContexts = { 'services/api/Dockerfile': { context: '.', target: 'build', buildArgs: { VERSION: '20' } } };
    const settings = resolveBuildSettings({ dockerfilePath, workspaceFolder: folder, buildContexts, trusted: true, pathApi: path.posix });
    assert.deepEqual(settings, {
      contextPath: '/work/project',
      target: 'build',
      buildArgs: { VERSION: '20' },
      warnings: [],
      optionNames: {
        context: 'layerLens.buildContexts["services/api/Dockerfile"].context "."',
        target: 'layerLens.buildContexts["services/api/Dockerfile"].target "build"',
      },
    });
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
      'layerLens.buildContexts["services/api/Dockerfile"].context 3 is not a folder relative to the workspace folder, so the Dockerfile\'s folder is the build context.',
      'layerLens.buildContexts["services/api/Dockerfile"].target "" is not a stage name or index, such as "build" or "1", so the last stage is the target.',
      'layerLens.buildContexts["services/api/Dockerfile"].buildArgs.B 1 is not a string, so it is ignored. Write it in quotes, as "1".',
    ]);
  });

  it('entry that is not an object', () => {
    const buildContexts = { 'services/api/Dockerfile': 'build' };
    const settings = resolveBuildSettings({ dockerfilePath, workspaceFolder: folder, buildContexts, trusted: true, pathApi: path.posix });
    assert.deepEqual(settings.warnings, ['layerLens.buildContexts["services/api/Dockerfile"] "build" is not an object with the settings context, target, buildArgs, builder, namedContexts, so it is ignored.']);
  });

  it('setting that is not an object', () => {
    const settings = resolveBuildSettings({ dockerfilePath, workspaceFolder: folder, buildContexts: ['services/api/Dockerfile'], trusted: true, pathApi: path.posix });
    assert.equal(settings.contextPath, '/work/project/services/api');
    assert.deepEqual(settings.warnings, ['layerLens.buildContexts ["services/api/Dockerfile"] is not an object of Dockerfile paths, relative to the workspace folder, to build settings, so it is ignored.']);
  });

  it('unknown entry setting', () => {
    const buildContexts = { 'services/api/Dockerfile': { tagret: 'build', context: '.' } };
    const settings = resolveBuildSettings({ dockerfilePath, workspaceFolder: folder, buildContexts, trusted: true, pathApi: path.posix });
    assert.equal(settings.contextPath, '/work/project');
    assert.equal(settings.target, undefined);
    assert.deepEqual(settings.warnings, ['layerLens.buildContexts["services/api/Dockerfile"].tagret is not a build setting, so it is ignored. The settings are context, target, buildArgs, builder, namedContexts.']);
  });

  it('buildArgs that are not strings', () => {
    const buildContexts = { 'services/api/Dockerfile': { buildArgs: { DEBUG: true, LIST: ['a'] } } };
    const settings = resolveBuildSettings({ dockerfilePath, workspaceFolder: folder, buildContexts, trusted: true, pathApi: path.posix });
    assert.deepEqual(settings.buildArgs, {});
    assert.deepEqual(settings.warnings, [
      'layerLens.buildContexts["services/api/Dockerfile"].buildArgs.DEBUG true is not a string, so it is ignored. Write it in quotes, as "true".',
      'layerLens.buildContexts["services/api/Dockerfile"].buildArgs.LIST ["a"] is not a string, so it is ignored.',
    ]);
  });
});

describe('resolveBuildSettings namedContexts', () => {
  const folder = '/work/project';
  const dockerfilePath = '/work/project/services/api/Dockerfile';
  const label = 'layerLens.buildContexts["services/api/Dockerfile"]';
  const resolve = (namedContexts: unknown, trusted = true) =>
    resolveBuildSettings({ dockerfilePath, workspaceFolder: folder, buildContexts: { 'services/api/Dockerfile': { namedContexts } }, trusted, pathApi: path.posix });

  it('folders resolve in the workspace folder', () => {
    const settings = resolve({ assets: 'shared/assets', docs: './services/../docs' });
    assert.deepEqual(settings.namedContexts, { assets: '/work/project/shared/assets', docs: '/work/project/docs' });
    assert.deepEqual(settings.warnings, []);
  });

  it('absent without namedContexts', () => {
    const settings = resolveBuildSettings({ dockerfilePath, workspaceFolder: folder, buildContexts: { 'services/api/Dockerfile': { context: '.' } }, trusted: true, pathApi: path.posix });
    assert.equal(settings.namedContexts, undefined);
  });

  it('empty object sets none', () => {
    const settings = resolve({});
    assert.equal(settings.namedContexts, undefined);
    assert.deepEqual(settings.warnings, []);
  });

  it('not an object', () => {
    const settings = resolve(['shared']);
    assert.equal(settings.namedContexts, undefined);
    assert.deepEqual(settings.warnings, [`${label}.namedContexts ["shared"] is not an object of context names to folders relative to the workspace folder, so it is ignored.`]);
  });

  it('invalid entries are left out', () => {
    const settings = resolve({ assets: 'shared', '': 'other', count: 3, blank: ' ', base: 'docker-image://alpine:3.20' });
    assert.deepEqual(settings.namedContexts, { assets: '/work/project/shared' });
    assert.deepEqual(settings.warnings, [
      `${label}.namedContexts has an empty context name; give the name that COPY --from or FROM uses. The entry is ignored.`,
      `${label}.namedContexts.count 3 is not a folder relative to the workspace folder, so it is ignored.`,
      `${label}.namedContexts.blank " " is not a folder relative to the workspace folder, so it is ignored.`,
      `${label}.namedContexts.base "docker-image://alpine:3.20" is not a folder: only local folders are supported as named contexts, so it is ignored.`,
    ]);
  });

  it('untrusted folder outside the workspace', () => {
    const settings = resolve({ inside: 'shared', outside: '../other', absolute: '/etc' }, false);
    assert.deepEqual(settings.namedContexts, { inside: '/work/project/shared' });
    assert.deepEqual(settings.warnings, [
      `${label}.namedContexts.outside "../other" is outside the workspace folder, which an untrusted workspace may not read; it is ignored.`,
      `${label}.namedContexts.absolute "/etc" is outside the workspace folder, which an untrusted workspace may not read; it is ignored.`,
    ]);
  });

  it('trusted folder outside the workspace', () => {
    assert.deepEqual(resolve({ outside: '../other', absolute: '/etc' }).namedContexts, { outside: '/work/other', absolute: '/etc' });
  });

  it('windows folders', () => {
    const settings = resolveBuildSettings({
      dockerfilePath: 'C:\\src\\project\\Dockerfile',
      workspaceFolder: 'C:\\src\\project',
      buildContexts: { Dockerfile: { namedContexts: { assets: 'shared\\assets' } } },
      trusted: false,
      pathApi: path.win32,
    });
    assert.deepEqual(settings.namedContexts, { assets: 'C:\\src\\project\\shared\\assets' });
    assert.deepEqual(settings.warnings, []);
  });
});

describe('resolveBuildSettings builder and platform', () => {
  const folder = '/work/project';
  const dockerfilePath = '/work/project/services/api/Dockerfile';
  const resolve = (input: { buildContexts?: unknown; builder?: unknown; platform?: unknown }) =>
    resolveBuildSettings({ dockerfilePath, workspaceFolder: folder, buildContexts: input.buildContexts ?? {}, builder: input.builder, platform: input.platform, trusted: true, pathApi: path.posix, hostPlatform: 'linux/amd64' });

  it('default builder is left out', () => {
    const settings = resolve({ builder: 'buildkit' });
    assert.equal(settings.builder, undefined);
    assert.deepEqual(settings.warnings, []);
  });

  it('global builder', () => {
    assert.equal(resolve({ builder: 'classic' }).builder, 'classic');
  });

  it('entry builder overrides the global one', () => {
    const buildContexts = { 'services/api/Dockerfile': { builder: 'buildkit' } };
    assert.equal(resolve({ builder: 'buildah', buildContexts }).builder, 'buildkit');
  });

  it('entry builder with default global', () => {
    const buildContexts = { 'services/api/Dockerfile': { builder: 'buildah' } };
    assert.equal(resolve({ buildContexts }).builder, 'buildah');
  });

  it('invalid builders give warnings', () => {
    const buildContexts = { 'services/api/Dockerfile': { builder: 'kaniko' } };
    const settings = resolve({ builder: 7, buildContexts });
    assert.equal(settings.builder, undefined);
    assert.deepEqual(settings.warnings, [
      'layerLens.builder 7 is not one of buildkit, classic, buildah, so Layer Lens models BuildKit, the default.',
      'layerLens.buildContexts["services/api/Dockerfile"].builder "kaniko" is not one of buildkit, classic, buildah, so Layer Lens models BuildKit, the default.',
    ]);
  });

  it('invalid entry builder keeps the global one', () => {
    const buildContexts = { 'services/api/Dockerfile': { builder: 'Classic' } };
    const settings = resolve({ builder: 'buildah', buildContexts });
    assert.equal(settings.builder, 'buildah');
    assert.deepEqual(settings.warnings, [
      'layerLens.buildContexts["services/api/Dockerfile"].builder "Classic" is not one of buildkit, classic, buildah, so Layer Lens models buildah, the value of layerLens.builder.',
    ]);
  });

  it('platform', () => {
    const settings = resolve({ platform: ' linux/arm64/v8 ' });
    assert.equal(settings.platform, 'linux/arm64/v8');
    assert.deepEqual(settings.warnings, []);
  });

  it('empty platform means the host', () => {
    assert.equal(resolve({ platform: '' }).platform, undefined);
  });

  it('invalid platform gives a warning', () => {
    const settings = resolve({ platform: 'arm64' });
    assert.equal(settings.platform, undefined);
    assert.deepEqual(settings.warnings, ['layerLens.platform "arm64" is not of the form os/arch[/variant], such as linux/arm64, so Layer Lens predicts for the host\'s platform, linux/amd64.']);
  });
});
