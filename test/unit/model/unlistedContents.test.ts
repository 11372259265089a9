import * as assert from 'node:assert/strict';
import type { Certainty, Layer, LayerEntry, WriteEntry } from '../../../src/core/model/layer';
import { wasteReport } from '../../../src/core/model/merged';
import { LayerStack } from '../../../src/core/model/stack';

function file(path: string, size: number): WriteEntry {
  return { op: 'write', path, type: 'file', size, mode: 0o644, uid: 0, gid: 0, certainty: 'exact' };
}

function dir(path: string, extra: Partial<WriteEntry> = {}): WriteEntry {
  return { op: 'write', path, type: 'directory', size: 0, mode: 0o755, uid: 0, gid: 0, certainty: 'exact', ...extra };
}

function whiteout(path: string): LayerEntry {
  return { op: 'delete', path, certainty: 'exact' };
}

/** Returns a layer of the given certainty. `unknown` marks a step that may write paths it does not list. */
function layer(certainty: Certainty, ...entries: LayerEntry[]): Layer {
  return { entries, certainty };
}

function stackOf(...layers: Layer[]): LayerStack {
  const stack = new LayerStack();
  for (const item of layers) stack.push(item);
  return stack;
}

describe('deletions of folders with unlisted contents', () => {
  it('folder an unknown layer made', () => {
    const stack = stackOf(layer('exact', dir('/var')), layer('unknown', dir('/var/app')), layer('exact', whiteout('/var/app')));
    const top = stack.layers[2];

    assert.deepEqual(top.summary.deleted, { count: 1, bytes: 0, unknownSizes: 1 });
    assert.equal(top.entries[0].hidesUnlisted, true);
    assert.equal(wasteReport(stack).unknownSizes, 1);
    assert.equal(wasteReport(stack, 1).unknownSizes, 0);
  });

  it('unknown layer above the creation', () => {
    const stack = stackOf(layer('exact', dir('/app'), file('/app/a', 3)), layer('unknown', dir('/usr')), layer('exact', whiteout('/app')));

    assert.deepEqual(stack.layers[2].summary.deleted, { count: 2, bytes: 3, unknownSizes: 1 });
    assert.equal(wasteReport(stack).wastedBytes, 3);
    assert.equal(wasteReport(stack).unknownSizes, 1);
  });

  it('unknown layer below the creation', () => {
    const stack = stackOf(layer('unknown', dir('/var')), layer('exact', dir('/app'), file('/app/a', 3)), layer('exact', whiteout('/app')));
    const top = stack.layers[2];

    assert.deepEqual(top.summary.deleted, { count: 2, bytes: 3, unknownSizes: 0 });
    assert.equal(top.entries[0].hidesUnlisted, undefined);
    assert.equal(wasteReport(stack).unknownSizes, 0);
    assert.equal(wasteReport(stack).wastedBytes, 3);
  });

  it('folder listed again above its creation', () => {
    const known = stackOf(layer('unknown'), layer('exact', dir('/app')), layer('exact', dir('/app'), file('/app/b', 1)));
    const unknown = stackOf(layer('exact'), layer('unknown', dir('/app')), layer('exact', dir('/app'), file('/app/b', 1)));

    assert.equal(known.mayHoldUnlisted('/app'), false);
    assert.equal(unknown.mayHoldUnlisted('/app'), true);
  });

  it('folder made again after a deletion', () => {
    const stack = stackOf(layer('unknown', dir('/app')), layer('exact', whiteout('/app')), layer('exact', dir('/app')));

    assert.equal(stack.mayHoldUnlisted('/app'), false);
    assert.equal(stack.mayHoldUnlisted('/app', 0), true);
  });

  it('folder assumed in the base image', () => {
    const stack = stackOf(layer('unknown'), layer('exact', dir('/var/cache', { origin: { kind: 'assumed-base' } })), layer('exact', whiteout('/var/cache')));

    assert.equal(stack.layers[2].summary.deleted.unknownSizes, 1);
    assert.equal(wasteReport(stack).unknownSizes, 1);
  });

  it('opaque folder over such a folder', () => {
    const stack = stackOf(layer('unknown', dir('/app')), layer('exact', dir('/app', { opaque: true })));
    const top = stack.layers[1];

    assert.equal(top.summary.deleted.unknownSizes, 1);
    assert.equal(top.entries[0].hidesUnlisted, true);
    assert.equal(wasteReport(stack).unknownSizes, 1);
  });

  it('file an unknown layer wrote', () => {
    const stack = stackOf(layer('unknown', dir('/app'), file('/app/a', 4)), layer('exact', whiteout('/app/a')));

    assert.deepEqual(stack.layers[1].summary.deleted, { count: 1, bytes: 4, unknownSizes: 0 });
    assert.equal(wasteReport(stack).unknownSizes, 0);
  });
});

describe('copy-ups of folders with unlisted contents', () => {
  it('folder an unknown layer filled', () => {
    const stack = stackOf(layer('exact', dir('/app')), layer('unknown', dir('/app/lib')), layer('exact', dir('/app/lib', { uid: 1000, copiedUp: true })));
    const top = stack.layers[2];

    assert.deepEqual(top.summary.shadowed, { count: 1, bytes: 0, unknownSizes: 1 });
    assert.deepEqual(top.summary.deleted, { count: 0, bytes: 0, unknownSizes: 0 });
    assert.equal(top.entries[0].hidesUnlisted, true);
    assert.equal(wasteReport(stack).unknownSizes, 1);
  });

  it('folder whose contents are all listed', () => {
    const stack = stackOf(layer('unknown', dir('/var')), layer('exact', dir('/app'), file('/app/a', 3)), layer('exact', dir('/app', { uid: 1000, copiedUp: true })));
    const top = stack.layers[2];

    assert.deepEqual(top.summary.shadowed, { count: 1, bytes: 0, unknownSizes: 0 });
    assert.equal(top.entries[0].hidesUnlisted, undefined);
    assert.equal(wasteReport(stack).unknownSizes, 0);
  });

  it('copy-up and whiteout count alike', () => {
    const below = [layer('exact', dir('/app')), layer('unknown', dir('/app/lib'))];
    const copied = stackOf(...below, layer('exact', dir('/app/lib', { copiedUp: true })));
    const deleted = stackOf(...below, layer('exact', whiteout('/app/lib')));

    assert.equal(wasteReport(copied).unknownSizes, wasteReport(deleted).unknownSizes);
  });
});
