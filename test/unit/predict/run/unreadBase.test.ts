/** RUN commands on paths that only an unread base image may have: each test name is the Dockerfile snippet. */
import * as assert from 'node:assert/strict';
import { certaintiesAt, changesAt, predict, removeContexts, stepAt } from '../helpers';

describe('RUN on paths of an unread base image', () => {
  after(removeContexts);

  it('FROM debian\\nRUN echo x > /etc/nginx/a.conf', async () => {
    const analysis = await predict('FROM debian\nRUN echo x > /etc/nginx/a.conf\n');
    // a.conf may exist in the unread folder too, so it may be a rewrite rather than a new file.
    assert.deepEqual(certaintiesAt(analysis, 2), ['/etc/nginx estimated', '/etc/nginx/a.conf estimated']);
    assert.deepEqual(stepAt(analysis, 2).notes, [
      "The prediction cannot see whether /etc/nginx exists below this RUN (the base image is not read, or an earlier step's files are not all known), so it takes it to exist and lists it in this layer, estimated. Without it, the RUN would fail.",
      "The prediction cannot see whether /etc/nginx/a.conf already exists below this RUN (the base image is not read, or an earlier step's files are not all known), so it takes it to be new. If it exists, it keeps its own owner and mode.",
    ]);
  });

  it('FROM debian\\nRUN cp /etc/passwd /passwd.bak', async () => {
    const analysis = await predict('FROM debian\nRUN cp /etc/passwd /passwd.bak\n');
    assert.deepEqual(changesAt(analysis, 2), ['/passwd.bak added file']);
    assert.equal(analysis.stack.lookup('/passwd.bak')?.entry.size, null);
    assert.equal(stepAt(analysis, 2).certainty, 'unknown');
  });

  it('FROM debian\\nRUN cp /etc/group /etc/passwd /backup/', async () => {
    const analysis = await predict('FROM debian\nRUN mkdir /backup && cp /etc/group /etc/passwd /backup/\n');
    assert.deepEqual(changesAt(analysis, 2), ['/backup added directory', '/backup/group added file', '/backup/passwd added file']);
  });

  it('FROM debian\\nRUN cp -r /etc/ssl /ssl', async () => {
    const analysis = await predict('FROM debian\nRUN cp -r /etc/ssl /ssl\n');
    assert.deepEqual(changesAt(analysis, 2), ['/ssl added directory']);
    assert.deepEqual(certaintiesAt(analysis, 2), ['/ssl unknown']);
  });

  it('COPY f /f\\nRUN cp /etc/passwd /f/x', async () => {
    const analysis = await predict('FROM debian\nCOPY f /f\nRUN cp /etc/passwd /f/x\n', { f: '1' });
    assert.deepEqual(changesAt(analysis, 3), []);
    assert.equal(analysis.problems.filter((problem) => problem.line === 3 && problem.severity === 'error').length, 1);
  });

  it('FROM debian\\nRUN rm -rf /usr/share/doc', async () => {
    const analysis = await predict('FROM debian\nRUN rm -rf /usr/share/doc\n');
    assert.deepEqual(changesAt(analysis, 2), ['/usr/share/doc deleted']);
    assert.deepEqual(certaintiesAt(analysis, 2), ['/usr/share/doc unknown']);
    assert.equal(stepAt(analysis, 2).certainty, 'unknown');
  });

  it('FROM debian\\nRUN rm -f /etc/group', async () => {
    const analysis = await predict('FROM debian\nRUN rm -f /etc/group\n');
    assert.deepEqual(changesAt(analysis, 2), ['/etc/group deleted']);
    assert.equal(stepAt(analysis, 2).certainty, 'unknown');
  });

  it('FROM scratch\\nRUN rm -rf /nothing', async () => {
    const analysis = await predict('FROM scratch\nRUN rm -rf /nothing\n');
    assert.deepEqual(changesAt(analysis, 2), []);
    assert.equal(stepAt(analysis, 2).certainty, 'exact');
  });
});
