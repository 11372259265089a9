import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { problemOfSourceFile } from '../../../src/extension/sourceFileCheck';

describe('problemOfSourceFile', () => {
  let root: string;
  let context: string;

  before(() => {
    // The real path, because the message names the link's target with every link resolved.
    root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'layer-lens-source-check-')));
    context = path.join(root, 'context');
    mkdirSync(context);
    writeFileSync(path.join(context, 'notes.txt'), 'notes\n');
    writeFileSync(path.join(root, 'secret.txt'), 'outside\n');
    symlinkSync(path.join(root, 'secret.txt'), path.join(context, 'escape.txt'));
    symlinkSync('notes.txt', path.join(context, 'alias.txt'));
    mkdirSync(path.join(context, '..data'));
    writeFileSync(path.join(context, '..data', 'app.conf'), 'conf\n');
  });

  after(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('file in the context', async () => {
    assert.equal(await problemOfSourceFile(path.join(context, 'notes.txt'), context, '/srv/notes.txt'), undefined);
  });

  it('folder named ..data in the context', async () => {
    assert.equal(await problemOfSourceFile(path.join(context, '..data', 'app.conf'), context, '/srv/app.conf'), undefined);
  });

  it('link inside the context', async () => {
    assert.equal(await problemOfSourceFile(path.join(context, 'alias.txt'), context, '/srv/alias.txt'), undefined);
  });

  it('file deleted since the analysis', async () => {
    const hostPath = path.join(context, 'gone.txt');
    assert.equal(
      await problemOfSourceFile(hostPath, context, '/srv/gone.txt'),
      `${hostPath} is missing: /srv/gone.txt was copied from it, but it was deleted or moved after the analysis. Run "Layer Lens: Refresh" to analyse the build context again.`,
    );
  });

  it('link out of the context', async () => {
    const hostPath = path.join(context, 'escape.txt');
    assert.equal(
      await problemOfSourceFile(hostPath, context, '/srv/escape.txt'),
      `${hostPath} links to ${path.join(root, 'secret.txt')}, which is outside the build context ${context}, so Layer Lens does not open it.`,
    );
  });
});
