/** The log warnings of engine image lookup. No `vscode` import, so it runs under plain mocha. */

/** An engine image that the lookup found for a reference of the Dockerfile. */
export interface FoundImage {
  /** The reference as the Dockerfile writes it, such as `busybox:1.36`. */
  reference: string;
  /** The engine's image ID. */
  id: string;
  /** The engine's address, as `describeEndpoint` writes it. */
  where: string;
}

/**
 * Builds the warning for a failed request for a base image: the image with its ID, the engine's
 * address once, and the error, whose own advice states what to do.
 */
export function baseImageWarning(request: 'read' | 'inspect', image: FoundImage, error: string): string {
  // The engine client's errors start with the address and an export's with `docker://ID`, and the
  // warning names both itself. Some errors name the address further in, so it is added only when missing.
  const detail = withoutPrefix(withoutPrefix(error, `${image.where}: `), `docker://${image.id}: `);
  const from = detail.includes(image.where) ? '' : ` from the engine at ${image.where}`;
  return `Failed to ${request} the base image ${image.reference} (${image.id})${from}: ${detail}`;
}

/**
 * Builds the warning for a failed listing of the engine's images, in the form of
 * `baseImageWarning`: the address once, then the error.
 */
export function listingWarning(where: string, error: string): string {
  const detail = withoutPrefix(error, `${where}: `);
  const from = detail.includes(where) ? '' : ` of the engine at ${where}`;
  return `Failed to list the images${from}: ${detail}`;
}

function withoutPrefix(text: string, prefix: string): string {
  return text.startsWith(prefix) ? text.slice(prefix.length) : text;
}
