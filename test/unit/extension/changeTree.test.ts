import * as assert from 'node:assert/strict';
import { makeLayer, type LayerEntry, type WriteEntry } from '../../../src/core/model/layer';
import { LayerStack } from '../../../src/core/model/stack';
import { shadowedEntry } from '../../../src/core/report/typeChange';
import { buildChangeTree, describeChange, renderChangeTree } from '../../../src/extension/tree/changeTree';

function write(path: string, type: WriteEntry['type'] = 'file', size: number | null = 10, extra: Partial<WriteEntry> = {}): WriteEntry {
  return { op: 'write', path, type, size: type === 'file' ? size : 0, mode: 0o644, uid: 0, gid: 0, certainty: 'exact', ...extra };
}

function stackOf(...layers: LayerEntry[][]): LayerStack {
  const stack = new LayerStack();
  for (const entries of layers) stack.push(makeLayer(entries));
  return stack;
}

describe('buildChangeTree', () => {
  it('collapses a chain of added folders', () => {
    const stack = stackOf([write('/app', 'directory'), write('/app/src', 'directory'), write('/app/src/main.js'), write('/app/src/util.js')]);
    assert.equal(renderChangeTree(buildChangeTree(stack.layers[0].entries)), ['app/src/ (added)', '  main.js (added)', '  util.js (added)'].join('\n'));
  });

  it('keeps folders of different changes apart', () => {
    const stack = stackOf([write('/app', 'directory')], [write('/app', 'directory'), write('/app/lib', 'directory'), write('/app/lib/a.txt')]);
    assert.equal(renderChangeTree(buildChangeTree(stack.layers[1].entries)), ['app/ (modified)', '  lib/ (added)', '    a.txt (added)'].join('\n'));
  });

  it('collapses folders without entries', () => {
    const stack = stackOf([write('/usr/local/bin/tool'), write('/usr/local/bin/other')]);
    assert.equal(renderChangeTree(buildChangeTree(stack.layers[0].entries)), ['usr/local/bin/', '  other (added)', '  tool (added)'].join('\n'));
  });

  it('lists folders before files', () => {
    const stack = stackOf([write('/b.txt'), write('/a', 'directory'), write('/a/x'), write('/c.txt')]);
    assert.equal(renderChangeTree(buildChangeTree(stack.layers[0].entries)), ['a/ (added)', '  x (added)', 'b.txt (added)', 'c.txt (added)'].join('\n'));
  });

  it('shows deletions and opaque folders', () => {
    const stack = stackOf(
      [write('/tmp', 'directory'), write('/tmp/cache', 'directory'), write('/tmp/cache/a'), write('/data', 'directory'), write('/data/old')],
      [{ op: 'delete', path: '/tmp/cache', certainty: 'exact' }, write('/data', 'directory', 0, { opaque: true }), write('/data/new')],
    );
    const nodes = buildChangeTree(stack.layers[1].entries);
    assert.equal(renderChangeTree(nodes), ['data/ (modified)', '  new (added)', 'tmp/', '  cache (deleted)'].join('\n'));
  });

  it('names in natural order', () => {
    const stack = stackOf([write('/f10'), write('/f2'), write('/F3'), write('/f1'), write('/f0')]);
    assert.equal(renderChangeTree(buildChangeTree(stack.layers[0].entries)), ['f0', 'f1', 'f2', 'F3', 'f10'].map((name) => `${name} (added)`).join('\n'));
  });

  it('links parents for reveal', () => {
    const stack = stackOf([write('/etc', 'directory'), write('/etc/a'), write('/etc/b')]);
    const [etc] = buildChangeTree(stack.layers[0].entries);
    assert.equal(etc.parent, undefined);
    assert.equal(etc.children[0].parent, etc);
    assert.equal(etc.children[1].path, '/etc/b');
  });
});

describe('describeChange', () => {
  const lineOfLayer = (layer: number) => [1, 5, 9][layer];

  it('mode only', () => {
    const stack = stackOf([write('/a', 'file', 5, { digest: 'd1' })], [write('/a', 'file', 5, { digest: 'd1', mode: 0o755 })]);
    const modified = stack.layers[1].entries[0];
    assert.equal(describeChange(modified, lineOfLayer, shadowedEntry(stack, modified)), '5 B · modified · mode only: 0644 → 0755 · shadows line 1');
  });

  it('owner only, one id unknown', () => {
    const stack = stackOf([write('/a', 'file', 5, { digest: 'd1' })], [write('/a', 'file', 5, { digest: 'd1', uid: 1000, gid: null })]);
    const modified = stack.layers[1].entries[0];
    assert.equal(describeChange(modified, lineOfLayer, shadowedEntry(stack, modified)), '5 B · modified · owner only: 0:0 → 1000:unknown · shadows line 1');
  });

  it('mode and contents changed', () => {
    const stack = stackOf([write('/a', 'file', 5, { digest: 'd1' })], [write('/a', 'file', 7, { digest: 'd2', mode: 0o600 })]);
    const modified = stack.layers[1].entries[0];
    assert.equal(describeChange(modified, lineOfLayer, shadowedEntry(stack, modified)), '7 B · modified · mode 0644 → 0600 · shadows line 1');
  });

  it('added file', () => {
    const stack = stackOf([write('/a', 'file', 2048)]);
    assert.equal(describeChange(stack.layers[0].entries[0], lineOfLayer), '2.0 kB · added');
  });

  it('modified file names the shadowed line', () => {
    const stack = stackOf([write('/a')], [write('/a', 'file', 5)]);
    assert.equal(describeChange(stack.layers[1].entries[0], lineOfLayer), '5 B · modified · shadows line 1');
  });

  it('deleted folder counts what it hides', () => {
    const stack = stackOf([write('/d', 'directory'), write('/d/x'), write('/d/y')], [{ op: 'delete', path: '/d', certainty: 'estimated' }]);
    // The folder and the paths in it, as the hover and the Merged Filesystem panel count them.
    assert.equal(describeChange(stack.layers[1].entries[0], lineOfLayer), 'deleted · removes the folder and the 2 paths in it · estimated');
  });

  it('deleted file names the version it removes', () => {
    const stack = stackOf([write('/a')], [{ op: 'delete', path: '/a', certainty: 'exact' }]);
    assert.equal(describeChange(stack.layers[1].entries[0], lineOfLayer), 'deleted · removes the version from line 1');
  });

  it('opaque folder counts only the paths in it', () => {
    const stack = stackOf([write('/d', 'directory'), write('/d/x')], [write('/d', 'directory', 0, { opaque: true })]);
    assert.equal(describeChange(stack.layers[1].entries[0], lineOfLayer), 'modified · opaque · shadows line 1 · hides the path in it');
  });

  it('symlink shows its target', () => {
    const stack = stackOf([write('/bin/sh', 'symlink', 0, { linkTarget: 'busybox' })]);
    assert.equal(describeChange(stack.layers[0].entries[0], lineOfLayer), 'added · → busybox');
  });

  it('unknown size', () => {
    const stack = stackOf([write('/big', 'file', null, { certainty: 'unknown' })]);
    assert.equal(describeChange(stack.layers[0].entries[0], lineOfLayer), 'unknown size · added · unknown');
  });
});
