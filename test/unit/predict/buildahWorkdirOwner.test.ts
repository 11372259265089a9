/**
 * The owner buildah gives a WORKDIR folder that the next step creates. The first Dockerfile
 * models a recorded buildah 1.28.2 build (overlay and vfs storage alike): `WORKDIR /srv/app`, with
 * /srv in the base image, then `COPY --from=build --chown=app:app /app/dist ./dist` wrote
 * `drwxr-xr-x 1000/1000 srv/app/` into the COPY's layer. Conformance case
 * 78-user-numeric-own-folder records the RUN case: the USER in force owns the folder.
 */
import * as assert from 'node:assert/strict';
import { certaintiesAt, changesAt, predict, removeContexts } from './helpers';

const accounts = {
  passwd: 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n',
  group: 'root:x:0:\napp:x:1000:\n',
};

/**
 * Returns a Dockerfile of a build stage with /app/dist, and a runtime stage with a shell, the
 * account files and /srv, as the recorded base image has them. Line 7 is `afterWorkdir`.
 */
function runtimeStage(afterWorkdir: string): string {
  return ['FROM scratch AS build', 'COPY dist/ /app/dist/', 'FROM shell-only', 'COPY passwd group /etc/', 'COPY keep /srv/', 'WORKDIR /srv/app', afterWorkdir, ''].join('\n');
}

const files = { 'dist/index.js': 'module.exports=1', passwd: accounts.passwd, group: accounts.group, keep: '' };

describe('buildah WORKDIR folder owner', () => {
  after(removeContexts);

  it('COPY --chown=app:app into the folder', async () => {
    const analysis = await predict(runtimeStage('COPY --from=build --chown=app:app /app/dist ./dist'), files, { builder: 'buildah' });
    assert.deepEqual(changesAt(analysis, 7, 'owner'), [
      '/srv/app added directory 0755 1000:1000',
      '/srv/app/dist added directory 0755 1000:1000',
      '/srv/app/dist/index.js added file 0644 1000:1000',
    ]);
    assert.deepEqual(certaintiesAt(analysis, 7), ['/srv/app exact', '/srv/app/dist exact', '/srv/app/dist/index.js exact']);
  });

  it('COPY --chown=1000:1000 of a file into the folder', async () => {
    const analysis = await predict(runtimeStage('COPY --chown=1000:1000 keep ./conf/keep'), files, { builder: 'buildah' });
    assert.deepEqual(changesAt(analysis, 7, 'owner'), [
      '/srv/app added directory 0755 1000:1000',
      '/srv/app/conf added directory 0755 1000:1000',
      '/srv/app/conf/keep added file 0644 1000:1000',
    ]);
  });

  it('COPY without --chown into the folder', async () => {
    const analysis = await predict(runtimeStage('COPY --from=build /app/dist ./dist'), files, { builder: 'buildah' });
    assert.deepEqual(changesAt(analysis, 7, 'owner'), [
      '/srv/app added directory 0755 0:0',
      '/srv/app/dist added directory 0755 0:0',
      '/srv/app/dist/index.js added file 0644 0:0',
    ]);
  });

  it('COPY --chown=app elsewhere', async () => {
    const analysis = await predict(runtimeStage('COPY --chown=app keep /opt/keep'), files, { builder: 'buildah' });
    assert.deepEqual(changesAt(analysis, 7, 'owner'), [
      '/opt added directory 0755 1000:1000',
      '/opt/keep added file 0644 1000:1000',
      '/srv/app added directory 0755 0:0',
    ]);
  });

  it('COPY --chown=app into an existing folder', async () => {
    const dockerfile = ['FROM scratch', 'COPY passwd group /etc/', 'COPY keep /srv/app/', 'WORKDIR /srv/app', 'COPY --chown=app keep ./dist/', ''].join('\n');
    const analysis = await predict(dockerfile, files, { builder: 'buildah' });
    assert.deepEqual(changesAt(analysis, 5, 'owner'), ['/srv/app/dist added directory 0755 1000:1000', '/srv/app/dist/keep added file 0644 1000:1000']);
  });

  it('COPY --chown=app:app under classic and BuildKit', async () => {
    const dockerfile = runtimeStage('COPY --from=build --chown=app:app /app/dist ./dist');
    for (const builder of ['classic', 'buildkit'] as const) {
      const analysis = await predict(dockerfile, files, { builder });
      assert.deepEqual(changesAt(analysis, 6, 'owner'), ['/srv/app added directory 0755 0:0'], builder);
      assert.deepEqual(changesAt(analysis, 7, 'owner')[0], '/srv/app/dist added directory 0755 1000:1000', builder);
    }
  });

  it('RUN as USER 1000 in the folder', async () => {
    const analysis = await predict(runtimeStage('USER 1000:1000\nRUN echo mine > mine.txt'), files, { builder: 'buildah' });
    const changes = changesAt(analysis, 8, 'owner');
    assert.ok(changes.includes('/srv/app added directory 0755 1000:1000'), changes.join('\n'));
    assert.ok(changes.includes('/srv/app/mine.txt added file 0644 1000:1000'), changes.join('\n'));
  });

  it('RUN as root in the folder', async () => {
    const analysis = await predict(runtimeStage('RUN echo mine > mine.txt'), files, { builder: 'buildah' });
    const changes = changesAt(analysis, 7, 'owner');
    assert.ok(changes.includes('/srv/app added directory 0755 0:0'), changes.join('\n'));
  });
});
