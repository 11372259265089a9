import * as assert from 'node:assert/strict';
import { ownedCopy } from '../../../src/core/model/ownedCopy';
import { PathTree } from '../../../src/core/model/pathTree';
import { heapBytesPerItem } from '../heapUse';

describe('ownedCopy', () => {
  const texts = {
    'a short name': 'f0.dat',
    'an ASCII name': 'a_fairly_long_module_name.cpython-311.pyc',
    'Latin-1 letters': 'caf\u00e9-cr\u00e8me-br\u00fbl\u00e9e.txt',
    'CJK letters': '\u6587\u4ef6\u540d\u79f0\u662f\u4e2d\u6587\u7684\u6587\u4ef6.txt',
    'an emoji': 'party-\u{1f389}-and-cake-\u{1f370}.png',
    'an unpaired surrogate': 'broken-\ud800-name-here.bin',
    'control characters': 'tab\there\u0000nul\u007fdel.txt',
  };
  for (const [label, text] of Object.entries(texts)) {
    it(`keeps ${label} as it is`, () => {
      const sliced = ('/some/folder/' + text).slice('/some/folder/'.length);
      assert.equal(ownedCopy(sliced), text);
    });
  }
});

describe('PathTree names', () => {
  // The names are cut from the paths looked up. A tree whose names were views into those paths
  // took about 330 bytes per node here (node, map slot, name and its whole path). The tree now
  // copies each name into bytes of its own, outside the V8 heap that this test measures.
  it('keep no path they were cut from alive', function () {
    this.timeout(60000);
    const count = 20000;
    const folder = '/usr/lib/python3/site-packages/' + 'a_package_with_a_long_name/'.repeat(4);
    const tree = new PathTree();
    const perName = heapBytesPerItem(count, () => {
      for (let i = 0; i < count; i++) tree.node(`${folder}module_number_${String(i).padStart(6, '0')}.py`, true);
      return tree;
    });
    assert.ok(tree.node(`${folder}module_number_000042.py`));
    assert.ok(perName < 250, `the tree holds ${Math.round(perName)} bytes per name`);
  });
});
