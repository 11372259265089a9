/** The detail a log line adds after its message about a failure. No `vscode` import, so it runs under plain mocha. */

/**
 * Returns the arguments to log after `message` for `error`: none when the message already
 * contains the error's own message (an expected failure, such as an unreadable archive), else the
 * error itself, whose stack helps with an unexpected one.
 */
export function failureDetail(message: string, error: unknown): unknown[] {
  if (error instanceof Error && error.message !== '' && message.includes(error.message)) return [];
  if (typeof error === 'string' && message.includes(error)) return [];
  return [error];
}
