/**
 * `cd -`: goes to `$OLDPWD` and prints it. The expected files are those of real classic and
 * buildah builds on BusyBox ash. Without an earlier cd, BusyBox 1.35 ash and dash 0.5.12 stay in
 * the folder and print it, and bash 5.2 fails with "cd: OLDPWD not set" and status 1.
 */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import type { KnownImage } from '../../../../src/core/predict/baseImage';
import { changesAt, predict, removeContexts } from '../helpers';
import { errorsOf, readBusyboxImage, shellImages, textAt } from './realShells';

describe('cd -', () => {
  let busybox: KnownImage;
  before(async () => {
    busybox = await readBusyboxImage();
  });
  after(removeContexts);

  function run(dockerfile: string): Promise<Analysis> {
    return predict(dockerfile, {}, { builder: 'classic', images: shellImages(busybox) });
  }

  it('returns to the symlinked WORKDIR', async () => {
    const analysis = await run([
      'FROM busybox-local:2',
      'RUN mkdir -p /real/sub/deep && ln -s /real/sub /s2 && ln -s /real /lnk && ln -s sub/deep /real/dl',
      'WORKDIR /lnk/dl',
      'RUN cd /s2 && cd - > /o-dash && touch a3',
      'RUN touch later',
    ].join('\n') + '\n');
    assert.deepEqual(errorsOf(analysis), []);
    assert.deepEqual(changesAt(analysis, 4), ['/o-dash added file', '/real/sub/deep/a3 added file']);
    assert.equal(textAt(analysis, '/o-dash'), '/real/sub/deep\n');
    assert.deepEqual(changesAt(analysis, 5), ['/real/sub/deep/later added file']);
  });

  it('BusyBox ash, no earlier cd: stays', async () => {
    const analysis = await run('FROM busybox-local:2\nWORKDIR /w\nRUN (cd - > /o-dash0 2>&1 || echo "rc=$?" > /o-dash0-failed); touch h3\n');
    assert.deepEqual(errorsOf(analysis), []);
    assert.deepEqual(changesAt(analysis, 3), ['/o-dash0 added file', '/w/h3 added file']);
    assert.equal(textAt(analysis, '/o-dash0'), '/w\n');
  });

  it('twice: back and forth', async () => {
    const analysis = await run('FROM busybox-local:2\nWORKDIR /w\nRUN cd /tmp && cd / && cd - > /dev/null && touch t1 && cd - > /dev/null && touch r1\n');
    assert.deepEqual(changesAt(analysis, 3), ['/r1 added file', '/tmp/t1 added file']);
  });

  it('dash, no earlier cd: stays', async () => {
    const analysis = await run('FROM bash-dash\nWORKDIR /w\nRUN cd - > /o && : > h3\n');
    assert.deepEqual(errorsOf(analysis), []);
    assert.equal(textAt(analysis, '/o'), '/w\n');
    assert.ok(analysis.stack.lookup('/w/h3'), 'h3 is in /w');
  });

  it('bash, no earlier cd: fails', async () => {
    const analysis = await run('FROM bash-dash\nSHELL ["/bin/bash", "-c"]\nWORKDIR /w\nRUN cd - > /o && : > h3\n');
    const errors = errorsOf(analysis);
    assert.equal(errors.length, 1);
    assert.match(errors[0], /"cd -" fails \(\/bin\/bash: line 1: cd: OLDPWD not set\)/);
  });

  it('nested bash -c, no earlier cd: fails with its line', async () => {
    // bash 5.2.15 wrote "bash: line 1: cd: OLDPWD not set" to a file, also where its `$0` is `bash`.
    const analysis = await run('FROM bash-dash\nWORKDIR /w\nRUN bash -c "cd -" && : > h3\n');
    const errors = errorsOf(analysis);
    assert.equal(errors.length, 1);
    assert.match(errors[0], /"cd -" fails \(bash: line 1: cd: OLDPWD not set\)/);
  });

  it('bash, no earlier cd: $? is 1', async () => {
    const analysis = await run('FROM bash-dash\nSHELL ["/bin/bash", "-c"]\nWORKDIR /w\nRUN cd - || echo "cd=$?" > /o\n');
    assert.deepEqual(errorsOf(analysis), []);
    assert.equal(textAt(analysis, '/o'), 'cd=1\n');
  });
});
