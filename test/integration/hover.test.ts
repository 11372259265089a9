import * as assert from 'assert';
import * as vscode from 'vscode';
import { fileSize, hoverTextAt, layerLensApi, lineStartingWith, openDockerfile, waitForAnalysis, waitForDiagnostics, workspaceUri } from './helpers';

describe('hover', () => {
  let document: vscode.TextDocument;

  before(async () => {
    document = (await openDockerfile('Dockerfile')).document;
    await waitForAnalysis(await layerLensApi(), document.uri);
  });

  it('COPY of a folder lists its files and sizes', async () => {
    const line = lineStartingWith(document, 'COPY src/ ./src/');

    const text = await hoverTextAt(document.uri, line);

    assert.match(text, /Step #7 of stage runtime · line 17/);
    assert.match(text, /Makes a filesystem layer of 1\.0 kB\./);
    assert.match(text, /Adds 5 paths \(1\.0 kB\):/);
    assert.ok(text.includes(`- /srv/shop/src/server.js ${fileSize('src/server.js')} B`), text);
    assert.ok(text.includes(`- /srv/shop/src/routes/orders.js ${fileSize('src/routes/orders.js')} B`), text);
    assert.ok(text.includes(`- /srv/shop/src/routes/catalog.js ${fileSize('src/routes/catalog.js')} B`), text);
    assert.ok(text.includes('- /srv/shop/src directory'), text);
    assert.ok(text.includes('- /srv/shop/src/routes directory'), text);
    assert.doesNotMatch(text, /orders\.test\.js/, '.dockerignore excludes **/*.test.js');
  });

  it('ARG before the first FROM has a hover', async () => {
    const line = lineStartingWith(document, 'ARG NODE_VERSION=20');

    const text = await hoverTextAt(document.uri, line);

    assert.match(text, /Build argument before the first FROM \(NODE_VERSION\)/);
    assert.match(text, /makes no filesystem layer/);
    assert.match(text, /Values for the FROM lines below:\n- NODE_VERSION is 20, the default on this line/);
  });

  it('ARG before the first FROM takes the buildArgs setting', async () => {
    const settings = vscode.workspace.getConfiguration('layerLens');
    const fixtureValue = settings.inspect('buildContexts')?.workspaceValue;
    const line = lineStartingWith(document, 'ARG NODE_VERSION=20');
    const entries = { ...(fixtureValue as Record<string, unknown>), Dockerfile: { buildArgs: { NODE_VERSION: '22' } } };
    await settings.update('buildContexts', entries, vscode.ConfigurationTarget.Workspace);

    try {
      const api = await layerLensApi();
      await waitForAnalysis(api, document.uri, (analysis) => analysis.stages[0]?.baseResolved === 'node:22-alpine');
      const text = await hoverTextAt(document.uri, line);
      assert.match(text, /- NODE_VERSION is 22, from the build arguments in place of the default 20/);
    } finally {
      await settings.update('buildContexts', fixtureValue, vscode.ConfigurationTarget.Workspace);
      await waitForAnalysis(await layerLensApi(), document.uri, (analysis) => analysis.stages[0]?.baseResolved === 'node:20-alpine');
    }
  });

  it('COPY over an earlier file names the shadowed line', async () => {
    const line = lineStartingWith(document, 'COPY deploy/default.json');

    const text = await hoverTextAt(document.uri, line);

    assert.match(text, /Modifies 1 path \(84 B\), shadowing the version from line 18 \(65 B\):/);
    assert.ok(text.includes(`- /srv/shop/config/default.json ${fileSize('deploy/default.json')} B, shadows line 18`), text);
  });

  it('COPY shadowed by a later line', async () => {
    const line = lineStartingWith(document, 'COPY config ./config');

    const text = await hoverTextAt(document.uri, line);

    // Line 19 copies over config/default.json, one of the folder's two files.
    assert.match(text, /Line 19 shadows 1 of its 2 files \(65 B\), so these bytes are wasted\./);
  });

  it('COPY of a single file adds one path', async () => {
    const line = lineStartingWith(document, 'COPY package.json ./');

    const text = await hoverTextAt(document.uri, line);

    assert.match(text, /Adds 1 path/);
    assert.ok(text.includes(`- /srv/shop/package.json ${fileSize('package.json')} B`), text);
  });

  it('ENV and its continuation line make no layer', async () => {
    const first = lineStartingWith(document, 'ENV NODE_ENV=production');

    for (const line of [first, first + 1]) {
      const text = await hoverTextAt(document.uri, line);
      assert.match(text, /This instruction makes no filesystem layer/, `line ${line}: ${text}`);
    }
  });

  it('USER, EXPOSE and CMD make no layer', async () => {
    for (const prefix of ['USER ', 'EXPOSE ', 'CMD ']) {
      const text = await hoverTextAt(document.uri, lineStartingWith(document, prefix));
      assert.match(text, /makes no filesystem layer/, `${prefix}: ${text}`);
    }
  });

  it('USER ${APP_USER} names its value', async () => {
    const text = await hoverTextAt(document.uri, lineStartingWith(document, 'USER '));

    // The base image is not read, so its /etc/passwd and the user's numbers are unknown.
    assert.ok(text.includes('Later RUN steps and the container run as ${APP_USER} (expands to node).'), text);
  });

  it('stage the target copies from', async () => {
    const line = lineStartingWith(document, 'RUN npm ci');

    const text = await hoverTextAt(document.uri, line);

    assert.match(text, /Step #5 of stage deps · line 11/);
    assert.match(text, /BuildKit builds stage deps for the target stage runtime, because line 15 copies from it\./);
    assert.match(text, /Makes a filesystem layer whose contents and size are unknown\./);
    // Step #5 counts in the chain of stage deps (index 1), so the links name that stage.
    assert.ok(text.includes(`[Reveal in Image Layers](command:layerLens.revealLayer?${encodeURIComponent(JSON.stringify([5, document.uri.toString(), 1]))})`), text);
    assert.ok(text.includes(encodeURIComponent(JSON.stringify([{ uri: document.uri.toString(), layer: 5, stage: 1 }]))), text);
  });

  it('COPY of stage deps shows its layer', async () => {
    const line = lineStartingWith(document, 'COPY package.json package-lock.json ./');

    const text = await hoverTextAt(document.uri, line);

    assert.ok(text.includes(`- /srv/shop/package.json ${fileSize('package.json')} B`), text);
    assert.ok(text.includes(`- /srv/shop/package-lock.json ${fileSize('package-lock.json')} B`), text);
  });

  it('failing COPY leaves error to diagnostic', async () => {
    const uri = workspaceUri('faulty/failing-copy/Dockerfile');
    await vscode.workspace.fs.writeFile(uri, Buffer.from('FROM scratch\nCOPY absent.txt \\\n  /\n'));
    await openDockerfile('faulty/failing-copy/Dockerfile');
    const diagnostics = await waitForDiagnostics(uri, (found) => found.length > 0);

    const text = await hoverTextAt(uri, 3);

    assert.strictEqual(diagnostics.length, 1);
    assert.match(diagnostics[0].message, /^The source "absent\.txt" was not found in the build context\./);
    // The diagnostic covers both lines of the step, so VS Code shows it in the same hover as this text.
    assert.deepStrictEqual([diagnostics[0].range.start.line, diagnostics[0].range.end.line], [1, 2]);
    assert.ok(text.includes('The build fails on this step'), text);
    assert.ok(!text.includes('was not found'), text);
  });

  it('comment line has no Layer Lens hover', async () => {
    const text = await hoverTextAt(document.uri, 1);

    assert.doesNotMatch(text, /layer/i);
  });
});
