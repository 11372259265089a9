/**
 * `$HOSTNAME` in a RUN. A classic build on BusyBox 1.35 ash wrote `H=set`, took the `[ -n ]`
 * branch and wrote the 12-digit container ID for `${HOSTNAME:-none}`. buildah bud 1.28.2 gave a
 * dash RUN a 12-digit HOSTNAME too, and BusyBox ash and bash 5.2 set it themselves. Under
 * BuildKit a dash RUN may lack it.
 */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import type { BuilderKind } from '../../../../src/core/dockerfile/builders';
import type { KnownImage } from '../../../../src/core/predict/baseImage';
import { changesAt, predict, removeContexts } from '../helpers';
import { certaintyOf, errorsOf, readBusyboxImage, shellImages, textAt } from './realShells';

describe('HOSTNAME in a RUN', () => {
  let busybox: KnownImage;
  before(async () => {
    busybox = await readBusyboxImage();
  });
  after(removeContexts);

  function run(dockerfile: string, builder: BuilderKind): Promise<Analysis> {
    return predict(dockerfile, {}, { builder, images: shellImages(busybox) });
  }

  it('classic, BusyBox ash: set and not empty', async () => {
    const analysis = await run([
      'FROM busybox-local:2',
      'RUN echo "H=${HOSTNAME:+set}" > /q20',
      'RUN [ -n "$HOSTNAME" ] && touch /yes || touch /no',
      'RUN echo "${HOSTNAME:-none}" > /hn',
    ].join('\n') + '\n', 'classic');
    assert.deepEqual(errorsOf(analysis), []);
    assert.equal(textAt(analysis, '/q20'), 'H=set\n');
    assert.equal(certaintyOf(analysis, '/q20'), 'exact');
    assert.deepEqual(changesAt(analysis, 3), ['/yes added file']);
    assert.equal(certaintyOf(analysis, '/yes'), 'exact');
    assert.equal(analysis.stack.lookup('/hn')?.entry.size, 13);
    assert.equal(certaintyOf(analysis, '/hn'), 'estimated');
  });

  const setBy: Array<[string, BuilderKind, string]> = [
    ['buildah, dash', 'buildah', 'FROM bash-dash'],
    ['BuildKit, bash', 'buildkit', 'FROM bash-dash\nSHELL ["/bin/bash", "-c"]'],
    ['BuildKit, BusyBox ash', 'buildkit', 'FROM busybox-local:2'],
  ];
  for (const [title, builder, start] of setBy) {
    it(`${title}: set`, async () => {
      const analysis = await run(`${start}\nRUN echo "H=\${HOSTNAME:+set}" > /q20; [ -z "$HOSTNAME" ] || : > /yes\n`, builder);
      assert.equal(textAt(analysis, '/q20'), 'H=set\n');
      assert.equal(certaintyOf(analysis, '/q20'), 'exact');
      assert.equal(certaintyOf(analysis, '/yes'), 'exact');
    });
  }

  it('BuildKit, dash: whether set is unknown', async () => {
    const analysis = await run('FROM bash-dash\nRUN echo "H=${HOSTNAME:+set}" > /q20; echo "${HOSTNAME:-none}" > /hn; set -u; : > "/h-$HOSTNAME"\n', 'buildkit');
    assert.deepEqual(errorsOf(analysis), []);
    assert.equal(certaintyOf(analysis, '/q20'), 'estimated');
    assert.equal(certaintyOf(analysis, '/hn'), 'estimated');
  });

  it('ENV HOSTNAME: its value', async () => {
    const analysis = await run('FROM busybox-local:2\nENV HOSTNAME=abc\nRUN echo "$HOSTNAME" > /h\n', 'classic');
    assert.equal(textAt(analysis, '/h'), 'abc\n');
    assert.equal(certaintyOf(analysis, '/h'), 'exact');
  });

  it('set in the script: its value', async () => {
    const analysis = await run('FROM busybox-local:2\nRUN HOSTNAME=; echo "${HOSTNAME:-none}" > /h\n', 'classic');
    assert.equal(textAt(analysis, '/h'), 'none\n');
    assert.equal(certaintyOf(analysis, '/h'), 'exact');
  });

  it('unset in the script: unset', async () => {
    const analysis = await run('FROM busybox-local:2\nRUN unset HOSTNAME; echo "${HOSTNAME:-none}" > /h\n', 'classic');
    assert.equal(textAt(analysis, '/h'), 'none\n');
    assert.equal(certaintyOf(analysis, '/h'), 'exact');
  });
});
