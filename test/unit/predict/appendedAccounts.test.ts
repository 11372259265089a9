/** User and group names that a RUN adds by appending lines to /etc/passwd and /etc/group. */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../src/core/analysis/types';
import { predict, removeContexts, stepAt } from './helpers';

/** Returns `uid:gid certainty` of the entry for `path` in the layer of the step on `line`. */
function ownerAt(analysis: Analysis, line: number, path: string): string {
  const entry = analysis.stack.layers[stepAt(analysis, line).index].entries.find((classified) => classified.entry.path === path)?.entry;
  assert.ok(entry, `no entry for ${path} on line ${line}`);
  assert.ok(entry.op === 'write', `the entry for ${path} on line ${line} is a whiteout`);
  return `${entry.uid}:${entry.gid} ${entry.certainty}`;
}

describe('accounts appended by a RUN', () => {
  after(removeContexts);

  // The Dockerfile of a real build: Docker's classic builder wrote the COPY and the RUN as 1001:1001.
  const appended = [
    'FROM alpine:3.20',
    "RUN echo 'www:x:1001:1001::/home/www:/bin/sh' >> /etc/passwd && echo 'www:x:1001:' >> /etc/group",
    'COPY --chown=www:www a.txt /srv/a.txt',
    'USER www',
    'RUN mkdir -p /tmp/logs',
  ].join('\n');

  it('resolve --chown names, as an estimate', async () => {
    const analysis = await predict(appended, { 'a.txt': 'a' });
    assert.equal(ownerAt(analysis, 3, '/srv/a.txt'), '1001:1001 estimated');
    assert.ok(stepAt(analysis, 3).notes.some((note) => note.includes('found in lines a RUN appended')), stepAt(analysis, 3).notes.join('\n'));
  });

  it('resolve the USER of a later RUN', async () => {
    const analysis = await predict(appended, { 'a.txt': 'a' });
    assert.match(ownerAt(analysis, 5, '/tmp/logs'), /^1001:1001 /);
    assert.equal(stepAt(analysis, 5).certainty, 'estimated');
    assert.ok(stepAt(analysis, 5).notes.some((note) => note.startsWith('The user "www" is found in lines a RUN appended')), stepAt(analysis, 5).notes.join('\n'));
  });

  it('resolve exactly after a copied /etc/passwd', async () => {
    const passwd = 'root:x:0:0:root:/root:/bin/sh\n';
    const group = 'root:x:0:\n';
    const text = 'FROM alpine:3.20\nCOPY passwd group /etc/\nRUN echo app:x:2000:2000::/srv:/bin/sh >> /etc/passwd && echo app:x:2000: >> /etc/group\nCOPY --chown=app:app a.txt /a.txt\n';
    const analysis = await predict(text, { passwd, group, 'a.txt': 'a' });
    assert.equal(ownerAt(analysis, 4, '/a.txt'), '2000:2000 exact');
    assert.ok(!stepAt(analysis, 4).notes.some((note) => note.includes('appended')));
  });

  it('resolve exactly after a RUN writes the whole file', async () => {
    const text = "FROM alpine:3.20\nRUN printf 'app:x:3000:3000::/srv:/bin/sh\\n' > /etc/passwd\nCOPY --chown=app a.txt /a.txt\n";
    const analysis = await predict(text, { 'a.txt': 'a' });
    assert.equal(ownerAt(analysis, 3, '/a.txt'), '3000:3000 exact');
  });
});
