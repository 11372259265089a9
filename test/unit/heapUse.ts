/** Measures the V8 heap that objects keep alive, for tests of the model's memory per entry. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Returns the heap bytes per item that `build` keeps alive through what it returns, between two
 * full garbage collections. `count` is the number of items `build` makes.
 */
export function heapBytesPerItem(count: number, build: () => unknown): number {
  setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc') as () => void;
  collect();
  const before = process.memoryUsage().heapUsed;
  const retained = build();
  collect();
  const perItem = (process.memoryUsage().heapUsed - before) / count;
  // Reads the result after the measurement, so that it stays alive until then.
  if (retained === undefined) throw new Error('build returned nothing to keep alive');
  return perItem;
}
