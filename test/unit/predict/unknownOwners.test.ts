import * as assert from 'node:assert/strict';
import { certaintiesAt, changesAt, predict, removeContexts, stepAt } from './helpers';

describe('entries of unknown owner', () => {
  after(removeContexts);

  it('USER app\\nWORKDIR /w\\nRUN touch b', async () => {
    const analysis = await predict('FROM busybox\nUSER app\nWORKDIR /w\nRUN touch b\n');
    assert.deepEqual(changesAt(analysis, 4, 'owner'), ['/w/b added file 0644 ?:?']);
    assert.deepEqual(certaintiesAt(analysis, 4), ['/w/b estimated']);
    assert.equal(stepAt(analysis, 4).certainty, 'estimated');
  });

  it('COPY --chown=app f.txt /x/', async () => {
    const analysis = await predict('FROM scratch\nCOPY --chown=app f.txt /x/\n', { 'f.txt': 'f' });
    assert.deepEqual(changesAt(analysis, 2, 'owner'), ['/x added directory 0755 ?:?', '/x/f.txt added file 0644 ?:?']);
    assert.deepEqual(certaintiesAt(analysis, 2), ['/x estimated', '/x/f.txt estimated']);
  });

  it('COPY --chown=1000:app f.txt /y/', async () => {
    const analysis = await predict('FROM scratch\nCOPY --chown=1000:app f.txt /y/\n', { 'f.txt': 'f' });
    assert.deepEqual(changesAt(analysis, 2, 'owner'), ['/y added directory 0755 1000:?', '/y/f.txt added file 0644 1000:?']);
    assert.deepEqual(certaintiesAt(analysis, 2), ['/y estimated', '/y/f.txt estimated']);
  });

  it('COPY --chown=1000:1000 f.txt /z/', async () => {
    const analysis = await predict('FROM scratch\nCOPY --chown=1000:1000 f.txt /z/\n', { 'f.txt': 'f' });
    assert.deepEqual(certaintiesAt(analysis, 2), ['/z exact', '/z/f.txt exact']);
    assert.equal(stepAt(analysis, 2).certainty, 'exact');
  });

  it('RUN chown app:app /x/f.txt', async () => {
    const analysis = await predict('FROM busybox\nCOPY f.txt /x/\nRUN chown app:app /x/f.txt\n', { 'f.txt': 'f' });
    assert.deepEqual(changesAt(analysis, 3, 'owner'), ['/x/f.txt modified file 0644 ?:?']);
    assert.deepEqual(certaintiesAt(analysis, 3), ['/x/f.txt estimated']);
  });

  it('COPY --chown=app with /etc/passwd copied first', async () => {
    const files = { passwd: 'root:x:0:0::/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n', group: 'root:x:0:\napp:x:1000:\n', 'f.txt': 'f' };
    const analysis = await predict('FROM scratch\nCOPY passwd group /etc/\nCOPY --chown=app f.txt /o/\n', files);
    assert.deepEqual(changesAt(analysis, 3, 'owner'), ['/o added directory 0755 1000:1000', '/o/f.txt added file 0644 1000:1000']);
    assert.deepEqual(certaintiesAt(analysis, 3), ['/o exact', '/o/f.txt exact']);
  });
});
