import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineClient, EngineUnreachableError } from '../../../src/core/image/engine/client';
import { unreadImageHintText } from '../../../src/extension/image/unreadImageHint';
import { winningSettingsFile } from '../../../src/extension/settingOrigin';

describe('editor advice for an unread image', () => {
  it('setting off names its settings file', () => {
    const text = unreadImageHintText('node:20', { kind: 'settingOff', settingsFile: 'the workspace settings' });

    assert.equal(text, 'Layer Lens does not read it from the local container engine, because layerLens.readBaseImagesFromEngine is off in the workspace settings. Turn the setting on there to have it read.');
  });

  it('untrusted workspace', () => {
    const text = unreadImageHintText('node:20', { kind: 'untrusted' });

    assert.equal(text, 'Layer Lens contacts the local container engine only in a trusted workspace. Trust the workspace to have it read from the engine.');
  });

  it('silent engine at DOCKER_HOST', () => {
    const text = unreadImageHintText('node:20', { kind: 'noEngine', where: 'unix:///tmp/engine.sock', reason: 'unix:///tmp/engine.sock: cannot reach the engine', dockerHost: 'unix:///tmp/engine.sock' });

    assert.equal(text, 'The container engine at unix:///tmp/engine.sock (DOCKER_HOST=unix:///tmp/engine.sock) did not answer the request for its images, so Layer Lens cannot read it. Start Docker or Podman, or set DOCKER_HOST to the socket of a running engine, to have it read. The Layer Lens log has the error.');
  });

  it('silent engine at the default socket', () => {
    const text = unreadImageHintText('node:20', { kind: 'noEngine', where: 'unix:///var/run/docker.sock', reason: 'timed out', dockerHost: undefined });

    assert.equal(text, 'The container engine at unix:///var/run/docker.sock did not answer the request for its images, so Layer Lens cannot read it. Start Docker or Podman to have it read. The Layer Lens log has the error.');
  });

  it('missing socket at DOCKER_HOST', () => {
    const reason = 'unix:///tmp/gone.sock: cannot reach the engine: the socket does not exist.';
    const text = unreadImageHintText('node:20', { kind: 'noEngine', where: 'unix:///tmp/gone.sock', reason, dockerHost: 'unix:///tmp/gone.sock', connectCode: 'ENOENT' });

    assert.equal(text, "The container engine's socket at unix:///tmp/gone.sock (DOCKER_HOST=unix:///tmp/gone.sock) does not exist, so Layer Lens cannot read it. Start Docker or Podman, or set DOCKER_HOST to the socket of a running engine, to have it read.");
  });

  it('refused connection at the default socket', () => {
    const reason = 'unix:///var/run/docker.sock: cannot reach the engine: the connection was refused.';
    const text = unreadImageHintText('node:20', { kind: 'noEngine', where: 'unix:///var/run/docker.sock', reason, dockerHost: undefined, connectCode: 'ECONNREFUSED' });

    assert.equal(text, 'The connection to the container engine at unix:///var/run/docker.sock was refused, so no engine listens there and Layer Lens cannot read it. Start Docker or Podman to have it read.');
  });

  it('socket permission denied', () => {
    const text = unreadImageHintText('node:20', { kind: 'socketDenied', where: 'unix:///var/run/docker.sock' });

    assert.equal(text, "Permission to open the container engine's socket at unix:///var/run/docker.sock is denied, so Layer Lens cannot read it. Add your user to the group that owns the socket (docker, for Docker Engine) and log in again, or set DOCKER_HOST to a socket you may open, to have it read.");
    assert.ok(!text.includes('Start Docker'), text);
  });

  it('no engine socket found', () => {
    const reason = 'No container engine socket found (tried /var/run/docker.sock, /run/podman/podman.sock). Start Docker or Podman, or set DOCKER_HOST to unix:///path/to/docker.sock.';
    const text = unreadImageHintText('node:20', { kind: 'noEngine', where: undefined, reason, dockerHost: undefined });

    assert.equal(text, `Layer Lens found no container engine to read it from. ${reason}`);
  });

  it('engine without the image', () => {
    const text = unreadImageHintText('node:20', { kind: 'notInEngine', where: 'unix:///var/run/docker.sock' });

    assert.equal(text, 'The container engine at unix:///var/run/docker.sock has no image tagged node:20, and Layer Lens pulls nothing. Pull or build it to have it read.');
  });

  it('image the engine could not export', () => {
    const text = unreadImageHintText('node:20', { kind: 'unreadable', where: 'unix:///var/run/docker.sock' });

    assert.equal(text, 'The container engine at unix:///var/run/docker.sock has node:20, but reading it failed. The Layer Lens log has the error.');
  });
});

describe('settings file of a plain setting', () => {
  it('folder settings win', () => {
    assert.equal(winningSettingsFile({ user: true, workspace: false, workspaceFolder: false, workspaceFolderName: 'api' }), 'the settings of workspace folder "api"');
  });

  it('workspace over user', () => {
    assert.equal(winningSettingsFile({ user: true, workspace: false }), 'the workspace settings');
  });

  it('user settings alone', () => {
    assert.equal(winningSettingsFile({ user: false }), 'the user settings');
  });

  it('default when no file sets it', () => {
    assert.equal(winningSettingsFile({}), undefined);
  });

  it('DOCKER_HOST names a regular file', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'layer-lens-not-socket-'));
    const file = join(folder, 'docker.sock');
    writeFileSync(file, '');
    try {
      const error = await new EngineClient({ socketPath: file }).listImages().then(
        () => assert.fail('the images were listed'),
        (failure: Error) => failure,
      );
      assert.ok(error instanceof EngineUnreachableError);
      const where = `unix://${file}`;

      const text = unreadImageHintText('node:20', { kind: 'noEngine', where, reason: error.message, dockerHost: where, connectCode: error.code });

      assert.equal(text, `The path ${where} (DOCKER_HOST=${where}) is not a socket, so Layer Lens cannot read the image from a container engine there. Set DOCKER_HOST to the engine's socket to have it read.`);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
