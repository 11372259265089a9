/**
 * HOME of a user that /etc/passwd does not list. The expected values are those of real builds
 * on a BusyBox root filesystem that `docker import` made, by the classic builder of Docker Engine
 * 20.10.24 and by buildah 1.28.2, both with runc 1.1.5. Without /etc/passwd, or with a file that
 * lists only nobody, `echo "$HOME"`, `echo ~` and `cd ~ && pwd` printed `/` for root and for
 * USER 1234, and USER nobody got the home of its line.
 */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import type { KnownImage } from '../../../../src/core/predict/baseImage';
import { predict, removeContexts } from '../helpers';
import { errorsOf, readBusyboxImage, shellImages, textAt } from './realShells';

const nobodyOnly = 'nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n';

describe('HOME of an unlisted user', () => {
  let busybox: KnownImage;
  before(async () => {
    busybox = await readBusyboxImage();
  });
  after(removeContexts);

  function run(lines: string[]): Promise<Analysis> {
    const dockerfile = ['FROM busybox-local:2', 'COPY passwd /etc/passwd', ...lines].join('\n') + '\n';
    return predict(dockerfile, { passwd: nobodyOnly }, { builder: 'classic', images: shellImages(busybox) });
  }

  it('root without a passwd line', async () => {
    const analysis = await run(['RUN echo "[$HOME]" > /h; echo ~ > /t']);
    assert.deepEqual(errorsOf(analysis), []);
    assert.equal(textAt(analysis, '/h'), '[/]\n');
    assert.equal(textAt(analysis, '/t'), '/\n');
  });

  it('USER 1234 without a passwd line', async () => {
    const analysis = await run(['USER 1234', 'RUN echo "[$HOME]" > /tmp/h2; echo ~ > /tmp/t2; cd ~ && echo "$PWD" > /tmp/p2']);
    assert.deepEqual(errorsOf(analysis), []);
    assert.equal(textAt(analysis, '/tmp/h2'), '[/]\n');
    assert.equal(textAt(analysis, '/tmp/t2'), '/\n');
    assert.equal(textAt(analysis, '/tmp/p2'), '/\n');
  });

  // dash 0.5.12, bash 5.2.15 and BusyBox 1.35 ash each take a bare `cd` (also `cd -P --`) to $HOME.
  it('root: bare cd goes to HOME', async () => {
    const analysis = await run(['RUN mkdir /w && cd /w && cd && pwd > /p; cd /w; cd -P -- ; pwd > /q']);
    assert.deepEqual(errorsOf(analysis), []);
    assert.equal(textAt(analysis, '/p'), '/\n');
    assert.equal(textAt(analysis, '/q'), '/\n');
  });

  // No `~` or `HOME` in the text: the nested shell's bare `cd` still reads HOME from /etc/passwd.
  it('root: bare cd in a nested sh', async () => {
    const analysis = await run(['RUN sh -c "cd && pwd > /p"']);
    assert.deepEqual(errorsOf(analysis), []);
    assert.equal(textAt(analysis, '/p'), '/\n');
  });

  it('root: passwd line, bare cd in a nested sh', async () => {
    const dockerfile = 'FROM busybox-local:2\nCOPY passwd /etc/passwd\nRUN mkdir -p /var/root\nRUN sh -c "cd && pwd > /p"\n';
    const analysis = await predict(dockerfile, { passwd: 'root:x:0:0:root:/var/root:/bin/sh\n' }, { builder: 'classic', images: shellImages(busybox) });
    assert.deepEqual(errorsOf(analysis), []);
    assert.equal(textAt(analysis, '/p'), '/var/root\n');
  });

  it('USER nobody keeps its line', async () => {
    const analysis = await run(['USER nobody', 'RUN echo "[$HOME]" > /tmp/h3']);
    assert.equal(textAt(analysis, '/tmp/h3'), '[/nonexistent]\n');
  });

  it('root after rm /etc/passwd', async () => {
    const dockerfile = 'FROM busybox-local:2\nRUN rm /etc/passwd\nRUN echo "[$HOME]" > /h\n';
    const analysis = await predict(dockerfile, {}, { builder: 'classic', images: shellImages(busybox) });
    assert.equal(textAt(analysis, '/h'), '[/]\n');
  });

  it('USER 1000 takes the home of its line', async () => {
    const analysis = await predict('FROM busybox-local:2\nUSER 1000\nRUN echo "[$HOME]" > /tmp/h\n', {}, { builder: 'classic', images: shellImages(busybox) });
    assert.equal(textAt(analysis, '/tmp/h'), '[/home/app]\n');
  });

  it('root of an unread base image', async () => {
    const analysis = await predict('FROM debian:12\nRUN echo "[$HOME]" > /h\n', {}, { builder: 'classic' });
    assert.equal(textAt(analysis, '/h'), '[/root]\n');
  });
});
