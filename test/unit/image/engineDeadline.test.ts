/**
 * The engine client against a fake engine that sends one byte at a time: metadata requests stop
 * at their overall deadline, while the image export keeps streaming past it.
 */
import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import { EngineClient } from '../../../src/core/image/engine/client';
import { listenOnSocket, type EngineSocket } from './engineSocket';

/** Milliseconds between two bytes; well below the idle timeout the tests set. */
const BYTE_INTERVAL_MS = 40;
/** Bytes the export sends, so that it lasts 12 intervals, longer than the deadline. */
const EXPORT_BYTES = 12;

/** Creates a fake engine whose every response trickles: JSON without end, and a short export. */
function tricklingEngine(timers: Set<NodeJS.Timeout>): Server {
  return createServer((request, response) => {
    const exporting = request.url === '/images/slow/get';
    response.writeHead(200, { 'Content-Type': exporting ? 'application/x-tar' : 'application/json' });
    let sent = 0;
    const timer = setInterval(() => {
      if (exporting && sent === EXPORT_BYTES) {
        clearInterval(timer);
        timers.delete(timer);
        response.end();
        return;
      }
      sent++;
      response.write(exporting ? 'x' : ' ');
    }, BYTE_INTERVAL_MS);
    timers.add(timer);
    response.on('close', () => {
      clearInterval(timer);
      timers.delete(timer);
    });
  });
}

describe('engine client deadline', () => {
  let engine: EngineSocket;
  const timers = new Set<NodeJS.Timeout>();

  before(async () => {
    engine = await listenOnSocket(tricklingEngine(timers), 'layer-lens-engine-deadline-');
  });
  after(async () => {
    for (const timer of timers) clearInterval(timer);
    await engine.close();
  });

  // The idle timeout is long, so that a machine too busy to send a byte every 40 ms cannot end a
  // request through it before the deadline, which is what these tests watch.
  const client = () => new EngineClient({ socketPath: engine.socketPath }, { idleTimeoutMs: 1500, deadlineMs: 300 });

  for (const [name, call] of [
    ['inspect', (engine: EngineClient) => engine.inspectImage('slow')],
    ['history', (engine: EngineClient) => engine.imageHistory('slow')],
    ['list', (engine: EngineClient) => engine.listImages()],
  ] as const) {
    it(`${name} stops at the deadline`, async () => {
      const started = Date.now();
      await assert.rejects(call(client()), (error: Error) => {
        assert.match(error.message, new RegExp(`^unix://${engine.socketPath}: GET /images/\\S+ timed out: it did not finish within 300 ms\\. Check that the engine answers \`docker version\`, then run the command again, `));
        return true;
      });
      const elapsed = Date.now() - started;
      assert.ok(elapsed >= 300, `rejected after ${elapsed} ms, before the deadline`);
      assert.ok(elapsed < 2000, `rejected after ${elapsed} ms`);
    });
  }

  it('export streams past the deadline', async () => {
    const stream = await client().exportImage('slow');
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    assert.equal(Buffer.concat(chunks).toString('utf8'), 'x'.repeat(EXPORT_BYTES));
  });
});
