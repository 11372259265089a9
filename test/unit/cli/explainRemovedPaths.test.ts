import * as assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { main } from '../../../src/cli/main';
import { captureCli } from './capture';

// A context with a folder d/ holding the file x (3 B) and a file f (4 B).
const fixtures = resolve(__dirname, '../../fixtures/removed-paths');

/** Returns the detail line that `layer-lens explain` prints under the step on `line`. */
async function stepDetail(dockerfile: string, line: number): Promise<string> {
  const result = await captureCli(main, ['explain', join(fixtures, dockerfile)]);
  assert.equal(result.status, 0, result.stderr);
  const lines = result.stdout.split('\n');
  const head = lines.findIndex((text) => new RegExp(`^ +#\\d+ +line ${line} `).test(text));
  assert.ok(head >= 0, result.stdout);
  return lines[head + 1].trim();
}

describe('explain text of removed paths', () => {
  it('rm of a file beside an emptied folder', async () => {
    // RUN rm -rf /d && mkdir /d && rm /f: /d/x is hidden by the opaque /d, not below the deleted /f.
    assert.equal(await stepDetail('Dockerfile', 5), 'modifies 1 (0 B), deletes 1 path and hides 1 lower path (7 B); exact');
  });

  it('rm -rf of a folder alone', async () => {
    assert.equal(await stepDetail('Dockerfile', 6), 'deletes 1 path and 1 path below it (3 B); exact');
  });

  it('rm -rf of a folder beside an emptied folder', async () => {
    const detail = await stepDetail('below.Dockerfile', 4);
    assert.equal(detail, 'modifies 1 (0 B), deletes 1 path and 1 path below it, and hides 1 lower path (6 B); exact');
  });

  it('rm of a file beside a file over a folder', async () => {
    // The file over /d is counted as a type change, as the Image Layers view names it.
    const detail = await stepDetail('file.Dockerfile', 4);
    assert.equal(detail, 'modifies 1 (6 B, 1 folder → file), deletes 1 path and hides 1 lower path (7 B); exact');
  });
});
