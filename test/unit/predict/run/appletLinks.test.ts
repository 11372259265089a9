/**
 * A command that PATH finds as a link to BusyBox whose applet that BusyBox may lack. Debian 12's
 * busybox-static 1.35 has no `install` applet: through `/bin/install -> busybox`,
 * `touch /f1 && install -d /f1 || echo "inst=$?" > /q19` wrote `inst=127` in real classic and
 * buildah builds, and dash and BusyBox ash printed "install: applet not found".
 */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import type { KnownImage } from '../../../../src/core/predict/baseImage';
import { defaultPath } from '../../../../src/core/predict/run/script';
import { changesAt, folderEntry, linkEntry, predict, programEntry, removeContexts, stepAt } from '../helpers';
import { certaintyOf, errorsOf } from './realShells';

/**
 * BusyBox as /bin/sh with applet links for touch and mkdir, and `install` as given. An `alpine`
 * image also has /etc/alpine-release, as Alpine's, whose BusyBox has an install applet.
 */
function busyboxWith(install: 'link' | 'program' | 'alpine'): KnownImage {
  const installEntry = install === 'program' ? programEntry('/bin/install') : linkEntry('/bin/install', 'busybox');
  const release = install === 'alpine' ? [folderEntry('/etc'), programEntry('/etc/alpine-release')] : [];
  return {
    layer: {
      entries: [folderEntry('/bin'), programEntry('/bin/busybox'), linkEntry('/bin/sh', 'busybox'), linkEntry('/bin/touch', 'busybox'), linkEntry('/bin/mkdir', 'busybox'), installEntry, ...release],
      certainty: 'exact',
    },
    config: { env: new Map([['PATH', defaultPath]]) },
  };
}

function run(install: 'link' | 'program' | 'alpine', script: string): Promise<Analysis> {
  return predict(`FROM bb\nRUN ${script}\n`, {}, { builder: 'classic', images: (reference) => (reference === 'bb' ? busyboxWith(install) : undefined) });
}

describe('BusyBox applet links', () => {
  after(removeContexts);

  it('install link: status and writes estimated', async () => {
    const analysis = await run('link', 'install -d /d && touch /f1 && install -d /f1 || echo "inst=$?" > /q19');
    assert.deepEqual(changesAt(analysis, 2), ['/d added directory', '/f1 added file', '/q19 added file']);
    assert.equal(certaintyOf(analysis, '/d'), 'estimated');
    assert.equal(certaintyOf(analysis, '/q19'), 'estimated');
    const notes = stepAt(analysis, 2).notes;
    assert.ok(notes.some((note) => note.includes('"install: applet not found" (status 127)')), notes.join('\n'));
  });

  it('install link: failure stays certain', async () => {
    // Without the applet the command fails too, so the RUN fails either way.
    const analysis = await run('link', 'touch /f1 && install -d /f1');
    assert.deepEqual(errorsOf(analysis), [`This RUN ends with a non-zero exit status because "install -d /f1" fails (install: can't create directory '/f1': File exists), so the build fails on this line.`]);
  });

  it('GNU install: exact', async () => {
    const analysis = await run('program', 'install -d /d && touch /f1 && install -d /f1 || echo "inst=$?" > /q19');
    assert.equal(certaintyOf(analysis, '/d'), 'exact');
    assert.equal(certaintyOf(analysis, '/q19'), 'exact');
  });

  it('install link on Alpine: exact, no note', async () => {
    const analysis = await run('alpine', 'install -d /d');
    assert.equal(certaintyOf(analysis, '/d'), 'exact');
    assert.deepEqual(stepAt(analysis, 2).notes, []);
  });

  it('mkdir link: exact', async () => {
    const analysis = await run('link', 'mkdir /m');
    assert.equal(certaintyOf(analysis, '/m'), 'exact');
    assert.deepEqual(stepAt(analysis, 2).notes, []);
  });
});
