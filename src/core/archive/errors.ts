/**
 * The error that archive and image readers raise for input they cannot read. Its message names
 * the input (and the member, where there is one) and says what to do, so callers show it as is.
 */
export class ArchiveError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ArchiveError';
  }
}

/**
 * Input, named by `label`, that is not a tar archive at all. The message states only that,
 * because what to give instead depends on whether the input is an image source, a layer member
 * or a build context archive. The parser's own error, if any, is the `cause`.
 */
export class NotTarArchiveError extends ArchiveError {
  /** `detail` describes what the input is instead, after "is not a tar archive: ". */
  constructor(
    readonly label: string,
    readonly detail?: string,
    options?: ErrorOptions,
  ) {
    super(`${label} is not a tar archive${detail === undefined ? '' : `: ${detail}`}.`, options);
  }
}

/**
 * A read of the input named by `label` whose source stream failed partway, such as a connection
 * that the sender closed. `member` is the tar member it failed inside, once the tar reader adds
 * it. A caller that knows the source words its own message from these parts.
 */
export class InterruptedReadError extends ArchiveError {
  /** `options.cause` is the source stream's own error, which a caller may word its message from. */
  constructor(
    readonly label: string,
    readonly reason: string,
    readonly member?: string,
    options?: ErrorOptions,
  ) {
    super(`${label}: reading stopped partway${insideMember(member)} (${reason}).`, options);
  }

  /** Returns the same error, naming the member it failed inside. */
  inside(member: string): InterruptedReadError {
    return new InterruptedReadError(this.label, this.reason, member, { cause: this.cause });
  }
}

/**
 * A tar archive, named by `label`, whose data ended inside a member (`member`, when the header
 * was read) or inside a header. The message suits a file; a caller that reads another source,
 * such as an engine's export stream, builds its own message from these fields.
 */
export class TruncatedTarError extends ArchiveError {
  constructor(
    readonly label: string,
    readonly member?: string,
  ) {
    const where = member === undefined ? 'an entry' : `the member ${JSON.stringify(member)}`;
    super(`${label} is a truncated tar archive: it ends inside ${where}, so the file is incomplete. Copy or save it again.`);
  }
}

/**
 * A tar archive, named by `label`, whose data ended cleanly but without the zero block that ends
 * a tar archive, such as a copy cut between two members, which otherwise reads as a shorter
 * archive. `lastMember` is the last member read, if any.
 */
export class TarEndMissingError extends ArchiveError {
  constructor(
    readonly label: string,
    readonly lastMember: string | undefined,
  ) {
    const after = lastMember === undefined ? ' before its first member' : ` after the member ${JSON.stringify(lastMember)}`;
    super(`${label} is a truncated tar archive: it ends${after}, without the empty blocks that close a tar archive. Copy or save it again.`);
  }
}

/**
 * Compressed input, named by `label`, whose data ended before the end of its compressed stream
 * (zlib's "unexpected end of file"). The message suits a file; a caller that reads another source,
 * such as an engine's export stream, builds its own message from these fields.
 */
export class TruncatedCompressedDataError extends ArchiveError {
  constructor(
    readonly label: string,
    readonly compression: string,
    reason: string,
  ) {
    super(`${label}: ${compression} data is truncated or corrupt (${reason}).`);
  }
}

/** Returns `, inside the member "NAME"`, or nothing when the member is not known. */
export function insideMember(member: string | undefined): string {
  return member === undefined ? '' : `, inside the member ${JSON.stringify(member)}`;
}

/** Returns whether `error` is the abort error that Node raises for an `AbortSignal`. */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** Returns the message of an unknown thrown value. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
