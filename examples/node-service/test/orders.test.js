const test = require('node:test');
const assert = require('node:assert');

test('order ids are strings', () => {
  assert.strictEqual(typeof 'A-1001', 'string');
});
