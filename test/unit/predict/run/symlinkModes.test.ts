/** RUN chmod and chown on symlinks: each test name is the Dockerfile snippet, each expectation the change list. */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import { changesAt, predict, removeContexts, type ContextSpec, stepAt } from '../helpers';

/** Predicts a Dockerfile that starts FROM scratch and copies a shell to /bin/sh, so that its RUNs can start; `lines` start at line 3. */
function predictWithShell(lines: string, files: ContextSpec = {}): Promise<Analysis> {
  return predict(`FROM scratch\nCOPY sh /bin/sh\n${lines}`, { sh: '#!/bin/sh\n', ...files });
}

function errorsOn(analysis: Analysis, line: number): string[] {
  return analysis.problems.filter((problem) => problem.line === line && problem.severity === 'error').map((problem) => problem.message);
}

/** Makes /bin/chmod a BusyBox applet, as in the busybox and Alpine images. */
const busyboxChmod = 'RUN echo elf > /bin/busybox && ln -s busybox /bin/chmod\n';

describe('RUN chmod and chown on symlinks', () => {
  after(removeContexts);

  it('RUN ... ln -s f /d/link && chmod -R go-rwx /d', async () => {
    const analysis = await predictWithShell('RUN mkdir /d && echo x > /d/f && ln -s f /d/link && chmod -R go-rwx /d\n');
    assert.deepEqual(changesAt(analysis, 3, 'owner'), ['/d added directory 0700 0:0', '/d/f added file 0600 0:0', '/d/link added symlink 0777 0:0']);
    assert.equal(stepAt(analysis, 3).certainty, 'exact');
  });

  it('RUN chmod -R 700 /d (a symlink to a lower file inside)', async () => {
    const analysis = await predictWithShell('COPY a /a\nRUN mkdir /d && ln -s /a /d/link && chmod -R 700 /d\n', { a: 'abc' });
    assert.deepEqual(changesAt(analysis, 4, 'owner'), ['/d added directory 0700 0:0', '/d/link added symlink 0777 0:0']);
  });

  it('RUN ln -s f /link && chmod 600 /link', async () => {
    const analysis = await predictWithShell('RUN echo x > /f && ln -s f /link && chmod 600 /link\n');
    assert.deepEqual(changesAt(analysis, 3, 'owner'), ['/f added file 0600 0:0', '/link added symlink 0777 0:0']);
  });

  it('COPY a /a\\nRUN ln -s /a /link && chmod u+x /link', async () => {
    const analysis = await predictWithShell('COPY a /a\nRUN ln -s /a /link && chmod u+x /link\n', { a: { content: 'abc', mode: 0o644 } });
    assert.deepEqual(changesAt(analysis, 4, 'owner'), ['/a modified file 0744 0:0', '/link added symlink 0777 0:0']);
    assert.equal(stepAt(analysis, 4).certainty, 'exact');
  });

  it('RUN ln -s /nowhere /link && chmod 600 /link (a dangling symlink)', async () => {
    const analysis = await predictWithShell('RUN ln -s /nowhere /link && chmod 600 /link\n');
    assert.deepEqual(errorsOn(analysis, 3), ['This RUN ends with a non-zero exit status because "chmod 600 /link" fails, so the build fails on this line.']);
  });

  it('RUN chmod 755 /link (target in an unread base)', async () => {
    const analysis = await predict('FROM busybox\nRUN ln -s /usr/bin/tool /link && chmod 755 /link && touch /after\n');
    assert.deepEqual(changesAt(analysis, 2), ['/after added file', '/link added symlink']);
    assert.equal(stepAt(analysis, 2).certainty, 'unknown');
    assert.ok(stepAt(analysis, 2).notes.includes('chmod: /usr/bin/tool is not among the predicted files; if the base image has it, this RUN stores it again, with a size this prediction does not know.'));
  });

  it('RUN chmod -R 700 /link (a symlink to a folder, chmod unknown)', async () => {
    const analysis = await predictWithShell('RUN mkdir /d && touch /d/f && ln -s d /link\nRUN chmod -R 700 /link\n');
    assert.deepEqual(changesAt(analysis, 4, 'owner'), ['/d modified directory 0700 0:0', '/d/f modified file 0700 0:0']);
    const certainties = analysis.stack.layers[stepAt(analysis, 4).index].entries.map(({ entry }) => `${entry.path} ${entry.certainty}`);
    assert.deepEqual(certainties, ['/d exact', '/d/f estimated']);
    assert.match(stepAt(analysis, 4).notes.join('\n'), /chmod -R: \/link is a symlink to a folder\. GNU chmod changes the files in that folder too and BusyBox chmod only the folder/);
  });

  it('RUN chmod -R 700 /link (a symlink to a folder, BusyBox chmod)', async () => {
    const analysis = await predictWithShell(`${busyboxChmod}RUN mkdir /d && touch /d/f && ln -s d /link\nRUN chmod -R 700 /link\n`);
    assert.deepEqual(changesAt(analysis, 5, 'owner'), ['/d modified directory 0700 0:0']);
    assert.equal(stepAt(analysis, 5).certainty, 'exact');
  });

  it('RUN chown /l1 && chown -h /l2', async () => {
    const analysis = await predictWithShell('RUN touch /f /g && ln -s f /l1 && ln -s g /l2 && chown 1000:1000 /l1 && chown -h 2000:2000 /l2\n');
    assert.deepEqual(changesAt(analysis, 3, 'owner'), [
      '/f added file 0644 1000:1000', '/g added file 0644 0:0', '/l1 added symlink 0777 0:0', '/l2 added symlink 0777 2000:2000',
    ]);
  });

  it('RUN chown -R /l1 && chown -R -H /l2', async () => {
    const script = 'mkdir /d /e && touch /d/f /e/f && ln -s d /l1 && ln -s e /l2 && chown -R 1000 /l1 && chown -R -H 2000 /l2';
    const analysis = await predictWithShell(`RUN ${script}\n`);
    assert.deepEqual(changesAt(analysis, 3, 'owner'), [
      '/d added directory 0755 0:0', '/d/f added file 0644 0:0', '/e added directory 0755 2000:0', '/e/f added file 0644 2000:0',
      '/l1 added symlink 0777 1000:0', '/l2 added symlink 0777 0:0',
    ]);
  });

  it('RUN chown -R /p && chown -R -L /d (a loop)', async () => {
    const script = 'mkdir /d /e /p && touch /e/f /outside && ln -s /outside /p/out && ln -s /e /d/e && ln -s /d /e/back && chown -R 2000 /p && chown -R -L 1000 /d';
    const analysis = await predictWithShell(`RUN ${script}\n`);
    assert.deepEqual(changesAt(analysis, 3, 'owner'), [
      '/d added directory 0755 1000:0', '/d/e added symlink 0777 0:0',
      '/e added directory 0755 1000:0', '/e/back added symlink 0777 0:0', '/e/f added file 0644 1000:0',
      '/outside added file 0644 0:0', '/p added directory 0755 2000:0', '/p/out added symlink 0777 2000:0',
    ]);
    assert.deepEqual(errorsOn(analysis, 3), []);
  });

  it('RUN chmod -R go-rwx /d && cp -r /d /e', async () => {
    const analysis = await predictWithShell('RUN mkdir /d && touch /d/f && ln -s f /d/link && chmod -R go-rwx /d && cp -r /d /e\n');
    assert.deepEqual(changesAt(analysis, 3, 'owner').filter((line) => line.startsWith('/e')), [
      '/e added directory 0700 0:0', '/e/f added file 0600 0:0', '/e/link added symlink 0777 0:0',
    ]);
  });
});
