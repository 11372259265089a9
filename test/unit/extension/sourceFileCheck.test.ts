import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkSourceFile } from '../../../src/extension/sourceFileCheck';

describe('checkSourceFile', () => {
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
    symlinkSync('nope', path.join(context, 'dangling'));
    mkdirSync(path.join(context, 'assets'));
    symlinkSync('assets', path.join(context, 'link-to-dir'));
    mkdirSync(path.join(context, 'src'));
    symlinkSync('../notes.txt', path.join(context, 'src', 'link-to-notes'));
    mkdirSync(path.join(context, '..data'));
    writeFileSync(path.join(context, '..data', 'app.conf'), 'conf\n');
  });

  after(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('file in the context', async () => {
    const hostPath = path.join(context, 'notes.txt');
    assert.deepEqual(await checkSourceFile(hostPath, context, '/srv/notes.txt'), { kind: 'open', path: hostPath });
  });

  it('folder named ..data in the context', async () => {
    const hostPath = path.join(context, '..data', 'app.conf');
    assert.deepEqual(await checkSourceFile(hostPath, context, '/srv/app.conf'), { kind: 'open', path: hostPath });
  });

  it('link to a file opens the file', async () => {
    assert.deepEqual(await checkSourceFile(path.join(context, 'alias.txt'), context, '/srv/alias.txt'), { kind: 'open', path: path.join(context, 'notes.txt') });
  });

  it('link to a file in the parent folder', async () => {
    assert.deepEqual(await checkSourceFile(path.join(context, 'src', 'link-to-notes'), context, '/app/src/link-to-notes'), {
      kind: 'open',
      path: path.join(context, 'notes.txt'),
    });
  });

  it('link to nothing', async () => {
    assert.deepEqual(await checkSourceFile(path.join(context, 'dangling'), context, '/app/dangling'), {
      kind: 'no-file',
      message: 'dangling is a symbolic link to nope, which does not exist, so there is no file to open.',
    });
  });

  it('link to a folder', async () => {
    assert.deepEqual(await checkSourceFile(path.join(context, 'link-to-dir'), context, '/app/link-to-dir'), {
      kind: 'no-file',
      message: 'link-to-dir is a symbolic link to the folder assets, so there is no file to open.',
    });
  });

  it('file replaced by a folder', async () => {
    const hostPath = path.join(context, 'assets');
    assert.deepEqual(await checkSourceFile(hostPath, context, '/app/assets'), {
      kind: 'problem',
      message: `${hostPath} is a folder now, but /app/assets was copied from a file there. Run "Layer Lens: Refresh" to analyse the build context again.`,
    });
  });

  it('file deleted since the analysis', async () => {
    const hostPath = path.join(context, 'gone.txt');
    assert.deepEqual(await checkSourceFile(hostPath, context, '/srv/gone.txt'), {
      kind: 'problem',
      message: `${hostPath} is missing: /srv/gone.txt was copied from it, but it was deleted or moved after the analysis. Run "Layer Lens: Refresh" to analyse the build context again.`,
    });
  });

  it('link out of the context', async () => {
    const hostPath = path.join(context, 'escape.txt');
    assert.deepEqual(await checkSourceFile(hostPath, context, '/srv/escape.txt'), {
      kind: 'problem',
      message: `${hostPath} links to ${path.join(root, 'secret.txt')}, which is outside the build context ${context}, so Layer Lens does not open it.`,
    });
  });

  it('name that is not valid UTF-8', async () => {
    // `caf` + byte e9 + `.txt`, and a plain name in the folder `dir` + byte e9, as the context shows them.
    writeFileSync(Buffer.concat([Buffer.from(`${context}/caf`), Buffer.from([0xe9]), Buffer.from('.txt')]), 'cafe\n');
    const folder = Buffer.concat([Buffer.from(`${context}/dir`), Buffer.from([0xe9])]);
    mkdirSync(folder);
    writeFileSync(Buffer.concat([folder, Buffer.from('/a.txt')]), 'a\n');
    const cause = 'because a name in its path is not valid UTF-8 (each invalid byte shows as \\xhh), and VS Code opens only paths that are valid UTF-8';
    const advice = 'Open the file from a terminal, or rename it to a valid UTF-8 name and run "Layer Lens: Refresh".';

    for (const [shown, imagePath] of [['caf\\xe9.txt', '/s/caf\\xe9.txt'], ['dir\\xe9/a.txt', '/s/dir\\xe9/a.txt']]) {
      const hostPath = path.join(context, shown);
      assert.deepEqual(await checkSourceFile(hostPath, context, imagePath), {
        kind: 'problem',
        message: `${hostPath} cannot be opened in the editor, ${cause}. ${imagePath} was copied from it. ${advice}`,
      });
    }
  });

  it('deleted file with non-UTF-8 name', async () => {
    const hostPath = path.join(context, 'gone\\xff.txt');
    assert.deepEqual(await checkSourceFile(hostPath, context, '/s/gone\\xff.txt'), {
      kind: 'problem',
      message: `${hostPath} is missing: /s/gone\\xff.txt was copied from it, but it was deleted or moved after the analysis. Run "Layer Lens: Refresh" to analyse the build context again.`,
    });
  });
});
