/** The hint for lower files that a RUN stores again only for new metadata names what changed. */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import type { WriteEntry } from '../../../../src/core/model/layer';
import { copyUpMessage } from '../../../../src/core/predict/run/copyUpText';
import { predict, removeContexts } from '../helpers';

function messagesOn(analysis: Analysis, line: number): string[] {
  return analysis.problems.filter((problem) => problem.line === line).map((problem) => problem.message);
}

const stored = 'yet the layer stores the whole file again (4 B).';

describe('RUN copy-up hints', () => {
  after(removeContexts);

  it('mode only', async () => {
    const analysis = await predict('FROM shell-only\nCOPY main.py /app/main.py\nRUN chmod +x /app/main.py\n', { 'main.py': { content: 'x=1\n', mode: 0o644 } });
    assert.deepEqual(messagesOn(analysis, 3), [
      `This RUN changes only the mode of /app/main.py (0644 → 0755), ${stored} Set the mode where the file is added (COPY --chmod, or the RUN that creates it).`,
    ]);
  });

  it('mode only, classic builder', async () => {
    // The classic builder rejects COPY --chmod, so the hint points at the file's mode in the context.
    const analysis = await predict('FROM shell-only\nCOPY main.py /app/main.py\nRUN chmod +x /app/main.py\n', { 'main.py': { content: 'x=1\n', mode: 0o644 } }, { builder: 'classic' });
    assert.deepEqual(messagesOn(analysis, 3), [
      `This RUN changes only the mode of /app/main.py (0644 → 0755), ${stored} Set the mode where the file is added (a chmod of the file in the build context, or the RUN that creates it).`,
    ]);
  });

  it('chmod and chgrp to the values it has, classic builder', async () => {
    const analysis = await predict('FROM shell-only\nCOPY a /a\nRUN chmod 644 /a && chgrp 0 /a\n', { a: { content: 'abcd', mode: 0o644 } }, { builder: 'classic' });
    assert.match(messagesOn(analysis, 3)[0], / Remove the chmod and chgrp, or set the mode and owner where the file is added \(COPY --chown and a chmod of the file in the build context\)\.$/);
  });

  it('owner only', async () => {
    const analysis = await predict('FROM shell-only\nCOPY a /a\nRUN chown 1000:50 /a\n', { a: 'abcd' });
    assert.deepEqual(messagesOn(analysis, 3), [
      `This RUN changes only the owner of /a (0:0 → 1000:50), ${stored} Set the owner where the file is added (COPY --chown, or the RUN that creates it).`,
    ]);
  });

  it('time only', async () => {
    const analysis = await predict('FROM shell-only\nCOPY a /a\nRUN touch /a\n', { a: 'abcd' });
    assert.deepEqual(messagesOn(analysis, 3), [`This RUN changes only the modification time of /a, ${stored} Leave the time as it is, or set it in the RUN that creates the file.`]);
  });

  it('modes changed in different ways', async () => {
    const analysis = await predict('FROM shell-only\nCOPY a b /\nRUN chmod 600 /a && chmod 700 /b\n', { a: 'ab', b: 'cd' });
    assert.deepEqual(messagesOn(analysis, 3), [
      `This RUN changes only the mode of /a and /b, ${stored} Set the mode where the file is added (COPY --chmod, or the RUN that creates it).`,
    ]);
  });

  it('chmod and chgrp to the values it has', async () => {
    const analysis = await predict('FROM shell-only\nCOPY a /a\nRUN chmod 644 /a && chgrp 0 /a\n', { a: { content: 'abcd', mode: 0o644 } });
    assert.deepEqual(messagesOn(analysis, 3), [
      'This RUN sets the mode and owner of /a to the values it already has (mode 0644, owner 0:0), which changes nothing. ' +
        'Overlay storage still stores the whole file again in this layer (4 B), while vfs storage leaves it out. ' +
        'Remove the chmod and chgrp, or set the mode and owner where the file is added (COPY --chmod and --chown).',
    ]);
  });

  it('chmod to the mode two files have', async () => {
    const analysis = await predict('FROM shell-only\nCOPY a b /\nRUN chmod 600 /a /b\n', { a: { content: 'ab', mode: 0o600 }, b: { content: 'cd', mode: 0o600 } });
    assert.deepEqual(messagesOn(analysis, 3), [
      'This RUN sets the mode of /a and /b to the value they already have (0600), which changes nothing. ' +
        'Overlay storage still stores the whole file again in this layer (4 B), while vfs storage leaves them out. ' +
        'Remove the chmod, or set the mode where the file is added (COPY --chmod).',
    ]);
  });

  it('touch after a chmod to the same mode', async () => {
    const analysis = await predict('FROM shell-only\nCOPY a /a\nRUN chmod 644 /a && touch /a\n', { a: { content: 'abcd', mode: 0o644 } });
    assert.deepEqual(messagesOn(analysis, 3), [
      `This RUN changes only the modification time of /a, ${stored} Leave the time as it is, or set it in the RUN that creates the file. ` +
        'Remove the chmod too, since it leaves the mode as before (0644).',
    ]);
  });

  it('mode and time changed', async () => {
    const analysis = await predict('FROM shell-only\nCOPY a /a\nRUN touch /a && chmod 700 /a\n', { a: { content: 'abcd', mode: 0o644 } });
    assert.deepEqual(messagesOn(analysis, 3), [
      `This RUN changes only the mode and modification time of /a (mode 0644 → 0700), ${stored} ` +
        'Set the mode where the file is added (COPY --chmod, or the RUN that creates it), and leave the time as it is.',
    ]);
  });

  it('chmod changing one of two files', async () => {
    const analysis = await predict('FROM shell-only\nCOPY a b /\nRUN chmod 755 /a /b\n', { a: { content: 'ab', mode: 0o644 }, b: { content: 'cd', mode: 0o755 } });
    assert.deepEqual(messagesOn(analysis, 3), [
      `This RUN changes only the mode of /a and /b, ${stored} Set the mode where the file is added (COPY --chmod, or the RUN that creates it).`,
    ]);
  });

  it('file deleted after the chmod', async () => {
    // The layer stores a whiteout for /w/a.txt, and only /w/b.txt again.
    const analysis = await predict('FROM shell-only\nCOPY a.txt b.txt /w/\nRUN chmod -R go-rwx /w && rm -f /w/a.txt\n', { 'a.txt': 'a\n', 'b.txt': 'b\n' });
    const copyUp = messagesOn(analysis, 3).filter((message) => message.includes('stores the whole file again'));
    assert.deepEqual(copyUp, [
      'This RUN changes only the mode of /w/b.txt (0644 → 0600), yet the layer stores the whole file again (2 B). Set the mode where the file is added (COPY --chmod, or the RUN that creates it).',
    ]);
  });

  it('folder deleted after the chmod', async () => {
    const analysis = await predict('FROM shell-only\nCOPY a.txt b.txt /w/\nRUN chmod -R go-rwx /w && rm -rf /w\n', { 'a.txt': 'a\n', 'b.txt': 'b\n' });
    assert.deepEqual(messagesOn(analysis, 3).filter((message) => message.includes('stores the whole file again')), []);
  });

  it('file replaced after the chmod', async () => {
    // cp writes the content of /w/c.txt into /w/a.txt, so the layer stores that content, not the old file.
    const analysis = await predict('FROM shell-only\nCOPY a.txt b.txt c.txt /w/\nRUN chmod 600 /w/a.txt /w/b.txt && cp /w/c.txt /w/a.txt\n', { 'a.txt': 'aaaa\n', 'b.txt': 'b\n', 'c.txt': 'c\n' });
    assert.deepEqual(messagesOn(analysis, 3), [
      'This RUN changes only the mode of /w/b.txt (0644 → 0600), yet the layer stores the whole file again (2 B). Set the mode where the file is added (COPY --chmod, or the RUN that creates it).',
    ]);
  });

  it('file moved over after the chmod', async () => {
    const analysis = await predict('FROM shell-only\nCOPY a.txt b.txt c.txt /w/\nRUN chmod 600 /w/a.txt /w/b.txt && mv /w/c.txt /w/a.txt\n', { 'a.txt': 'aaaa\n', 'b.txt': 'b\n', 'c.txt': 'c\n' });
    const copyUp = messagesOn(analysis, 3).filter((message) => message.includes('stores the whole file again'));
    assert.deepEqual(copyUp, [
      'This RUN changes only the mode of /w/b.txt (0644 → 0600), yet the layer stores the whole file again (2 B). Set the mode where the file is added (COPY --chmod, or the RUN that creates it).',
    ]);
  });

  it('chmod to an unreadable mode', async () => {
    const analysis = await predict('FROM shell-only\nCOPY a b /\nRUN chmod --reference=/b /a\n', { a: 'abcd', b: 'x' });
    assert.deepEqual(messagesOn(analysis, 3), [
      `This RUN changes at most the mode of /a, ${stored} Set the mode where the file is added (COPY --chmod, or the RUN that creates it).`,
    ]);
  });
});

describe('copyUpMessage', () => {
  it('copies with no commands recorded', () => {
    const lower: WriteEntry = { op: 'write', path: '/a', type: 'file', size: 4, mode: 0o644, uid: 0, gid: 0, certainty: 'exact' };
    const message = copyUpMessage([{ lower, upper: { mode: 0o644, uid: 0, gid: 0 }, commands: new Set() }], '/a', '4 B', 'buildkit');
    assert.equal(message, `This RUN changes only the metadata of /a, ${stored} Set it where the file is added, or in the RUN that creates it.`);
  });
});
