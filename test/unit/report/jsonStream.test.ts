import * as assert from 'node:assert/strict';
import { LazyArray, writeJson } from '../../../src/core/report/jsonStream';

async function written(value: unknown, indent?: number): Promise<string> {
  let text = '';
  await writeJson(value, (chunk) => {
    text += chunk;
  }, { indent });
  return text;
}

describe('writeJson', () => {
  it('matches JSON.stringify with lazy arrays', async () => {
    const paths = ['/a', '/a/b "quoted"\n', '/ü'];
    const value = {
      schemaVersion: 1,
      skipped: undefined,
      layers: new LazyArray(() => [0, 1].map((index) => ({ index, missing: undefined, changes: new LazyArray(() => paths.map((path) => ({ path, shadows: [index] }))) }))),
      empty: new LazyArray(() => []),
      nested: { list: [1, { deep: [] }], none: null },
      last: 'end',
    };
    const expected = JSON.stringify(JSON.parse(JSON.stringify(value)), null, 2);
    assert.equal(await written(value), expected);
  });

  it('compact and indented forms', async () => {
    const value = {
      text: 'line one\nline two: "quoted"',
      layers: new LazyArray(() => [0, 1].map((index) => ({ index, changes: new LazyArray(() => [{ path: `/a${index}`, shadows: [index] }]) }))),
      empty: new LazyArray(() => []),
      nested: { list: [1, { deep: [] }], none: null },
    };
    const compact = await written(value, 0);
    const indented = await written(value, 2);
    assert.deepEqual(JSON.parse(compact), JSON.parse(indented));
    assert.equal(compact.includes('\n'), false);
    assert.equal(compact, JSON.stringify(JSON.parse(indented)));
    assert.equal(indented, JSON.stringify(JSON.parse(compact), null, 2));
  });

  it('long array of mixed items', async () => {
    const items = new LazyArray(function* () {
      for (let i = 0; i < 1000; i++) {
        if (i % 300 === 7) yield { lazy: new LazyArray(() => [i, undefined]) };
        else if (i % 100 === 3) yield undefined;
        else yield { path: `/file${i}`, shadows: i % 2 === 0 ? [] : [i] };
      }
    });
    const value = { items, tail: [1] };
    const materialised = JSON.parse(JSON.stringify(value)) as unknown;
    assert.equal(await written(value, 2), JSON.stringify(materialised, null, 2));
    assert.equal(await written(value, 0), JSON.stringify(materialised));
    assert.equal(await written(items, 2), JSON.stringify(JSON.parse(JSON.stringify(items)), null, 2));
  });

  it('matches JSON.stringify for plain values', async () => {
    for (const value of [null, 3, 'text', [], {}, [1, [2, []], { a: {} }]]) {
      assert.equal(await written(value), JSON.stringify(value, null, 2));
    }
  });

  it('streams items as produced', async () => {
    let made = 0;
    const chunks: string[] = [];
    const items = new LazyArray(function* () {
      for (let i = 0; i < 20_000; i++) {
        made++;
        yield { path: `/file${i}` };
      }
    });
    await writeJson({ items }, (chunk) => {
      chunks.push(chunk);
      // The sink receives early items before the last ones are made.
      if (chunks.length === 1) assert.ok(made < 20_000, `all ${made} items were made before the first write`);
    });
    assert.ok(chunks.length > 1, 'the text arrived in one piece');
    assert.equal(JSON.parse(chunks.join('')).items.length, 20_000);
  });

  it('awaits a slow sink', async () => {
    const order: string[] = [];
    const items = new LazyArray(function* () {
      for (let i = 0; i < 10_000; i++) yield { path: `/file${i}`, padding: 'x'.repeat(20) };
    });
    await writeJson({ items }, async (chunk) => {
      order.push('start');
      await new Promise((resolve) => setImmediate(resolve));
      order.push(`end ${chunk.length > 0}`);
    });
    for (let i = 0; i < order.length; i += 2) assert.deepEqual(order.slice(i, i + 2), ['start', 'end true']);
  });
});
