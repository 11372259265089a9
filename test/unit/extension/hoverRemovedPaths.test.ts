import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import { renderStepHover, stepAtLine } from '../../../src/extension/hover/renderHover';

// A context with a folder d/ holding the file x (3 B) and a file f (4 B).
const fixtures = resolve(__dirname, '../../fixtures/removed-paths');

/** Returns the hover section that starts with `**Deletes**` for the step on `line`. */
async function deletesSection(dockerfile: string, line: number): Promise<string> {
  const dockerfilePath = join(fixtures, dockerfile);
  const analysis = await analyze({ dockerfilePath, text: readFileSync(dockerfilePath, 'utf8') });
  const step = stepAtLine(analysis, line);
  assert.ok(step, `no step on line ${line}`);
  const sections = renderStepHover(analysis, step, 'file:///project/Dockerfile').split('\n\n');
  const deletes = sections.find((section) => section.startsWith('**Deletes**'));
  assert.ok(deletes, sections.join('\n\n'));
  return deletes;
}

describe('hover of removed paths', () => {
  it('rm of a file beside an emptied folder', async () => {
    // RUN rm -rf /d && mkdir /d && rm /f: /d/x is hidden by the opaque /d, not below the deleted /f.
    assert.equal(await deletesSection('Dockerfile', 5), '**Deletes** 1 path and hides 1 lower path (7 B):\n- `/f` removes the version from line 3');
  });

  it('rm -rf of a folder alone', async () => {
    assert.equal(await deletesSection('Dockerfile', 6), '**Deletes** 1 path and 1 path below it (3 B):\n- `/e` removes the folder and the path in it');
  });

  it('rm -rf of a folder beside an emptied folder', async () => {
    const expected = '**Deletes** 1 path and 1 path below it, and hides 1 lower path (6 B):\n- `/e` removes the folder and the path in it';
    assert.equal(await deletesSection('below.Dockerfile', 4), expected);
  });

  it('rm of a file beside a file over a folder', async () => {
    assert.equal(await deletesSection('file.Dockerfile', 4), '**Deletes** 1 path and hides 1 lower path (7 B):\n- `/f` removes the version from line 3');
  });

  it('rm of an unlisted file beside an emptied folder', async () => {
    const section = await deletesSection('unlisted.Dockerfile', 4);
    const expected = '**Deletes** 1 path and hides 1 lower path (7 B), and deletes 1 path that earlier layers do not list (unknown size):';
    assert.equal(section.split('\n')[0], expected);
  });
});
