/** Polling for a condition with a deadline: the suites wait for states, never for fixed times. */

const POLL_INTERVAL_MS = 200;

/**
 * Calls `check` until it returns true, and rejects with a message naming `what` when
 * `timeoutMs` passes first. An error thrown by `check` stops the wait at once.
 */
export async function waitUntil(what: string, timeoutMs: number, check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() >= deadline) {
      throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}
