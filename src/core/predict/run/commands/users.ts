/**
 * Models of useradd, adduser, groupadd and addgroup. They rewrite the account files and may make
 * a home folder. The file contents depend on the accounts already in the base image, so they are
 * not predicted, but an account added with a number on the command line is recorded for chown.
 */
import { joinImagePath } from '../../../model/paths';
import type { AccountFile, AddedAccount } from '../accounts';
import { addNote, type CommandContext, type CommandResult } from '../context';
import { hasOption, optionValue, parseOptions, type ParsedOptions } from '../options';
import type { EntryOrigin } from '../../../model/layer';
import type { FileState, PathLookup } from '../view';
import { newDirectory, newFile, parentReady } from './fsOps';
import { toolFlavor } from './toolFlavor';

const accountFiles = ['/etc/passwd', '/etc/shadow'];
const groupFiles = ['/etc/group', '/etc/gshadow'];

/**
 * Accounts that a command adds, by the account file that lists them; a file without one gets no
 * new account. `unknown` when the command may add accounts the model cannot name.
 */
type AddedAccounts = Partial<Record<AccountFile, AddedAccount>> | 'unknown';

export function useradd(context: CommandContext): CommandResult {
  const debianAdduser = context.name.endsWith('adduser');
  // BusyBox adduser's -D (no password) takes no value, unlike useradd's -d (home). useradd's -U
  // (make the user's group) takes none either.
  const parsed = parseOptions(context.args, { valued: debianAdduser ? 'hsgGuk' : 'bcdefgGkKpPRsuZ', longValued: ['home', 'shell', 'gid', 'uid', 'ingroup', 'gecos', 'comment', 'groups', 'home-dir'] });
  const name = parsed.operands[parsed.operands.length - 1]?.value;
  rewriteAccounts(context, [...accountFiles, ...groupFiles], addedUser(context, parsed, debianAdduser));
  // useradd makes a home only with -m, and adduser (Debian and BusyBox) makes one unless given -H or --no-create-home.
  const makesHome = debianAdduser ? !hasOption(parsed, 'H', 'no-create-home', 'S', 'system') : hasOption(parsed, 'm', 'create-home');
  if (makesHome && name) {
    const home = optionValue(parsed, 'd', 'h', 'home', 'home-dir') ?? joinImagePath('/home', name);
    const uid = optionValue(parsed, 'u', 'uid');
    makeHome(context, home, uid !== undefined && /^\d+$/.test(uid) ? Number(uid) : null);
  }
  return { status: { success: true, certain: false } };
}

export function groupadd(context: CommandContext): CommandResult {
  const parsed = parseOptions(context.args, { valued: 'gKpRP', longValued: ['gid', 'key', 'password', 'root', 'prefix', 'conf'] });
  const [name, ...more] = parsed.operands;
  // BusyBox `addgroup USER GROUP` adds a user to a group, and `groupadd -f` succeeds on a group
  // that exists, which keeps its own number, so neither records a new group.
  // `groupadd -f` adds a group of a number it chooses when none has the name, so what it adds is unknown.
  const membership = name?.known && more.length > 0;
  const adds = name?.known && more.length === 0 && !hasOption(parsed, 'f', 'force');
  const group = adds ? { name: name.value, id: numberOption(parsed, 'g', 'gid'), loginGroup: null, command: context.name } : undefined;
  rewriteAccounts(context, groupFiles, membership ? {} : group ? { '/etc/group': group } : 'unknown');
  return { status: { success: true, certain: false } };
}

/**
 * Returns the accounts that useradd or adduser adds: the user and, unless the command line names
 * a primary group, the group of the same name that they make.
 */
function addedUser(context: CommandContext, parsed: ParsedOptions, adduser: boolean): AddedAccounts {
  const [name, ...more] = parsed.operands;
  // With a second operand, adduser (Debian and BusyBox) adds an existing user to a group.
  if (!name?.known) return 'unknown';
  if (more.length > 0) return {};
  const uid = numberOption(parsed, 'u', 'uid');
  const primary = primaryGroupOption(parsed, adduser);
  const user = { name: name.value, id: uid, loginGroup: primaryGroup(context, primary), command: context.name };
  if (primary !== undefined || hasOption(parsed, 'N', 'no-user-group')) return { '/etc/passwd': user };
  // BusyBox adduser (loginutils/adduser.c, 1.35) gives the user's own group the uid as its
  // number, and with -u it fails when a group has that number.
  if (adduser && uid !== null && toolFlavor(context) === 'busybox') {
    return { '/etc/passwd': { ...user, loginGroup: uid }, '/etc/group': { name: name.value, id: uid, loginGroup: null, command: context.name } };
  }
  // shadow's useradd gives the new group the user's number when no group has it and it lies in
  // GID_MIN..GID_MAX (find_new_gid), and BusyBox adduser fails unless it can. Debian's adduser
  // is not checked, so the number stays an estimate. With `--system --group` it chooses the number.
  const systemGroup = hasOption(parsed, 'group');
  const group = { name: name.value, id: systemGroup ? null : uid, loginGroup: null, command: context.name, usualChoice: !systemGroup && uid !== null };
  return { '/etc/passwd': user, '/etc/group': group };
}

