/**
 * The owner operand of chown and chgrp, turned into numbers where /etc/passwd and /etc/group, as
 * the script has them at that point, give them.
 */
import type { AccountFile, EstimateReason, NameLookup, UnknownIdReason } from '../accounts';
import { addNote, type CommandContext } from '../context';
import type { Field } from '../expand';
import { numericId } from '../script';

/** The numbers a chown or chgrp sets: `undefined` keeps the number an entry has, `null` is unknown. */
export interface OwnerChange {
  uid?: number | null;
  gid?: number | null;
  /** Set when a number is unknown or only an estimate. */
  estimated: boolean;
}

/** Resolves `user[:group]` (a group for chgrp) and notes why a number is unknown or estimated. */
export function ownerChange(context: CommandContext, operand: Field | undefined): OwnerChange {
  const text = operand?.value ?? '';
  const [user, group] = context.name === 'chgrp' ? [undefined, text] : splitOwner(text);
  const userFound = user === undefined || user === '' ? undefined : lookUp(context, '/etc/passwd', user);
  let groupFound: NameLookup | undefined = undefined;
  // `user:` with an empty group means the user's login group.
  if (group === '') groupFound = userFound && loginGroup(userFound);
  else if (group !== undefined) groupFound = lookUp(context, '/etc/group', group);
  const lookups = [userFound, groupFound].filter((found): found is NameLookup => found !== undefined);
  const unknown = lookups.find((found) => found.id === null);
  const estimate = lookups.map((found) => (found.id === null ? undefined : found.estimate)).find((reason) => reason !== undefined);
  if (!operand?.known || unknown) {
    // An operand built from unknown values gets the general reason, whatever its text matched.
    const reason = operand?.known && unknown?.id === null ? unknown.reason : { kind: 'unread' as const };
    addNote(context.report, `${context.name}: "${text}" is a name; ${unknownIdReason(reason)}.`);
  } else if (estimate) {
    addNote(context.report, `${context.name}: "${text}" ${estimateReason(estimate)}.`);
  }
  return { uid: userFound?.id, gid: groupFound?.id, estimated: !operand?.known || unknown !== undefined || estimate !== undefined };
}

/** Splits `user:group`; chown also takes the older `user.group` form. */
function splitOwner(text: string): [string, string | undefined] {
  const [user, group] = text.split(/[:.]/, 2);
  return [user, group];
}

/**
 * Looks a name up as chown does; numbers and root need no account file. A number's login group
 * is taken to be the group of the same number, as its /etc/passwd line is not looked up.
 */
function lookUp(context: CommandContext, path: AccountFile, name: string): NameLookup {
  const id = numericId(name);
  if (id !== null) return { id, loginGroup: id };
  return context.accounts.find(path, name);
}

/** Returns the login group of a user that chown found. */
function loginGroup(user: NameLookup): NameLookup {
  if (user.id === null) return user;
  if (user.loginGroup === null) return { id: null, reason: { kind: 'unread' } };
  return { id: user.loginGroup, loginGroup: null, estimate: user.estimate };
}

function estimateReason(reason: EstimateReason): string {
  if (reason.kind === 'appended') return 'is found in lines a RUN appended to /etc/passwd or /etc/group, whose earlier content is not known; an earlier line for the same name would win';
  return `takes the number that ${reason.command} usually gives the group it makes for a new user, the user's number, unless a group has that number already`;
}

// NOTE: chown fails on a name that a known /etc/passwd or /etc/group does not list, which fails
// the build, but the prediction only notes the name and keeps the RUN successful.
function unknownIdReason(reason: UnknownIdReason): string {
  if (reason.kind === 'chosen') return `${reason.command} adds it in this RUN with a number it chooses, which this prediction does not know`;
  const fileState = reason.kind === 'unlisted' ? 'which does not list it' : 'which this prediction cannot read';
  return `its number comes from the image's /etc/passwd or /etc/group, ${fileState}`;
}
