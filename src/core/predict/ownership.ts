/** `--chown` and `--chmod` values of COPY and ADD, turned into numbers where they can be. */

export interface Ownership {
  uid: number | null;
  gid: number | null;
  /** Set when a user or group name cannot be resolved without the image's `/etc/passwd`. */
  unresolved?: string;
}

/** The text of the image's `/etc/passwd` and `/etc/group`, where the prediction has it. */
export interface AccountFiles {
  passwd?: string;
  group?: string;
  /**
   * Set when a file's text is only its end, lines a RUN appended to content the prediction does
   * not know. A name found there is an estimate: a line for it in the unknown part would win.
   */
  partial?: boolean;
}

/**
 * Parses `--chown=user[:group]`. A user alone also sets the group to the user's number, as the
 * Dockerfile reference specifies. Names resolve through the image's `/etc/passwd` and
 * `/etc/group` when `accounts` contains them. Otherwise they stay unknown and `unresolved` names them.
 */
export function parseChown(value: string, accounts: AccountFiles = {}): Ownership {
  const [user, group] = value.split(':', 2);
  const uid = resolveId(user, accounts.passwd);
  const gid = group === undefined || group === '' ? uid : resolveId(group, accounts.group);
  const missing: string[] = [];
  if (uid === null) missing.push(user);
  if (group !== undefined && group !== '' && gid === null) missing.push(group);
  return missing.length > 0 ? { uid, gid, unresolved: missing.join(':') } : { uid, gid };
}

/**
 * Returns the user and group numbers of `USER user[:group]`, as the runtime finds them: names
 * through `/etc/passwd` and `/etc/group`, and without a group the user's primary group from
 * `/etc/passwd`. A number stays unknown where the files do not give it.
 */
export function userIds(user: string, group: string | undefined, accounts: AccountFiles): UserIds {
  const entry = passwdEntry(user, accounts.passwd);
  const uid = entry?.uid ?? resolveId(user, accounts.passwd) ?? (user === 'root' ? 0 : null);
  const home = homeFolder(uid, entry, accounts.passwd !== undefined && !accounts.partial);
  if (group !== undefined && group !== '') return { uid, gid: resolveId(group, accounts.group) ?? (group === 'root' ? 0 : null), home };
  return { uid, gid: entry?.gid ?? (uid === 0 ? 0 : null), home };
}

/**
 * Returns the HOME that the runtime gives a user: the home folder of its `/etc/passwd` line, or
 * `/` for a user without a line when `passwdKnown` is true, because the file is known in full or
 * known to be absent. runc 1.1.5 did so in builds by Docker Engine 20.10.24's classic builder and
 * by buildah 1.28.2, for root too. Where the file is unread, root's home is taken to be /root, an
 * estimate that holds for most base images, and another user's home stays unknown.
 */
export function homeFolder(uid: number | null, entry: PasswdEntry | undefined, passwdKnown: boolean): string | null {
  if (entry?.home) return entry.home;
  if (entry === undefined && passwdKnown && uid !== null) return '/';
  return uid === 0 ? '/root' : null;
}

/** The numbers of a user and group, and the user's home folder (`null` where unknown). */
export interface UserIds {
  uid: number | null;
  gid: number | null;
  home: string | null;
}

/** The fields of an `/etc/passwd` line that the prediction uses; `home` is `null` unless absolute. */
export interface PasswdEntry {
  uid: number;
  gid: number;
  home: string | null;
}

/** Finds the `/etc/passwd` line of a user name or number: `name:x:uid:gid:gecos:home:shell`. */
export function passwdEntry(user: string, passwd: string | undefined): PasswdEntry | undefined {
  const byNumber = /^\d+$/.test(user);
  for (const line of passwd?.split('\n') ?? []) {
    const fields = line.split(':');
    if (fields.length < 4 || !/^\d+$/.test(fields[2]) || !/^\d+$/.test(fields[3])) continue;
    if (byNumber ? fields[2] === user : fields[0] === user) return { uid: Number(fields[2]), gid: Number(fields[3]), home: fields[5]?.startsWith('/') ? fields[5] : null };
  }
  return undefined;
}

/** Returns a number as written, or the id of a name in a `name:x:id:...` account file. */
export function resolveId(name: string, accountFile: string | undefined): number | null {
  if (/^\d+$/.test(name)) return Number(name);
  for (const line of accountFile?.split('\n') ?? []) {
    const fields = line.split(':');
    if (fields[0] === name && fields.length >= 3 && /^\d+$/.test(fields[2])) return Number(fields[2]);
  }
  return null;
}

/** A parsed `--chmod`: applies to a copied path's mode. */
export type ModeChange = (mode: number, isDirectory: boolean) => number;

/**
 * Parses `--chmod` in octal (`0640`) or symbolic form (`u=rwx,go=rx`, `a+X`, `g-w`), as BuildKit
 * accepts since Dockerfile syntax 1.10. Returns `null` for a value that is neither.
 */
export function parseChmod(value: string): ModeChange | null {
  if (/^[0-7]{1,4}$/.test(value)) {
    const octal = parseInt(value, 8);
    return (mode) => (mode & ~0o7777) | octal;
  }
  const clauses = value.split(',').map(parseClause);
  if (clauses.some((clause) => clause === null)) return null;
  return (mode, isDirectory) => clauses.reduce((current, clause) => (clause as SymbolicClause)(current, isDirectory), mode);
}

type SymbolicClause = (mode: number, isDirectory: boolean) => number;

const whoMasks: Record<string, number> = { u: 0o4700, g: 0o2070, o: 0o1007, a: 0o7777 };

/** Parses one `[ugoa]*[+-=][rwxXst]*` clause of a symbolic mode. */
function parseClause(text: string): SymbolicClause | null {
  const match = /^([ugoa]*)([-+=])([rwxXst]*)$/.exec(text);
  if (!match) return null;
  const [, who, operator, permissions] = match;
  const mask = (who === '' ? 'a' : who).split('').reduce((bits, letter) => bits | whoMasks[letter], 0);
  return (mode, isDirectory) => {
    const executable = isDirectory || (mode & 0o111) !== 0;
    let bits = 0;
    for (const letter of permissions) {
      if (letter === 'r') bits |= 0o444;
      else if (letter === 'w') bits |= 0o222;
      else if (letter === 'x' || (letter === 'X' && executable)) bits |= 0o111;
      else if (letter === 's') bits |= 0o6000;
      else if (letter === 't') bits |= 0o1000;
    }
    bits &= mask;
    if (operator === '+') return mode | bits;
    if (operator === '-') return mode & ~bits;
    return (mode & ~(mask & 0o7777)) | bits;
  };
}