/** Returns the primary group that the command line names; adduser puts a system user in nogroup. */
function primaryGroupOption(parsed: ParsedOptions, adduser: boolean): string | undefined {
  if (!adduser) return optionValue(parsed, 'g', 'gid');
  // BusyBox adduser takes -G or --ingroup and Debian's --ingroup or --gid; -g is BusyBox's GECOS field.
  const named = optionValue(parsed, 'G', 'ingroup', 'gid');
  const system = hasOption(parsed, 'S', 'system') && !hasOption(parsed, 'group');
  return named ?? (system ? 'nogroup' : undefined);
}

/** Returns the number of a primary group given as a number, or as a name found exactly. */
function primaryGroup(context: CommandContext, group: string | undefined): number | null {
  if (group === undefined) return null;
  if (/^\d+$/.test(group)) return Number(group);
  const found = context.accounts.find('/etc/group', group);
  return found.id !== null && found.estimate === undefined ? found.id : null;
}

/** Returns the value of a numeric option (`-u 1001`), or `null` when it is absent or not a number. */
function numberOption(parsed: ParsedOptions, ...names: string[]): number | null {
  const value = optionValue(parsed, ...names);
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : null;
}

/**
 * Rewrites each account file that exists, or may exist, as a whole new copy of unknown size, and
 * records the accounts the command adds to /etc/passwd and /etc/group for later lookups.
 */
function rewriteAccounts(context: CommandContext, files: string[], added: AddedAccounts): void {
  for (const path of files) {
    const found = context.view.lookup(path);
    if (found.presence === 'no') continue;
    if (parentReady(context.view, path) === 'no') continue;
    const accountFile = path === '/etc/passwd' || path === '/etc/group' ? path : undefined;
    // Taken before the copy-up, which makes the lower file look like one this RUN wrote.
    const before = accountFile && context.accounts.versionNow(accountFile);
    const origin = accountFile && added !== 'unknown' ? accountLineOrigin(found, accountFile, added[accountFile]) : { kind: 'parent' as const };
    const lower = found.presence === 'yes' ? (context.view.copyUp(path) as FileState) : newFile(context, path, null, ['noted'], path.endsWith('shadow') ? 0o640 : 0o644);
    const state: FileState = { ...lower, size: null, certainty: 'estimated', origin };
    context.view.write(path, state);
    if (accountFile && before) context.accounts.recordRewrite(accountFile, before, state, added === 'unknown' ? undefined : added[accountFile]);
  }
  addNote(context.report, `${context.name} rewrites ${files.join(', ')}; ids that the command line does not give depend on the base image's accounts, so they are not predicted.`);
}

/**
 * Returns the origin of an account file that the command rewrote, adding `account` if given. An
 * account whose number is certain becomes a line appended to the file's text, so that later
 * steps (COPY --chown, USER, RUN chown) find it. The line's other fields are not predicted, and
 * an empty login group stays unknown. Without an account the names and numbers stay as they
 * were (a user added to a group's members). Anything else leaves the text unknown.
 */
function accountLineOrigin(found: PathLookup, file: AccountFile, account: AddedAccount | undefined): EntryOrigin {
  if (account && (account.id === null || account.usualChoice)) return { kind: 'parent' };
  const earlier = found.presence === 'yes' && !found.fromBelow ? found.state?.origin : undefined;
  // A rewrite of this RUN with unknown text hides what it added below the appended line.
  if (found.presence === 'yes' && !found.fromBelow && earlier?.kind !== 'run-text') return { kind: 'parent' };
  if (!account) return earlier ?? { kind: 'run-text', text: '', appended: true };
  // name:x:uid:gid:gecos:home:shell and name:x:gid:members
  const fields = file === '/etc/passwd' ? [account.name, 'x', account.id, account.loginGroup ?? '', '', '', ''] : [account.name, 'x', account.id, ''];
  const line = `${fields.join(':')}\n`;
  const text = earlier?.kind === 'run-text' ? earlier.text + line : line;
  return { kind: 'run-text', text, appended: earlier?.kind === 'run-text' ? earlier.appended : true };
}

/** Makes a new user's home folder, owned by `uid` where the command gives it. */
function makeHome(context: CommandContext, home: string, uid: number | null): void {
  const path = context.resolve(home);
  if (context.view.lookup(path).presence === 'yes') return;
  if (parentReady(context.view, path) === 'no') return;
  // The note below and the unknown layer explain the estimate.
  context.view.write(path, { ...newDirectory(context, path, ['noted']), uid, gid: null });
  context.view.addUnknownRoot(path);
  context.report.floor = 'unknown';
  addNote(context.report, `${context.name} makes the home folder ${path} and copies the base image's /etc/skel into it, which this prediction cannot list.`);
}
