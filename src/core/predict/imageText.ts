/**
 * Reads small text files of the predicted filesystem, such as `/etc/passwd`, where their content
 * is known: a file copied from the build context, a file of a base image the caller read, or text
 * a RUN wrote with echo, printf or cat.
 */
import { contextHostPath } from '../context/hostNames';
import { readRegularFile } from '../files/regularFile';
import type { LayerStack } from '../model/stack';
import type { AccountFiles } from './ownership';

export interface TextSources {
  contextRoot: string;
  /** Files of the stage's base image by absolute path, when the caller read it. */
  baseFiles?: Readonly<Record<string, string>>;
}

/** The text of a file; `partial` when only its end is known (text a RUN appended to unknown content). */
export interface KnownText {
  text: string;
  partial: boolean;
}

/** Files larger than this are not read: account files are small, and this bounds the cost. */
const maxTextBytes = 1024 * 1024;

/**
 * Reads the text of `path` as the stack shows it as of layer `asOf`; `undefined` when none of it
 * can be known.
 */
export async function readImageText(stack: LayerStack, path: string, sources: TextSources, asOf = stack.top): Promise<KnownText | undefined> {
  const version = stack.lookup(path, asOf);
  if (!version || version.entry.type !== 'file') return undefined;
  const origin = version.entry.origin;
  if (origin?.kind === 'context') {
    if ((version.entry.size ?? 0) > maxTextBytes) return undefined;
    // The file may have been replaced by a FIFO since the context walk; that reads as unknown.
    const bytes = await readRegularFile(contextHostPath(sources.contextRoot, origin.path)).catch(() => undefined);
    return bytes && { text: bytes.toString('utf8'), partial: false };
  }
  if (origin?.kind === 'run-text') {
    const lower = origin.appended ? await readImageText(stack, path, sources, version.layer - 1) : undefined;
    return textAfterRunWrite(origin, lower);
  }
  // Layer 0 of a stage's stack is its base image.
  const base = version.layer === 0 ? sources.baseFiles?.[path] : undefined;
  return base === undefined ? undefined : { text: base, partial: false };
}

/**
 * Returns the text of a file that a RUN wrote with echo, printf or cat: the text written, after
 * `lower` (the file's text below) when the RUN appended it. Unknown lower text makes it `partial`.
 */
export function textAfterRunWrite(written: { text: string; appended: boolean }, lower: KnownText | undefined): KnownText {
  if (!written.appended) return { text: written.text, partial: false };
  return lower ? { text: lower.text + written.text, partial: lower.partial } : { text: written.text, partial: true };
}

/** The text of `/etc/passwd` and `/etc/group`, each where it is known. */
export interface AccountTexts {
  passwd?: KnownText;
  group?: KnownText;
}

/** Reads `/etc/passwd` and `/etc/group` as the stack shows them as of layer `asOf`. */
export async function readAccountTexts(stack: LayerStack, sources: TextSources, asOf = stack.top): Promise<AccountTexts> {
  const [passwd, group] = await Promise.all([readImageText(stack, '/etc/passwd', sources, asOf), readImageText(stack, '/etc/group', sources, asOf)]);
  return { passwd, group };
}

/**
 * Returns the account files for user and group names. Lines a RUN appended to files of unknown
 * content are used too, with `partial` set: an earlier line for the same name would win.
 */
export function toAccountFiles(texts: AccountTexts): AccountFiles {
  const accounts: AccountFiles = { passwd: texts.passwd?.text, group: texts.group?.text };
  if (texts.passwd?.partial || texts.group?.partial) accounts.partial = true;
  return accounts;
}

/** Reads `/etc/passwd` and `/etc/group` for user and group names (see `toAccountFiles`). */
export async function readAccountFiles(stack: LayerStack, sources: TextSources, asOf = stack.top): Promise<AccountFiles> {
  return toAccountFiles(await readAccountTexts(stack, sources, asOf));
}

/**
 * Tells whether a layer that may change files without listing them (a RUN the prediction does
 * not follow) lies above the version of `path` that the stack shows, so that its known text may
 * no longer be the file's.
 */
export function textMayBeStale(stack: LayerStack, path: string): boolean {
  const version = stack.lookup(path);
  return !version || stack.unknownLayerSince(version.layer + 1, stack.top);
}
