/**
 * Names that the CLI, the hover and the Merged Filesystem panel show alike, because the control
 * character escapes do not double backslashes. docs/images.md lists these cases, so the test keeps
 * that list true.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { decodeMemberName } from '../../../src/core/archive/memberNames';
import { escapeControlCharacters } from '../../../src/core/report/controlCharacters';

/** Returns a tar name's bytes as the CLI shows them: the tar name rule, then the control escapes. */
function shownInCli(bytes: Buffer): string {
  return escapeControlCharacters(decodeMemberName(bytes));
}

const docs = readFileSync(path.join(__dirname, '../../../docs/images.md'), 'utf8');

/** Each pair: two distinct names, and the text both show as. */
const alike: Array<[Buffer, Buffer, string]> = [
  [Buffer.from('a\nb.txt'), Buffer.from('a\\nb.txt'), 'a\\nb.txt'],
  [Buffer.from('a\u001b'), Buffer.from('a\\x1b'), 'a\\x1b'],
  [Buffer.from('a\u0085'), Buffer.from([0x61, 0x85]), 'a\\x85'],
];

describe('names shown alike', () => {
  for (const [first, second, shown] of alike) {
    it(`${shown} from two names`, () => {
      // The tar name rule keeps the two names apart, and only the control escapes join them.
      assert.notEqual(decodeMemberName(first), decodeMemberName(second));
      assert.equal(shownInCli(first), shown);
      assert.equal(shownInCli(second), shown);
      assert.ok(docs.includes(`\`${shown}\``), `docs/images.md does not name ${shown}`);
    });
  }

  it('docs make no uniqueness claim', () => {
    assert.doesNotMatch(docs, /no two names show alike/);
  });
});
