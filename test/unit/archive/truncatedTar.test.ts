/** The message for a tar that ends early: the member it ends in, and what to do. */
import { strict as assert } from 'node:assert';
import { Readable } from 'node:stream';
import { readTarEntries } from '../../../src/core/archive/tarEntries';
import { writeTar } from '../../fixtures/hostile/tarWriter';

async function readAll(tar: Buffer): Promise<void> {
  await readTarEntries(Readable.from([tar]), (entry) => void entry.resume(), { label: 'cut.tar' });
}

describe('truncated tar message', () => {
  const whole = writeTar([{ name: 'a.txt', body: 'a' }, { name: 'dir/big.bin', body: Buffer.alloc(4000, 1) }]);

  it('ends inside a body', async () => {
    await assert.rejects(readAll(whole.subarray(0, 3000)), {
      message: 'cut.tar is a truncated tar archive: it ends inside the member "dir/big.bin", so the file is incomplete. Copy or save it again.',
    });
  });

  it('ends inside a header', async () => {
    // 1024 bytes hold a.txt's header and body; the next header is cut after 100 bytes.
    await assert.rejects(readAll(whole.subarray(0, 1124)), {
      message: 'cut.tar is a truncated tar archive: it ends inside an entry, so the file is incomplete. Copy or save it again.',
    });
  });

  it('input shorter than a header', async () => {
    await assert.rejects(readAll(Buffer.from('hello\n')), { message: 'cut.tar is not a tar archive.' });
  });
});
