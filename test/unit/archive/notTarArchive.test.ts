/** The message for input that is not a tar archive: our words for the fault, never the parser's. */
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { NotTarArchiveError } from '../../../src/core/archive/errors';
import { readTarEntries } from '../../../src/core/archive/tarEntries';
import { writeTar, type RawEntry } from '../../fixtures/hostile/tarWriter';

async function readError(input: Buffer): Promise<NotTarArchiveError> {
  try {
    await readTarEntries(Readable.from([input]), (entry) => void entry.resume(), { label: 'in.tar' });
  } catch (error) {
    assert.ok(error instanceof NotTarArchiveError, String(error));
    return error;
  }
  assert.fail('the input was read as a tar archive');
}

/** Returns random bytes whose first block node-tar rejects for its mode field, whatever the other bytes are. */
function randomWithBadBase256(): Buffer {
  const bytes = randomBytes(20_000);
  // A field whose first byte has the high bit set is base-256, which must start with 0x80 or 0xff.
  // Random blocks often fail this way, and this one always does.
  bytes[100] = 0x81;
  return bytes;
}

describe('not a tar archive', () => {
  it('random bytes', async () => {
    const error = await readError(randomWithBadBase256());
    assert.equal(error.message, 'in.tar is not a tar archive: its first header is invalid.');
    assert.equal(error.label, 'in.tar');
    // The parser's words stay off the message but in the cause, for debugging.
    assert.match(String((error.cause as Error | undefined)?.message), /base256/);
  });

  it('text', async () => {
    const error = await readError(Buffer.alloc(4096, 'a'));
    assert.equal(error.message, 'in.tar is not a tar archive.');
  });

  const faults: Array<{ name: string; entry: RawEntry; fault: string }> = [
    { name: 'size beyond 2^53', entry: { name: 'huge', declaredSize: 2n ** 80n, body: 'tiny' }, fault: 'a number in it (a size, time or ID) is larger than 2^53' },
    { name: 'empty member name', entry: { name: '', body: 'a' }, fault: 'it has no member name' },
    { name: 'symlink without target', entry: { name: 'link', type: '2' }, fault: 'it is a link without a target' },
    { name: 'file with a link target', entry: { name: 'file', body: 'a', linkname: 'other' }, fault: 'it gives a link target to a member that is not a link' },
  ];
  for (const { name, entry, fault } of faults) {
    it(`first header: ${name}`, async () => {
      const error = await readError(writeTar([entry]));
      assert.equal(error.message, `in.tar is not a tar archive: its first header is invalid: ${fault}.`);
    });
  }
});
