import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { resolveBuildSettings } from '../../../src/extension/buildSettings';

describe('layerLens.buildahFormat setting', () => {
  const resolve = (buildahFormat: unknown) =>
    resolveBuildSettings({ dockerfilePath: '/work/project/Dockerfile', workspaceFolder: '/work/project', buildContexts: {}, builder: 'buildah', buildahFormat, trusted: true, pathApi: path.posix });

  it('docker is read', () => {
    const settings = resolve('docker');
    assert.equal(settings.buildahFormat, 'docker');
    assert.deepEqual(settings.warnings, []);
  });

  it('oci and unset leave the default', () => {
    for (const value of ['oci', undefined, null]) {
      const settings = resolve(value);
      assert.equal(settings.buildahFormat, undefined, String(value));
      assert.deepEqual(settings.warnings, [], String(value));
    }
  });

  it('invalid value warns and falls back', () => {
    const settings = resolve('Docker');
    assert.equal(settings.buildahFormat, undefined);
    assert.deepEqual(settings.warnings, ['layerLens.buildahFormat "Docker" is not one of oci, docker, so Layer Lens models buildah\'s default, oci.']);
  });
});
