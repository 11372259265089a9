/**
 * Commands that PATH finds as a link to BusyBox, whose applet that BusyBox may lack. Such a link
 * runs BusyBox under the command's name, and a BusyBox built without that applet prints
 * "NAME: applet not found" and exits with status 127 (Debian 12's busybox-static 1.35 for
 * `install`, through `/bin/install -> busybox`, run from dash and from BusyBox ash).
 */
import { leastCertain } from '../../../model/layer';
import { addNote, type CommandContext, type CommandModel, type CommandResult } from '../context';
import { programPath, toolFlavor } from './toolFlavor';

/**
 * The applets of `busyboxApplets` that Debian 12's busybox-static 1.35.0 lacks: the names that
 * its `busybox --list` leaves out. Other builds have other applets.
 */
const leftOutByDebian: ReadonlySet<string> = new Set(
  [
    'add-shell addgroup adduser base32 bash bbconfig beep blkid bootchartd catv chat chattr chcon',
    'chpasswd chpst chrt cksum comm conspy cryptpw delgroup deluser devfsd dhcprelay dnsd e2fsck',
    'e2label eject envdir envuidgid ether-wake fakeidentd fbset fbsplash fdflush fdformat fgconsole',
    'flash_eraseall flash_lock flash_unlock flashcp flock fsck fsck.ext2 fsck.ext3 fsck.minix fsync',
    'ftpd fuser getenforce getfattr getsebool hd hdparm hexedit hush ifenslave ifplugd inetd',
    'inotifyd install iostat ipaddr ipcrm ipcs iplink iproute iprule iptunnel kbd_mode killall5',
    'load_policy lpd lpq lpr lsattr lsof lspci lsusb lzopcat makedevs makemime man matchpathcon mesg',
    'minips mkfs.ext2 mkfs.ext3 mkfs.minix mkfs.reiser mkfs.vfat mountpoint mpstat msh nanddump',
    'nandwrite nbd-client netcat nice nmeter nohup ntpd pgrep pipe_progress pkill pmap popmaildir',
    'powertop printenv pscan pstree pwdx raidautorun rdev readahead readprofile reformime',
    'remove-shell resize restorecon rfkill rtcwake runcon runlevel runsv runsvdir rx script',
    'scriptreplay seedrng selinuxenabled sendmail sestatus setarch setconsole setenforce setfattr',
    'setfiles setfont setlogcons setsebool setserial setuidgid showkey slattach smemcap softlimit',
    'split sum sv svlogd tcpsvd tftpd tree tsort ttysize tune2fs ubiattach ubidetach ubimkvol',
    'ubirmvol ubirsvol ubiupdatevol udhcpc6 udpsvd unit unlzop users vlock volname wall whois zcip',
  ].join(' ').split(' '),
);

/** Returns whether Debian 12's busybox-static lacks the applet `name`, which other BusyBox builds may have. */
export function lackedByDebianStatic(name: string): boolean {
  return leftOutByDebian.has(name);
}

/**
 * Runs `model` for a command that PATH finds as a link to BusyBox and that some BusyBox builds
 * lack. The prediction cannot read which applets the image's BusyBox has, so it runs the model
 * as though the applet were there, with a note. A success and what it writes become estimates.
 * A failure stays certain, because the command fails either way, but its status number is then
 * unknown. Returns `undefined` for any other command.
 */
export function runAppletLink(model: CommandModel, context: CommandContext): CommandResult | undefined {
  if (!leftOutByDebian.has(context.name) || toolFlavor(context) !== 'busybox' || !mayLackApplets(context)) return undefined;
  const name = context.name;
  addNote(context.report, `"${name}" runs BusyBox through a link, and BusyBox builds differ in their applets: Debian's busybox-static 1.35 has no ${name} applet, so there the command fails with "${name}: applet not found" (status 127). Which applets the image's BusyBox has cannot be read from its files, so the prediction takes ${name} to run and marks what it does as estimated.`);
  // Only a command that already runs on a guessed branch keeps that doubt for its writes.
  const reachDoubt = context.reach === 'exact' ? 'noted' : context.reachDoubt;
  const result = model({ ...context, reach: leastCertain(context.reach, 'estimated'), ...(reachDoubt ? { reachDoubt } : {}) });
  if (result.status.success) return { ...result, status: { ...result.status, certain: false } };
  const code = result.status.code === 127 ? 127 : null;
  return { ...result, status: { ...result.status, code } };
}

/**
 * Returns whether the BusyBox behind the command's link may be one that lacks applets. Alpine's
 * BusyBox has `install`, `adduser` and the other names its own links point to. The busybox
 * images link every applet as a hard link of /bin/busybox. So the doubt remains only for a
 * symbolic link outside Alpine, such as one made by hand to Debian's busybox-static. An unread
 * base image may be Alpine, so it leaves no doubt.
 */
function mayLackApplets(context: CommandContext): boolean {
  const program = programPath(context);
  if (program === undefined || context.view.lookup(program).state?.type !== 'symlink') return false;
  return context.view.lookup('/etc/alpine-release').presence === 'no';
}
