/**
 * Lists the images of the engine at the socket given as the argument and prints the failure's
 * message and code as JSON. The permission test runs it as another user, because root opens any
 * socket.
 */
import { EngineClient } from '../../../src/core/image/engine/client';

new EngineClient({ socketPath: process.argv[2] }).listImages().then(
  () => process.stdout.write('{"message":"the images were listed"}\n'),
  (failure: Error & { code?: string }) => process.stdout.write(`${JSON.stringify({ message: failure.message, code: failure.code, unreachable: failure.constructor.name })}\n`),
);
