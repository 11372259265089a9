import * as assert from 'node:assert/strict';
import { KeyedDebouncer } from '../../../src/extension/debounce';

describe('KeyedDebouncer', () => {
  it('runs once per burst', async () => {
    const runs: string[] = [];
    let finished!: () => void;
    const done = new Promise<void>((resolve) => (finished = resolve));
    const debouncer = new KeyedDebouncer<string>((key) => {
      runs.push(key);
      if (runs.length === 2) finished();
    });
    debouncer.schedule('a', 5);
    debouncer.schedule('a', 5);
    debouncer.schedule('b', 5);
    debouncer.schedule('a', 5);
    await done;
    assert.deepEqual(runs.sort(), ['a', 'b']);
    assert.equal(debouncer.isPending('a'), false);
  });

  it('cancel drops the run', async () => {
    const runs: string[] = [];
    let finished!: () => void;
    const done = new Promise<void>((resolve) => (finished = resolve));
    const debouncer = new KeyedDebouncer<string>((key) => {
      runs.push(key);
      finished();
    });
    debouncer.schedule('a', 0);
    debouncer.cancel('a');
    debouncer.schedule('b', 1);
    await done;
    assert.deepEqual(runs, ['b']);
  });

  it('dispose clears timers', () => {
    const debouncer = new KeyedDebouncer<string>(() => assert.fail('ran after dispose'));
    debouncer.schedule('a', 0);
    debouncer.dispose();
    assert.equal(debouncer.isPending('a'), false);
  });
});
