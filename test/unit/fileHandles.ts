/**
 * Counts the `FileHandle`s (from `fs/promises` `open` and what is built on it) that code opens
 * and leaves open. Node closes such a handle only when it is garbage collected, with a warning,
 * so a test that waits for GC would pass or fail by luck. This tracker needs no GC.
 */
import { createHook } from 'node:async_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * The native side of a `FileHandle`, as the async_hooks `init` hook receives it.
 * NOTE: `FILEHANDLE` and this `fd` getter are Node internals (checked on Node 20): the getter
 * returns the descriptor while the handle is open and a negative error code once it is closed.
 */
interface NativeFileHandle {
  fd: number;
}

/** How many event-loop turns without a pending fs request end the wait for closing handles. */
const IDLE_TURNS = 20;

/** Matches the active-resource names of pending fs operations, such as a read or a close. */
const FS_REQUEST = /^(FSReq|FileHandle|CloseReq)/;

/** Runs `work` and returns its result with the number of file handles it opened and left open. */
export async function countUnclosedFileHandles<T>(work: () => Promise<T>): Promise<{ result: T; opened: number; unclosed: number }> {
  const handles: NativeFileHandle[] = [];
  const hook = createHook({
    init(_asyncId, type, _triggerAsyncId, resource) {
      if (type === 'FILEHANDLE') handles.push(resource as NativeFileHandle);
    },
  });
  hook.enable();
  let result: T;
  try {
    result = await work();
  } finally {
    hook.disable();
  }
  for (const handle of handles) {
    if (typeof handle.fd !== 'number') throw new Error('The FILEHANDLE resource of this Node version has no numeric fd, so open handles cannot be counted; update test/unit/fileHandles.ts.');
  }
  const countOpen = () => handles.filter((handle) => handle.fd >= 0).length;
  // A handle may still be closing after `work` settles. Streams close files through fs requests
  // and the callbacks between them: a stream destroyed during a read closes its file only after
  // the read's callback, a turn or two later. So the count is final once no fs request has been
  // pending for IDLE_TURNS turns in a row, without waiting a fixed time. A leaked handle stays
  // open however long this waits. A close that only a timer would start is counted as unclosed.
  let idleTurns = 0;
  while (countOpen() > 0 && idleTurns < IDLE_TURNS) {
    await nextTurn();
    idleTurns = process.getActiveResourcesInfo().some((name) => FS_REQUEST.test(name)) ? 0 : idleTurns + 1;
  }
  return { result, opened: handles.length, unclosed: countOpen() };
}
