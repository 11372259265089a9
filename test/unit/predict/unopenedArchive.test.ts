/**
 * An ADD source that the context walk listed but that cannot be opened when the prediction checks
 * whether it is a tar. ADD extracts a tar and copies anything else, so the plain copy shown in its
 * place is only an estimate.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import { walkContext } from '../../../src/core/context/walk';
import { certaintiesAt, makeContext, removeContexts, stepAt } from './helpers';

describe('ADD of an archive that cannot be opened', () => {
  after(removeContexts);

  it('archive removed after the walk', async () => {
    const root = makeContext({ 'payload/readme': 'hi' });
    execFileSync('tar', ['-cf', join(root, 'bundle.tar'), '-C', join(root, 'payload'), 'readme']);
    const context = await walkContext(root);
    rmSync(join(root, 'bundle.tar'));
    const text = 'FROM scratch\nADD bundle.tar /opt/\n';

    const analysis = await analyze({ dockerfilePath: join(root, 'Dockerfile'), text, context });

    const step = stepAt(analysis, 2);
    assert.deepEqual(certaintiesAt(analysis, 2), ['/opt exact', '/opt/bundle.tar exact']);
    assert.equal(step.certainty, 'estimated');
    assert.deepEqual(step.notes, [
      'ADD extracts bundle.tar if it is a tar archive, but it could not be opened to check (not found), so it is shown copied as a plain file.',
    ]);
  });

  it('non-tar file stays exact', async () => {
    const root = makeContext({ 'notes.txt': 'plain text' });
    const text = 'FROM scratch\nADD notes.txt /opt/\n';

    const analysis = await analyze({ dockerfilePath: join(root, 'Dockerfile'), text });

    assert.deepEqual(certaintiesAt(analysis, 2), ['/opt exact', '/opt/notes.txt exact']);
    assert.equal(stepAt(analysis, 2).certainty, 'exact');
    assert.deepEqual(stepAt(analysis, 2).notes, []);
  });
});
