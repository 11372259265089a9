/** RUN shell semantics and unknown commands: the test name is the Dockerfile. */
import * as assert from 'node:assert/strict';
import { certaintiesAt, changesAt, predict, removeContexts, stepAt } from '../helpers';

describe('RUN shell semantics', () => {
  after(removeContexts);

  it('FROM shell-only\\nRUN false; touch /x', async () => {
    const analysis = await predict('FROM shell-only\nRUN false; touch /x\n');
    assert.deepEqual(changesAt(analysis, 2), ['/x added file']);
    assert.deepEqual(analysis.problems, []);
  });

  it('FROM shell-only\\nRUN set -e; touch /a; false; touch /b', async () => {
    const analysis = await predict('FROM shell-only\nRUN set -e; touch /a; false; touch /b\n');
    // The build stops on this RUN, so nothing it wrote reaches a layer.
    assert.deepEqual(changesAt(analysis, 2), []);
    assert.equal(analysis.problems[0].message, 'This RUN ends with a non-zero exit status because "false" fails, so the build fails on this line.');
  });

  it('FROM shell-only\\nRUN set -e; false || touch /b; ! true && touch /c; touch /d', async () => {
    const analysis = await predict('FROM shell-only\nRUN set -e; false || touch /b; ! true && touch /c; touch /d\n');
    assert.deepEqual(changesAt(analysis, 2), ['/b added file', '/d added file']);
  });

  it('FROM shell-only\\nRUN false && echo x > /skipped; touch /ran', async () => {
    // The redirect belongs to `echo` only, so the skipped command writes nothing.
    const analysis = await predict('FROM shell-only\nRUN false && echo x > /skipped; touch /ran\n');
    assert.deepEqual(changesAt(analysis, 2), ['/ran added file']);
  });

  it('FROM shell-only\\nWORKDIR /w\\nRUN mkdir sub && cd sub && touch here', async () => {
    const analysis = await predict('FROM shell-only\nWORKDIR /w\nRUN mkdir sub && cd sub && touch here\n');
    assert.deepEqual(changesAt(analysis, 3), ['/w/sub added directory', '/w/sub/here added file']);
  });

  it('FROM shell-only\\nRUN mkdir /s && (cd /s && touch in) && touch out', async () => {
    const analysis = await predict('FROM shell-only\nRUN mkdir /s && (cd /s && touch in) && touch out\n');
    assert.deepEqual(changesAt(analysis, 2), ['/out added file', '/s added directory', '/s/in added file']);
  });

  it('FROM shell-only\\nRUN for f in a "b c"; do touch "/$f"; done', async () => {
    const analysis = await predict('FROM shell-only\nRUN for f in a "b c"; do touch "/$f"; done\n');
    assert.deepEqual(changesAt(analysis, 2), ['/a added file', '/b c added file']);
  });

  it('FROM shell-only\\nCOPY a /a\\nRUN if [ -e /a ]; then touch /yes; else touch /no; fi', async () => {
    const analysis = await predict('FROM shell-only\nCOPY a /a\nRUN if [ -e /a ]; then touch /yes; else touch /no; fi\n', { a: '1' });
    assert.deepEqual(changesAt(analysis, 3), ['/yes added file']);
    assert.equal(stepAt(analysis, 3).certainty, 'exact');
  });

  it('FROM shell-only\\nENV DIR=/opt/app\\nRUN X=$DIR/data; mkdir -p $X ${MISSING:-/fallback}', async () => {
    const analysis = await predict('FROM shell-only\nENV DIR=/opt/app\nRUN X=$DIR/data; mkdir -p $X ${MISSING:-/fallback}\n');
    assert.deepEqual(changesAt(analysis, 3), ['/fallback added directory', '/opt added directory', '/opt/app added directory', '/opt/app/data added directory']);
  });

  it('FROM shell-only\\nRUN echo $HOME > /h', async () => {
    const analysis = await predict('FROM shell-only\nRUN echo $HOME > /h\n');
    // shell-only has no /etc/passwd, so runc sets HOME to /.
    assert.equal(analysis.stack.lookup('/h')?.entry.size, '/\n'.length);
  });

  it('FROM shell-only\\nRUN sh -c \'touch /nested\'', async () => {
    const analysis = await predict("FROM shell-only\nRUN sh -c 'touch /nested'\n");
    assert.deepEqual(changesAt(analysis, 2), ['/nested added file']);
  });

  it('FROM shell-only\\nRUN ["mkdir", "/exec"]', async () => {
    const analysis = await predict('FROM shell-only\nRUN ["mkdir", "/exec"]\n');
    assert.deepEqual(changesAt(analysis, 2), ['/exec added directory']);
  });

  it('FROM shell-only\\nRUN <<EOF\\necho hi > /x\\nEOF', async () => {
    const analysis = await predict('FROM shell-only\nRUN <<EOF\necho hi > /x\nEOF\n');
    assert.deepEqual(changesAt(analysis, 2), ['/x added file']);
    assert.equal(analysis.stack.lookup('/x')?.entry.size, 3);
  });

  it('FROM shell-only\\nSHELL ["pwsh", "-c"]\\nRUN New-Item /x', async () => {
    const analysis = await predict('FROM shell-only\nSHELL ["pwsh", "-c"]\nRUN New-Item /x\n');
    assert.equal(stepAt(analysis, 3).certainty, 'unknown');
    assert.match(stepAt(analysis, 3).notes[0], /SHELL is \["pwsh","-c"\], which is not a POSIX shell/);
  });

  it('FROM busybox\\nRUN test -e /nope && touch /never || touch /fallback', async () => {
    const analysis = await predict('FROM busybox\nRUN test -e /nope && touch /never || touch /fallback\n');
    assert.deepEqual(changesAt(analysis, 2), ['/fallback added file']);
    assert.deepEqual(certaintiesAt(analysis, 2), ['/fallback estimated']);
  });

  it('FROM busybox\\nRUN mkdir -p /cont && echo one > /cont/one.txt', async () => {
    // The folder may already be in the base image, but `mkdir -p` succeeds either way.
    const analysis = await predict('FROM busybox\nRUN mkdir -p /cont && echo one > /cont/one.txt\n');
    assert.deepEqual(certaintiesAt(analysis, 2), ['/cont estimated', '/cont/one.txt exact']);
  });

  it('FROM shell-only\\nRUN make && touch /after', async () => {
    const analysis = await predict('FROM shell-only\nRUN make && touch /after\n');
    assert.deepEqual(changesAt(analysis, 2), ['/after added file']);
    assert.equal(stepAt(analysis, 2).certainty, 'unknown');
    assert.deepEqual(stepAt(analysis, 2).notes, ['"make" is not modelled, so what it writes is unknown; the layer may hold more than is listed.']);
    assert.deepEqual(certaintiesAt(analysis, 2), ['/after estimated']);
  });

  it('FROM shell-only\\nRUN while true; do :; done', async () => {
    const analysis = await predict('FROM shell-only\nRUN while true; do :; done\n');
    assert.equal(stepAt(analysis, 2).certainty, 'unknown');
    assert.match(stepAt(analysis, 2).notes[0], /a while loop/);
  });

  it('FROM shell-only\\nRUN echo "unterminated', async () => {
    const analysis = await predict('FROM shell-only\nRUN echo "unterminated\n');
    assert.equal(stepAt(analysis, 2).failed, true);
    assert.deepEqual(analysis.problems.map((problem) => `${problem.line} ${problem.severity}`), ['2 error']);
    assert.equal(analysis.problems[0].message, 'This RUN\'s script has a syntax error, so sh rejects it and the build fails on this line. The opening " is never closed. Correct the script.');
  });
});
