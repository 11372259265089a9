/** `--chown` and `--chmod` values of COPY and ADD, turned into numbers where they can be. */

export interface Ownership {
  uid: number | null;
  gid: number | null;
  /** Set when a user or group name cannot be resolved without the image's `/etc/passwd`. */
  unresolved?: string;
}

/**
 * Parses `--chown=user[:group]`. A numeric user alone also sets the group to the same number,
 * as builders do. Names need the image's `/etc/passwd` and `/etc/group`, so they stay unknown.
 */
export function parseChown(value: string): Ownership {
  const [user, group] = value.split(':', 2);
  const uid = /^\d+$/.test(user) ? Number(user) : null;
  const gid = group === undefined ? uid : /^\d+$/.test(group) ? Number(group) : null;
  const names = [user, group].filter((part) => part !== undefined && part !== '' && !/^\d+$/.test(part));
  return names.length > 0 ? { uid, gid, unresolved: names.join(':') } : { uid, gid };
}

/** Parses an octal `--chmod` value; returns `null` for the symbolic form, which it does not model. */
export function parseChmod(value: string): number | null {
  return /^[0-7]{3,4}$/.test(value) ? parseInt(value, 8) : null;
}
