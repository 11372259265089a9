/** Measures the V8 heap that objects keep alive, for tests of the model's memory per entry. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Returns the heap bytes per item that `build` keeps alive through what it returns, between two
 * full garbage collections. `count` is the number of items `build` makes. With `arrayBuffers`,
 * the memory of array buffers outside the heap (typed arrays, `Buffer`s) counts too.
 */
export function heapBytesPerItem(count: number, build: () => unknown, options: { arrayBuffers?: boolean } = {}): number {
  setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc') as () => void;
  const used = () => {
    const usage = process.memoryUsage();
    return usage.heapUsed + (options.arrayBuffers ? usage.arrayBuffers : 0);
  };
  collect();
  const before = used();
  const retained = build();
  collect();
  const perItem = (used() - before) / count;
  // Reads the result after the measurement, so that it stays alive until then.
  if (retained === undefined) throw new Error('build returned nothing to keep alive');
  return perItem;
}
