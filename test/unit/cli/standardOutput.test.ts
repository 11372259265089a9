import * as assert from 'node:assert/strict';
import { once } from 'node:events';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { quietWhenClosed } from '../../../src/cli/io';
import { main } from '../../../src/cli/main';

const example = join(__dirname, '..', '..', '..', 'examples', 'node-service', 'Dockerfile');

/** Returns a stream that takes `limit` writes, then fails every later one with `EPIPE`, as a closed pipe does. */
function pipeClosedAfter(limit: number): PassThrough & { received: string } {
  let writes = 0;
  const pipe = Object.assign(new PassThrough(), { received: '' });
  const write = pipe.write.bind(pipe);
  pipe.write = ((chunk: string, encoding: BufferEncoding, callback?: (error?: Error | null) => void) => {
    if (++writes > limit) {
      const error = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
      process.nextTick(() => pipe.emit('error', error));
      process.nextTick(() => callback?.(error));
      return false;
    }
    pipe.received += chunk;
    return write(chunk, encoding, callback);
  }) as typeof pipe.write;
  pipe.resume();
  return pipe;
}

describe('quietWhenClosed', () => {
  it('closed pipe ends explain text', async () => {
    const pipe = pipeClosedAfter(0);
    const stderr = new PassThrough();
    let errors = '';
    stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const status = await main(['explain', example], { stdout: quietWhenClosed(pipe), stderr });
    assert.equal(status, 0);
    assert.equal(errors, '');
    assert.equal(pipe.received, '');
  });

  it('closed pipe ends explain --json', async () => {
    const pipe = pipeClosedAfter(0);
    const stderr = new PassThrough();
    let errors = '';
    stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const status = await main(['explain', '--json', example], { stdout: quietWhenClosed(pipe), stderr });
    assert.equal(status, 0);
    assert.equal(errors, '');
    assert.equal(pipe.received, '');
  });

  it('other errors still fail the stream', async () => {
    const target = new PassThrough();
    const wrapped = quietWhenClosed(target);
    const failed = once(wrapped, 'error');
    target.emit('error', Object.assign(new Error('disk full'), { code: 'ENOSPC' }));
    const [error] = (await failed) as [Error];
    assert.equal(error.message, 'disk full');
  });
});
