import { strict as assert } from 'node:assert';
import type { LayerEntry, WriteEntry } from '../../../src/core/model/layer';
import { makeLayer } from '../../../src/core/model/layer';
import { LayerStack, type ClassifiedEntry } from '../../../src/core/model/stack';
import { compareLayers, describeDifference } from '../../../src/core/image/layerComparison';

function file(path: string, size = 1): WriteEntry {
  return { op: 'write', path, type: 'file', size, mode: 0o644, uid: 0, gid: 0, certainty: 'exact' };
}

function directory(path: string, opaque = false): WriteEntry {
  return { op: 'write', path, type: 'directory', size: 0, mode: 0o755, uid: 0, gid: 0, certainty: 'exact', ...(opaque ? { opaque } : {}) };
}

const base: LayerEntry[] = [directory('/app'), file('/app/a'), file('/app/b'), directory('/etc'), file('/etc/conf')];

/** Classifies `entries` as one layer on top of `base`. */
function classify(entries: LayerEntry[]): ClassifiedEntry[] {
  const stack = new LayerStack();
  stack.push(makeLayer(base));
  return stack.push(makeLayer(entries)).entries;
}

describe('compareLayers', () => {
  it('same changes agree', () => {
    const layer = [directory('/app'), file('/app/a', 5), file('/app/c')];

    const difference = compareLayers(classify(layer), classify(layer));

    assert.equal(describeDifference(difference), undefined);
  });

  it('re-stated parent directories are ignored', () => {
    const predicted = classify([file('/app/c')]);
    const built = classify([directory('/app'), file('/app/c')]);

    assert.equal(describeDifference(compareLayers(predicted, built)), undefined);
  });

  it('paths on one side only', () => {
    const predicted = classify([file('/app/c'), file('/app/d')]);
    const built = classify([file('/app/c'), file('/tmp/x'), file('/tmp/y'), file('/tmp/z'), file('/tmp/w')]);

    const difference = compareLayers(predicted, built);

    assert.deepEqual(difference.onlyPredicted, ['/app/d']);
    assert.deepEqual(difference.onlyBuilt, ['/tmp/w', '/tmp/x', '/tmp/y', '/tmp/z']);
    assert.equal(
      describeDifference(difference),
      'The built layer differs from the prediction. Only the image has 4 paths: /tmp/w, /tmp/x, /tmp/y and 1 more. Only the prediction has 1 path: /app/d.',
    );
  });

  it('added versus modified', () => {
    const predicted = classify([file('/app/new'), { op: 'delete', path: '/app/a', certainty: 'exact' }]);
    const built = classify([file('/app/new'), file('/app/a')]);

    const difference = compareLayers(predicted, built);

    assert.deepEqual(difference.changeMismatches, [{ path: '/app/a', predicted: 'deleted', built: 'modified' }]);
    assert.equal(describeDifference(difference), 'The built layer differs from the prediction. /app/a is modified in the image, not deleted.');
  });

  it('opaque directory counts', () => {
    const predicted = classify([file('/app/c')]);
    const built = classify([directory('/app', true), file('/app/c')]);

    assert.deepEqual(compareLayers(predicted, built).onlyBuilt, ['/app']);
  });

  it('more than three mismatches', () => {
    const names = ['/app/a', '/app/b', '/etc/conf', '/etc'];
    const predicted = classify(names.map((path) => ({ op: 'delete', path, certainty: 'exact' }) as LayerEntry));
    const built = classify([file('/app/a'), file('/app/b'), file('/etc/conf'), file('/etc')]);

    assert.equal(
      describeDifference(compareLayers(predicted, built)),
      'The built layer differs from the prediction. /app/a is modified in the image, not deleted. /app/b is modified in the image, not deleted. /etc is modified in the image, not deleted. 1 more path differs in its kind of change.',
    );
  });
});
