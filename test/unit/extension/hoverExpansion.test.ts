import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import type { Analysis } from '../../../src/core/analysis/types';
import { renderStepHover, stepAtLine } from '../../../src/extension/hover/renderHover';
import { predict, removeContexts } from '../predict/helpers';

const dockerfilePath = path.resolve(__dirname, '../../fixtures/hover/expansions/Dockerfile');

/** Returns the hover's sections of the step on a 1-based line. */
function sectionsAt(analysis: Analysis, line: number): string[] {
  const step = stepAtLine(analysis, line);
  assert.ok(step, `no step on line ${line}`);
  return renderStepHover(analysis, step, 'file:///project/Dockerfile').split('\n\n');
}

/** Returns the hover's section that starts with `start`, or `undefined`. */
function sectionAt(analysis: Analysis, line: number, start: string): string | undefined {
  return sectionsAt(analysis, line).find((section) => section.startsWith(start));
}

describe('hover expansions', () => {
  after(removeContexts);

  let plain: Analysis;
  let withArgs: Analysis;

  before(async () => {
    const text = readFileSync(dockerfilePath, 'utf8');
    plain = await analyze({ dockerfilePath, text });
    withArgs = await analyze({ dockerfilePath, text, buildArgs: { SUFFIX: 'blue', USER_ID: 'web' } });
  });

  it('ARG DIR takes the global value', () => {
    assert.equal(sectionAt(plain, 5, 'After this line'), 'After this line, `DIR` is `/opt/app`.');
  });

  it('ARG SUFFIX without a value', () => {
    assert.equal(sectionAt(plain, 8, 'After this line'), 'After this line, `SUFFIX` has no value.');
  });

  it('ARG SUFFIX from the build arguments', () => {
    assert.equal(sectionAt(withArgs, 8, 'After this line'), 'After this line, `SUFFIX` is `blue`, from the build arguments.');
  });

  it('ARG GRP=webgrp shows nothing more', () => {
    assert.equal(sectionAt(plain, 7, 'After this line'), undefined);
  });

  it('ENV APPDIR=$DIR FLAVOR=${SUFFIX:-dflt} ALT=${SUFFIX:+alt} PLAIN=1', () => {
    assert.equal(
      sectionAt(plain, 9, 'After this line'),
      'After this line, `APPDIR` is `$DIR` (expands to `/opt/app`), `FLAVOR` is `${SUFFIX:-dflt}` (expands to `dflt`) and `ALT` is `${SUFFIX:+alt}` (expands to nothing).',
    );
    assert.equal(
      sectionAt(withArgs, 9, 'After this line'),
      'After this line, `APPDIR` is `$DIR` (expands to `/opt/app`), `FLAVOR` is `${SUFFIX:-dflt}` (expands to `blue`) and `ALT` is `${SUFFIX:+alt}` (expands to `alt`).',
    );
  });

  it('COPY --chown=$USER_ID:$GRP', () => {
    assert.equal(sectionAt(plain, 10, 'The files it copies'), 'The files it copies are owned by 1000:2345 (`$USER_ID:$GRP` expands to `1000:webgrp`).');
    assert.equal(sectionAt(withArgs, 10, 'The files it copies'), 'The files it copies are owned by 1234:2345 (`$USER_ID:$GRP` expands to `web:webgrp`).');
  });

  it('COPY --chown=web:webgrp', () => {
    assert.equal(sectionAt(plain, 11, 'The files it copies'), 'The files it copies are owned by 1234:2345 (`web:webgrp`).');
  });

  it('COPY --chown=4242:${OWNER} into a new folder', async () => {
    // The classic builder gives root the folder it makes above the destination, so the sentence names only the copied files.
    const analysis = await predict('FROM scratch\nARG OWNER=1000\nCOPY --chown=4242:${OWNER} d/ /srv/d/\n', { 'd/a.txt': 'a\n' }, { builder: 'classic' });
    assert.equal(sectionAt(analysis, 3, 'The files it copies'), 'The files it copies are owned by 4242:1000 (`4242:${OWNER}` expands to `4242:1000`).');
    const owners = new Map(analysis.stack.layers[2].entries.map(({ entry }) => [entry.path, entry.op === 'write' ? `${entry.uid}:${entry.gid}` : entry.op]));
    assert.equal(owners.get('/srv'), '0:0');
    assert.equal(owners.get('/srv/d/a.txt'), '4242:1000');
  });

  it('ADD --chown=4242:${OWNER} of an archive', async () => {
    // The archive's members are owned by 1234:2345, which the classic builder keeps.
    const archive = readFileSync(path.resolve(__dirname, '../../fixtures/archive-owners/own.tar.gz'));
    const analysis = await predict('FROM scratch\nARG OWNER=1000\nADD --chown=4242:${OWNER} own.tar.gz /x/\n', { 'own.tar.gz': { content: archive, mode: 0o644 } }, { builder: 'classic' });
    assert.equal(sectionAt(analysis, 3, 'The files it copies'), undefined);
    assert.equal(sectionAt(analysis, 3, 'The owner'), 'The owner `4242:${OWNER}` expands to `4242:1000`.');
  });

  it('COPY --chown=1000:1000 shows nothing more', () => {
    assert.equal(sectionAt(plain, 12, 'The files it copies'), undefined);
  });

  it('USER $U', () => {
    assert.equal(sectionAt(plain, 14, 'Later RUN steps'), 'Later RUN steps and the container run as `$U` (expands to `web`, uid:gid 1234:2345).');
  });

  it('USER app:root', () => {
    assert.equal(sectionAt(plain, 15, 'Later RUN steps'), 'Later RUN steps and the container run as `app:root` (uid:gid 1000:0).');
  });

  it('USER 1000 shows nothing more', () => {
    assert.equal(sectionAt(plain, 16, 'Later RUN steps'), undefined);
  });
});
