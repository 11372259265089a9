/** RUN under builder mounts and a USER other than root: each test name is the Dockerfile snippet. */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import { changesAt, predict, removeContexts, stepAt } from '../helpers';

const failure = 'This RUN ends with a non-zero exit status because "rm -f /etc/hostname" fails, so the build fails on this line.';

/** Returns the error of a RUN whose `touch` lacks write permission in `folder`. */
function deniedIn(folder: string, uid: number, owner: string, mode: string): string {
  return `This RUN ends with a non-zero exit status because touch needs write permission in ${folder}, which user ${uid} lacks (owner ${owner}, mode ${mode}), so the build fails on this line.`;
}

function errorsOn(analysis: Analysis, line: number): string[] {
  return analysis.problems.filter((problem) => problem.line === line && problem.severity === 'error').map((problem) => problem.message);
}

describe('RUN mounts and users', () => {
  after(removeContexts);

  it('RUN echo "10.0.0.1 db" >> /etc/hosts && echo x > /etc/resolv.conf', async () => {
    for (const builder of ['buildkit', 'classic'] as const) {
      const analysis = await predict('FROM shell-only\nRUN mkdir /etc\nRUN echo "10.0.0.1 db" >> /etc/hosts && echo x > /etc/resolv.conf\n', {}, { builder });
      assert.deepEqual(changesAt(analysis, 3), [], builder);
      assert.deepEqual(errorsOn(analysis, 3), [], builder);
    }
  });

  it('RUN rm -f /etc/hostname', async () => {
    const analysis = await predict('FROM shell-only\nRUN mkdir /etc\nRUN rm -f /etc/hostname\n');
    assert.deepEqual(errorsOn(analysis, 3), [failure]);
  });

  it('RUN echo box > /etc/hostname (buildah)', async () => {
    const analysis = await predict('FROM shell-only\nRUN mkdir /etc /run\nRUN echo box > /etc/hostname\n', {}, { builder: 'buildah' });
    assert.deepEqual(changesAt(analysis, 2), ['/dev added directory', '/etc added directory', '/proc added directory', '/run added directory', '/sys added directory']);
    assert.deepEqual(changesAt(analysis, 3), ['/etc/hostname added file', '/etc/hosts added file', '/etc/resolv.conf added file', '/run modified directory']);
    assert.equal(analysis.stack.lookup('/etc/hostname')?.entry.size, 0);
  });

  it('USER 1000\\nWORKDIR /w\\nRUN touch mine.txt', async () => {
    const analysis = await predict('FROM shell-only\nUSER 1000\nWORKDIR /w\nRUN touch mine.txt\n', {}, { builder: 'classic' });
    assert.deepEqual(changesAt(analysis, 3, 'owner'), ['/w added directory 0755 0:0']);
    assert.deepEqual(errorsOn(analysis, 4), [deniedIn('/w', 1000, '0:0', '0755')]);
    assert.deepEqual(changesAt(analysis, 4), []);
  });

  it('USER 1000\\nWORKDIR /w\\nRUN touch mine.txt (BuildKit)', async () => {
    const analysis = await predict('FROM shell-only\nUSER 1000\nWORKDIR /w\nRUN touch mine.txt\n');
    assert.deepEqual(changesAt(analysis, 3, 'owner'), ['/w added directory 0755 1000:1000']);
    assert.deepEqual(errorsOn(analysis, 4), []);
    assert.deepEqual(changesAt(analysis, 4), ['/w/mine.txt added file']);
  });

  it('USER 1000:50\\nWORKDIR /a/b (BuildKit)', async () => {
    const analysis = await predict('FROM shell-only\nUSER 1000:50\nWORKDIR /a/b\n');
    assert.deepEqual(changesAt(analysis, 3, 'owner'), ['/a added directory 0755 1000:50', '/a/b added directory 0755 1000:50']);
  });

  it('FROM alpine\\nUSER 1000\\nWORKDIR /srv/app (BuildKit)', async () => {
    const analysis = await predict('FROM alpine\nUSER 1000\nWORKDIR /srv/app\nRUN touch f\n');
    assert.deepEqual(changesAt(analysis, 3, 'owner'), ['/srv/app added directory 0755 1000:1000']);
    assert.deepEqual(errorsOn(analysis, 4), []);
  });

  it('COPY passwd /etc/passwd\\nUSER app\\nWORKDIR /w (BuildKit)', async () => {
    const passwd = 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1001::/home/app:/bin/sh\n';
    const analysis = await predict('FROM shell-only\nCOPY passwd /etc/passwd\nUSER app\nWORKDIR /w\nRUN touch mine.txt\n', { passwd });
    assert.deepEqual(changesAt(analysis, 4, 'owner'), ['/w added directory 0755 1000:1001']);
    assert.deepEqual(errorsOn(analysis, 5), []);
  });

  it('USER app\\nWORKDIR /w (BuildKit) with an unread /etc/passwd', async () => {
    const analysis = await predict('FROM busybox\nUSER app\nWORKDIR /w\n');
    assert.deepEqual(changesAt(analysis, 3, 'owner'), ['/w added directory 0755 ?:?']);
    assert.equal(stepAt(analysis, 3).certainty, 'estimated');
    assert.match(stepAt(analysis, 3).notes[0], /owner of the folders WORKDIR creates is unknown/);
  });

  it('USER 1000\\nRUN touch /etc/x || true', async () => {
    const analysis = await predict('FROM shell-only\nRUN mkdir /etc\nUSER 1000\nRUN touch /etc/x || true\n');
    assert.deepEqual(errorsOn(analysis, 4), []);
  });

  it('USER 1000:1000\\nWORKDIR /w\\nRUN touch mine.txt (buildah)', async () => {
    const analysis = await predict('FROM shell-only\nUSER 1000:1000\nWORKDIR /w\nRUN touch mine.txt\n', {}, { builder: 'buildah' });
    assert.deepEqual(errorsOn(analysis, 4), []);
    assert.deepEqual(changesAt(analysis, 4, 'owner').filter((line) => line.startsWith('/w')), ['/w added directory 0755 1000:1000', '/w/mine.txt added file 0644 1000:1000']);
  });

  it('USER 1000:1000\\nRUN mkdir /w/sub && echo x > /w/sub/f', async () => {
    const analysis = await predict('FROM shell-only\nRUN mkdir /w && chown 1000 /w\nUSER 1000:1000\nRUN mkdir /w/sub && echo x > /w/sub/f\n');
    assert.deepEqual(errorsOn(analysis, 4), []);
    assert.deepEqual(changesAt(analysis, 4), ['/w/sub added directory', '/w/sub/f added file']);
    assert.equal(stepAt(analysis, 4).certainty, 'exact');
  });

  it('USER app\\nWORKDIR /w\\nRUN touch mine.txt', async () => {
    const analysis = await predict('FROM shell-only\nUSER app\nWORKDIR /w\nRUN touch mine.txt\n', {}, { builder: 'classic' });
    assert.deepEqual(errorsOn(analysis, 4), []);
    assert.equal(stepAt(analysis, 4).certainty, 'estimated');
    // Classic creates /w as root with mode 0755, which no other user may write in.
    const warnings = analysis.problems.filter((problem) => problem.line === 4 && problem.severity === 'warning');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0].message, /^touch most likely fails with "Permission denied": \/w belongs to root with mode 0755/);
  });

  it('USER app\\nRUN touch in a group-writable root folder', async () => {
    const analysis = await predict('FROM shell-only\nRUN mkdir -m 775 /w\nUSER app\nRUN touch /w/mine.txt\n', {}, { builder: 'classic' });
    assert.deepEqual(analysis.problems.filter((problem) => problem.line === 4), []);
    assert.ok(stepAt(analysis, 4).notes.some((note) => note.includes('whether it may write in /w is unknown')));
  });

  it('COPY passwd /etc/passwd\\nUSER app\\nWORKDIR /w\\nRUN touch mine.txt', async () => {
    const passwd = 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1001::/home/app:/bin/sh\n';
    const analysis = await predict('FROM shell-only\nCOPY passwd /etc/passwd\nUSER app\nWORKDIR /w\nRUN touch mine.txt\n', { passwd }, { builder: 'classic' });
    assert.deepEqual(errorsOn(analysis, 5), [deniedIn('/w', 1000, '0:0', '0755')]);
    assert.deepEqual(changesAt(analysis, 5), []);
  });

  it('COPY passwd /etc/passwd\nUSER app\nRUN touch /tmp/f', async () => {
    const passwd = 'app:x:1000:1001::/home/app:/bin/sh\n';
    const analysis = await predict('FROM shell-only\nCOPY passwd /etc/passwd\nRUN mkdir -m 1777 /tmp\nUSER app\nRUN touch /tmp/f\n', { passwd });
    assert.deepEqual(errorsOn(analysis, 5), []);
    assert.deepEqual(changesAt(analysis, 5, 'owner').filter((line) => line.startsWith('/tmp/')), ['/tmp/f added file 0644 1000:1001']);
  });

  describe('a non-root USER writing what root owns', () => {
    // /w is root's with mode 0755 and /w/f root's with 0644; user 1000 may write neither.
    const setup = 'FROM shell-only\nRUN mkdir /w && touch /w/f && ln -s f /w/l\nUSER 1000\n';
    const denial = (command: string, where: string, mode: string) =>
      `This RUN ends with a non-zero exit status because ${command} needs write permission ${where}, which user 1000 lacks (owner 0:0, mode ${mode}), so the build fails on this line.`;

    it('fails to write into a file', async () => {
      // The shell opens the file of a redirection, so it is the one denied.
      const analysis = await predict(`${setup}RUN echo x > /w/f\n`, {}, { builder: 'classic' });
      assert.deepEqual(errorsOn(analysis, 4), [denial('sh', 'on /w/f', '0644')]);
    });

    it('fails to remove a name', async () => {
      const analysis = await predict(`${setup}RUN rm -f /w/f\n`, {}, { builder: 'classic' });
      assert.deepEqual(errorsOn(analysis, 4), [denial('rm', 'in /w', '0755')]);
      assert.deepEqual(changesAt(analysis, 4), []);
    });

    it('fails to copy over a file or into a folder', async () => {
      const over = await predict(`${setup}RUN cp /w/l /w/f\n`, {}, { builder: 'classic' });
      assert.deepEqual(errorsOn(over, 4), [denial('cp', 'on /w/f', '0644')]);
      const into = await predict(`${setup}RUN cp /w/f /w/g\n`, {}, { builder: 'classic' });
      assert.deepEqual(errorsOn(into, 4), [denial('cp', 'in /w', '0755')]);
    });

    it('fails to link into a folder', async () => {
      const analysis = await predict(`${setup}RUN ln -s /w/f /w/m\n`, {}, { builder: 'classic' });
      assert.deepEqual(errorsOn(analysis, 4), [denial('ln', 'in /w', '0755')]);
    });

    it('fails in mkdir folder, unread base', async () => {
      // mkdir fails on a folder that exists, so a build past it made /srv/root-only as root with 0755.
      const analysis = await predict('FROM debian\nRUN mkdir /srv/root-only\nUSER 1000\nRUN echo no > /srv/root-only/no.txt\n', {}, { builder: 'classic' });
      assert.deepEqual(errorsOn(analysis, 4), [denial('sh', 'in /srv/root-only', '0755')]);
    });

    it('warns USER name in mkdir folder', async () => {
      const analysis = await predict('FROM debian\nRUN mkdir /srv/root-only\nUSER app\nRUN touch /srv/root-only/x\n', {}, { builder: 'classic' });
      const warnings = analysis.problems.filter((problem) => problem.line === 4 && problem.severity === 'warning');
      assert.equal(warnings.length, 1);
      assert.match(warnings[0].message, /^touch most likely fails with "Permission denied": \/srv\/root-only belongs to root with mode 0755/);
    });

    it('unknown in mkdir -p folder', async () => {
      // The folder may exist in the base image, which mkdir -p leaves with its own owner and mode.
      const analysis = await predict('FROM debian\nRUN mkdir -p /srv/shared\nUSER 1000\nRUN touch /srv/shared/x\n', {}, { builder: 'classic' });
      assert.deepEqual(errorsOn(analysis, 4), []);
      assert.ok(stepAt(analysis, 4).notes.some((note) => note.includes('cannot tell whether the USER may write /srv/shared/x')));
    });

    it('unknown after chown by an unread name', async () => {
      const analysis = await predict('FROM debian\nRUN mkdir /srv/data && chown app /srv/data\nUSER 1000\nRUN touch /srv/data/x\n', {}, { builder: 'classic' });
      assert.deepEqual(errorsOn(analysis, 4), []);
    });

    it('may write in its own folder', async () => {
      const analysis = await predict('FROM shell-only\nRUN mkdir /w && touch /w/f && chown -R 1000 /w\nUSER 1000\nRUN echo x > /w/f && rm /w/f && ln -s a /w/b\n', {}, { builder: 'classic' });
      assert.deepEqual(errorsOn(analysis, 4), []);
    });
  });
});
