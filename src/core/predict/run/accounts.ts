/**
 * User and group names as a RUN's commands find them in `/etc/passwd` and `/etc/group` while
 * the script runs. The sources are the files below the RUN, the lines that the script appended
 * with echo, printf or cat, and the accounts that useradd or groupadd added with a given number.
 */
import { textAfterRunWrite, type AccountTexts, type KnownText } from '../imageText';
import { passwdEntry, resolveId } from '../ownership';
import type { FileState, RunView } from './view';

export type AccountFile = '/etc/passwd' | '/etc/group';

/** An account that useradd or groupadd adds; `id` is `null` where the command chooses it. */
export interface AddedAccount {
  name: string;
  id: number | null;
  /** The primary group of a new user, where the command line gives it. */
  loginGroup: number | null;
  /** The command that adds it, as named in notes. */
  command: string;
  /** Set when `id` is the number that the command usually chooses, not one its command line gives. */
  usualChoice?: boolean;
}

/** A name looked up: its number, or why the number is unknown. */
export type NameLookup =
  | {
      id: number;
      /** The user's primary group from its `/etc/passwd` line, where known. */
      loginGroup: number | null;
      /** Set when the number is only an estimate. */
      estimate?: EstimateReason;
    }
  | { id: null; reason: UnknownIdReason };

/**
 * The reason a number that was found is an estimate. With `appended`, the name is in lines appended to
 * unknown text, where an earlier line for it would win. With `usual-choice`, the number is the
 * one that a command of this RUN usually chooses for an account it adds.
 */
export type EstimateReason = { kind: 'appended' } | { kind: 'usual-choice'; command: string };

/**
 * Why a name has no number: the file's text is not known (`unread`), the known file has no line
 * for it (`unlisted`), or a command of this RUN adds it with a number it chooses (`chosen`).
 */
export type UnknownIdReason = { kind: 'unread' } | { kind: 'unlisted' } | { kind: 'chosen'; command: string };

/** The known account lines of one version of an account file. */
export interface AccountVersion {
  /** The file's text, or its text before useradd or groupadd rewrote it; `undefined` where unknown. */
  text: KnownText | undefined;
  /** Accounts that useradd or groupadd added after `text`, by name. */
  added: ReadonlyMap<string, AddedAccount>;
}

export class RunAccounts {
  /** The last version that useradd or groupadd wrote of each account file, with the state they wrote. */
  private readonly rewritten = new Map<AccountFile, AccountVersion & { state: FileState }>();

  /** `below` contains the files' text under the RUN, where the caller read it. */
  constructor(private readonly view: RunView, private readonly below: AccountTexts) {}

  /** Looks up a user (`/etc/passwd`) or group (`/etc/group`) name in the file as it is now. */
  find(path: AccountFile, name: string): NameLookup {
    const version = this.versionNow(path);
    const added = version.added.get(name);
    // useradd and groupadd reject a name the file already has, so no earlier line can win over theirs.
    if (added?.id === null) return { id: null, reason: { kind: 'chosen', command: added.command } };
    if (added?.usualChoice) return { id: added.id, loginGroup: added.loginGroup, estimate: { kind: 'usual-choice', command: added.command } };
    if (added) return { id: added.id, loginGroup: added.loginGroup };
    const text = version.text;
    if (text === undefined) return { id: null, reason: { kind: 'unread' } };
    const id = resolveId(name, text.text);
    // A name missing from lines appended to unknown text may still be in that text.
    if (id === null) return { id: null, reason: { kind: text.partial ? 'unread' : 'unlisted' } };
    const loginGroup = path === '/etc/passwd' ? (passwdEntry(name, text.text)?.gid ?? null) : null;
    return text.partial ? { id, loginGroup, estimate: { kind: 'appended' } } : { id, loginGroup };
  }

  /**
   * Returns what is known of the file as it is now. Call it before useradd or groupadd copies the
   * file up, and pass the result to `recordRewrite` once it wrote the new version.
   */
  versionNow(path: AccountFile): AccountVersion {
    const found = this.view.lookup(path);
    const rewritten = this.rewritten.get(path);
    // Any other write replaces the state object (chmod and chown change it in place), so an
    // equal object is still the version that useradd or groupadd wrote.
    if (rewritten && found.state === rewritten.state) return rewritten;
    return { text: this.textNow(path), added: new Map() };
  }

  /** Records that useradd or groupadd wrote `state` over the version `before`, adding `account` if given. */
  recordRewrite(path: AccountFile, before: AccountVersion, state: FileState, account?: AddedAccount): void {
    const added = new Map(before.added);
    if (account) added.set(account.name, account);
    this.rewritten.set(path, { text: before.text, added, state });
  }

  /** Returns the file's text as it is now, where it is known. */
  private textNow(path: AccountFile): KnownText | undefined {
    const found = this.view.lookup(path);
    if (found.presence !== 'yes' || !found.state) return undefined;
    const below = path === '/etc/passwd' ? this.below.passwd : this.below.group;
    if (found.fromBelow) return below;
    const origin = found.state.origin;
    return origin?.kind === 'run-text' ? textAfterRunWrite(origin, below) : undefined;
  }
}
