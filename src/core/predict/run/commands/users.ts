/**
 * Models of useradd, adduser, groupadd and addgroup. They rewrite the account files and may make
 * a home folder. The new ids depend on the accounts already in the base image, so they are not
 * predicted.
 */
import { joinImagePath } from '../../../model/paths';
import { addNote, type CommandContext, type CommandResult } from '../context';
import { hasOption, optionValue, parseOptions } from '../options';
import type { FileState } from '../view';
import { newDirectory, newFile, parentReady, writeCertainty } from './fsOps';

const accountFiles = ['/etc/passwd', '/etc/shadow'];
const groupFiles = ['/etc/group', '/etc/gshadow'];

export function useradd(context: CommandContext): CommandResult {
  const debianAdduser = context.name.endsWith('adduser');
  // BusyBox adduser's -D (no password) takes no value, unlike useradd's -d (home).
  const parsed = parseOptions(context.args, { valued: debianAdduser ? 'hsgGuk' : 'cdefgGkKpsuU', longValued: ['home', 'shell', 'gid', 'uid', 'ingroup', 'gecos', 'comment', 'groups', 'home-dir'] });
  const name = parsed.operands[parsed.operands.length - 1]?.value;
  rewriteAccounts(context, [...accountFiles, ...groupFiles]);
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
  rewriteAccounts(context, groupFiles);
  return { status: { success: true, certain: false } };
}

/** Rewrites each account file that exists, or may exist, as a whole new copy of unknown size. */
function rewriteAccounts(context: CommandContext, files: string[]): void {
  for (const path of files) {
    const found = context.view.lookup(path);
    if (found.presence === 'no') continue;
    if (parentReady(context.view, path) === 'no') continue;
    const lower = found.presence === 'yes' ? (context.view.copyUp(path) as FileState) : newFile(context, null, false, path.endsWith('shadow') ? 0o640 : 0o644);
    context.view.write(path, { ...lower, size: null, certainty: 'estimated', origin: { kind: 'parent' } });
  }
  addNote(context.report, `${context.name} rewrites ${files.join(', ')}; the new user and group ids depend on the base image's accounts, so they are not predicted.`);
}

/** Makes a new user's home folder, owned by `uid` where the command gives it. */
function makeHome(context: CommandContext, home: string, uid: number | null): void {
  const path = context.resolve(home);
  if (context.view.lookup(path).presence === 'yes') return;
  if (parentReady(context.view, path) === 'no') return;
  context.view.write(path, { ...newDirectory(context, false), uid, gid: null, certainty: writeCertainty(context, false) });
  context.view.addUnknownRoot(path);
  context.report.floor = 'unknown';
  addNote(context.report, `${context.name} makes the home folder ${path} and copies the base image's /etc/skel into it, which this prediction cannot list.`);
}
