/**
 * bash's PIPESTATUS, which the prediction does not follow. bash 5.2.15 printed 1 for `false |
 * true; echo "${PIPESTATUS:-none}"`, so a shell that may be bash gives an estimated value. dash
 * 0.5.12 and BusyBox 1.35 ash printed none, which stays exact.
 */
import * as assert from 'node:assert/strict';
import type { KnownImage } from '../../../../src/core/predict/baseImage';
import { removeContexts, stepAt } from '../helpers';
import { certaintyOf, predictOnShell, readBusyboxImage, textAt } from './realShells';

describe('PIPESTATUS', () => {
  let busybox: KnownImage;
  before(async () => {
    busybox = await readBusyboxImage();
  });
  after(removeContexts);

  const script = 'false | true; echo "${PIPESTATUS:-none}" > /st';
  const cases: Array<{ base: string; lines: string; certainty: string; st?: string }> = [
    { base: 'bash-dash', lines: `SHELL ["/bin/bash", "-c"]\nRUN ${script}`, certainty: 'estimated' },
    { base: 'bash-dash', lines: `RUN bash -c '${script}'`, certainty: 'estimated' },
    // mksh is a shell of unknown kind here, which may set it as bash does.
    { base: 'mksh', lines: `RUN ${script}`, certainty: 'estimated' },
    { base: 'bash-dash', lines: `RUN ${script}`, certainty: 'exact', st: 'none\n' },
    { base: 'busybox-local:2', lines: `RUN ${script}`, certainty: 'exact', st: 'none\n' },
  ];
  for (const { base, lines, certainty, st } of cases) {
    it(`${base}, ${lines.replace('\n', ' ')}`, async () => {
      const { analysis, line } = await predictOnShell(busybox, base, lines);
      assert.equal(certaintyOf(analysis, '/st'), certainty);
      assert.equal(stepAt(analysis, line).certainty, certainty);
      if (st !== undefined) assert.equal(textAt(analysis, '/st'), st);
    });
  }
});
