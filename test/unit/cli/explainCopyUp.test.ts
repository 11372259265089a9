import * as assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { main } from '../../../src/cli/main';
import { captureCli } from './capture';

// Dockerfile: line 3 runs chmod 755 on start.sh, which COPY wrote with mode 0755 already.
// Line 5 runs touch and a chown to root on app.conf, which COPY wrote owned by root.
const dockerfile = resolve(__dirname, '../../fixtures/copy-up-no-change/Dockerfile');

// Dockerfile: line 2 copies a.txt and b.txt, and line 3 runs chmod -R on their folder, then rm on a.txt.
const deletedAfterChmod = resolve(__dirname, '../../fixtures/copy-up-deleted/Dockerfile');
const baseImage = `busybox-local:2=${resolve(__dirname, '../../fixtures/images/busybox-local-2.tar')}`;

async function problemOn(line: number): Promise<string | undefined> {
  const result = await captureCli(main, ['explain', dockerfile]);
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.split('\n').find((text) => text.startsWith(`  line ${line}: `));
}

describe('explain text of copy-ups that change nothing', () => {
  it('chmod to the mode COPY gave', async () => {
    assert.equal(await problemOn(3),
      '  line 3: info: This RUN sets the mode of /usr/local/bin/start to the value it already has (0755), which changes nothing. ' +
      'Overlay storage still stores the whole file again in this layer (29 B), while vfs storage leaves it out. ' +
      'Remove the chmod, or set the mode where the file is added (COPY --chmod).');
  });

  it('touch, then chown to the same owner', async () => {
    assert.equal(await problemOn(5),
      '  line 5: info: This RUN changes only the modification time of /etc/app.conf, yet the layer stores the whole file again (10 B). ' +
      'Leave the time as it is, or set it in the RUN that creates the file. Remove the chown too, since it leaves the owner as before (0:0).');
  });
});

describe('explain text of a copy-up that the RUN then deletes', () => {
  it('chmod -R, then rm of one file', async () => {
    const result = await captureCli(main, ['explain', '--builder', 'buildah', '--base-image', baseImage, deletedAfterChmod]);
    assert.equal(result.status, 0, result.stderr);

    // A buildah build of this Dockerfile stored w/b.txt (2 B) and the whiteout w/.wh.a.txt in the RUN layer.
    const lines = result.stdout.split('\n');
    assert.ok(lines.includes('        adds 7 (0 B), modifies 2 (2 B), shadowing 2 B, deletes 1 (2 B); exact'), result.stdout);
    assert.deepEqual(lines.filter((text) => text.includes('stores the whole file again')), [
      '  line 3: info: This RUN changes only the mode of /w/b.txt (0644 → 0600), yet the layer stores the whole file again (2 B). ' +
      'Set the mode where the file is added (COPY --chmod, or the RUN that creates it).',
    ]);
  });
});
