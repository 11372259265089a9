import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import type { Analysis, Step } from '../../../src/core/analysis/types';
import { sourceOfOrigin } from '../../../src/extension/panel/sourceOf';
import { changeSource } from '../../../src/extension/tree/changeSource';
import { LayersModel, type ChangeElement, type LayersElement } from '../../../src/extension/tree/elements';

const contextPath = path.resolve(__dirname, '../../fixtures/workspaces/shop/sources');
const dockerfilePath = path.join(contextPath, 'Dockerfile');

function step(text: string, line = 4): Step {
  return { index: 1, stage: 0, line, endLine: line, instruction: 'COPY', text, emptyLayer: false, certainty: 'exact', notes: [] };
}

describe('sourceOfOrigin', () => {
  it('context file', () => {
    assert.deepEqual(sourceOfOrigin('/srv/notes.txt', { kind: 'context', path: 'notes.txt' }, step('COPY notes.txt /srv/'), contextPath), {
      kind: 'file',
      hostPath: path.join(contextPath, 'notes.txt'),
    });
  });

  it('context path climbing out', () => {
    const source = sourceOfOrigin('/srv/x', { kind: 'context', path: '../x' }, step('COPY x /srv/'), contextPath);
    assert.deepEqual(source, { kind: 'none', message: '/srv/x comes from ../x, which is outside the build context.' });
  });

  it('named build context', () => {
    const source = sourceOfOrigin('/srv/x', { kind: 'context', path: 'x', context: 'assets' }, step('COPY --chown=1 --from=assets x /srv/'), contextPath);
    assert.deepEqual(source, { kind: 'named-context', context: 'assets', path: 'x' });
  });

  it('named context without a name', () => {
    const source = sourceOfOrigin('/srv/x', { kind: 'context', path: 'x' }, step('COPY --chown=1 --from=assets x /srv/'), contextPath);
    assert.deepEqual(source, { kind: 'named-context', context: 'assets', path: 'x' });
  });

  it('--from inside a heredoc body', () => {
    const source = sourceOfOrigin('/srv/x', { kind: 'context', path: 'x' }, step('COPY x /srv/\n--from=assets'), contextPath);
    assert.deepEqual(source, { kind: 'file', hostPath: path.join(contextPath, 'x') });
  });

  it('heredoc goes to the step line', () => {
    assert.deepEqual(sourceOfOrigin('/etc/motd', { kind: 'heredoc', name: 'EOF' }, step('COPY <<EOF /etc/motd', 8), contextPath), { kind: 'line', line: 8 });
  });

  it('RUN text goes to the step line', () => {
    const origin = { kind: 'run-text' as const, text: 'ready\n', appended: false };
    assert.deepEqual(sourceOfOrigin('/srv/status', origin, step('RUN echo ready > /srv/status', 11), contextPath), { kind: 'line', line: 11 });
  });

  it('RUN text without its step', () => {
    const source = sourceOfOrigin('/srv/status', { kind: 'run-text', text: 'ready\n', appended: true }, undefined, contextPath);
    assert.deepEqual(source, { kind: 'none', message: '/srv/status has no file in the build context to open: a RUN appends text to it.' });
  });

  it('URL has nothing to open', () => {
    const source = sourceOfOrigin('/srv/page', { kind: 'url', url: 'https://example.com/page' }, step('ADD https://example.com/page /srv/'), contextPath);
    assert.deepEqual(source, { kind: 'none', message: '/srv/page has no file in the build context to open: it is downloaded from https://example.com/page.' });
  });
});

describe('changeSource of Image Layers rows', () => {
  let analysis: Analysis;
  let model: LayersModel;

  before(async () => {
    analysis = await analyze({ dockerfilePath, text: readFileSync(dockerfilePath, 'utf8') });
    model = new LayersModel(analysis);
  });

  /** Finds the row of `imagePath` below the step that starts with `prefix`, walking the change tree. */
  function row(prefix: string, imagePath: string): ChangeElement {
    const stepElement = model.steps.find((candidate) => candidate?.step.text.startsWith(prefix));
    assert.ok(stepElement, `no step starts with "${prefix}"`);
    // A copy, because `children` returns the array the model keeps.
    const pending: LayersElement[] = [...model.children(stepElement)];
    while (pending.length > 0) {
      const element = pending.shift()!;
      if (element.kind === 'change' && element.node.path === imagePath) return element;
      pending.push(...model.children(element));
    }
    assert.fail(`no row ${imagePath} below "${prefix}"`);
  }

  it('copied file opens the context file', () => {
    assert.deepEqual(changeSource(row('COPY notes.txt', '/srv/notes.txt'), analysis.contextPath), { kind: 'file', hostPath: path.join(contextPath, 'notes.txt') });
  });

  it('heredoc file goes to its COPY line', () => {
    assert.deepEqual(changeSource(row('COPY <<EOF', '/etc/motd'), analysis.contextPath), { kind: 'line', line: 8 });
  });

  it('RUN output goes to the RUN line', () => {
    assert.deepEqual(changeSource(row('RUN echo ready', '/srv/status'), analysis.contextPath), { kind: 'line', line: 11 });
  });

  it('file of another stage goes to its COPY line', () => {
    assert.deepEqual(changeSource(row('COPY --from=tools', '/usr/local/bin/tool'), analysis.contextPath), { kind: 'line', line: 12 });
  });

  it('folder has none', () => {
    const source = changeSource(row('COPY --from=tools', '/usr/local/bin'), analysis.contextPath);
    assert.deepEqual(source, { kind: 'none', message: '/usr/local/bin is a folder, so it has no source file to open.' });
  });

  it('deleted file has none', () => {
    const source = changeSource(row('RUN rm /srv/gone.txt', '/srv/gone.txt'), analysis.contextPath);
    assert.deepEqual(source, { kind: 'none', message: 'Step #6 deletes /srv/gone.txt, so it has no source file to open.' });
  });
});
