/**
 * Tilde expansion in a RUN. The expected layers are those of a real classic build on BusyBox ash
 * (`~/.cache`, `~root/t2` and `echo ~` give /root/.cache, /root/t2 and "/root\n"). The quoting
 * and assignment cases are what dash 0.5.12, bash 5.2.15 and BusyBox 1.35 ash all print.
 */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import type { KnownImage } from '../../../../src/core/predict/baseImage';
import { certaintiesAt, changesAt, ownerAt, predict, removeContexts } from '../helpers';
import { errorsOf, readBusyboxImage, shellImages, textAt } from './realShells';

describe('tilde expansion', () => {
  let busybox: KnownImage;
  before(async () => {
    busybox = await readBusyboxImage();
  });
  after(removeContexts);

  function run(lines: string[]): Promise<Analysis> {
    return predict(['FROM busybox-local:2', 'WORKDIR /w', ...lines].join('\n') + '\n', {}, { builder: 'classic', images: shellImages(busybox) });
  }

  it('~/.cache and ~root/t2 as built', async () => {
    const analysis = await run(['RUN mkdir ~/.cache && touch ~/.cache/t1 ~root/t2', 'RUN echo ~ > /o-tilde']);
    assert.deepEqual(errorsOf(analysis), []);
    assert.deepEqual(certaintiesAt(analysis, 3), ['/root/.cache exact', '/root/.cache/t1 exact', '/root/t2 exact']);
    assert.equal(textAt(analysis, '/o-tilde'), '/root\n');
    assert.deepEqual(certaintiesAt(analysis, 4), ['/o-tilde exact']);
  });

  it('mkdir -p ~/.ssh, then a redirect', async () => {
    const analysis = await run(['RUN mkdir -p ~/.ssh && echo key > ~/.ssh/known_hosts']);
    assert.deepEqual(changesAt(analysis, 3), ['/root/.ssh added directory', '/root/.ssh/known_hosts added file']);
    assert.equal(analysis.stack.lookup('/w/~'), undefined);
  });

  it('cd ~', async () => {
    const analysis = await run(['RUN cd ~ && touch h2']);
    assert.deepEqual(errorsOf(analysis), []);
    assert.deepEqual(changesAt(analysis, 3), ['/root/h2 added file']);
  });

  it('quoted tilde stays literal', async () => {
    const analysis = await run([`RUN touch "~" \\~x ~"y" '~z' a~`]);
    assert.deepEqual(changesAt(analysis, 3), ['/w/a~ added file', '/w/~ added file', '/w/~x added file', '/w/~y added file', '/w/~z added file']);
  });

  it('assignments, export and ${U:-~}', async () => {
    const analysis = await run(['RUN A=x:~/y:~app B=a=~ && export C=~/c && echo "$A $B $C" ${U:-~/u} "${U:-~/u}" a=~ > /o']);
    assert.equal(textAt(analysis, '/o'), 'x:/root/y:/home/app a=~ /root/c /root/u ~/u a=~\n');
  });

  it('export PATH=$PATH:~/bin', async () => {
    const analysis = await run(['ENV PATH=/bin', 'RUN export PATH=$PATH:~/bin && echo "$PATH" > /o']);
    assert.equal(textAt(analysis, '/o'), '/bin:/root/bin\n');
  });

  it('ENV HOME', async () => {
    const analysis = await run(['ENV HOME=/srv', 'RUN mkdir -p ~/d']);
    assert.deepEqual(changesAt(analysis, 4), ['/srv added directory', '/srv/d added directory']);
  });

  it('USER app', async () => {
    const analysis = await run(['USER app', 'RUN touch ~/f']);
    assert.equal(ownerAt(analysis, 4, '/home/app/f'), '1000:1000 exact');
  });

  it('unknown user: no exact path', async () => {
    const analysis = await run(['RUN touch ~nosuch/x ~0']);
    assert.deepEqual(certaintiesAt(analysis, 3).filter((line) => line.endsWith(' exact')), []);
    assert.ok(analysis.steps[2].notes.some((note) => note.includes('"~nosuch/x"')), analysis.steps[2].notes.join('\n'));
  });

  it('unread passwd, USER app: no exact path', async () => {
    const analysis = await predict('FROM debian:12\nUSER app\nRUN mkdir -p ~/.ssh && touch ~/.ssh/config\n', {}, { builder: 'classic' });
    assert.deepEqual(certaintiesAt(analysis, 3).filter((line) => line.endsWith(' exact')), []);
  });
});
