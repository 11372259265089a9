/**
 * The names of BusyBox applets: the `APPLET` declarations of BusyBox releases 1.20 to 1.36 and of
 * its July 2024 development tree. A BusyBox shell built with its standalone option (Debian's
 * busybox-static is) runs an applet of a command's name before it searches PATH, and which
 * applets a build has cannot be read from its files.
 */
export const busyboxApplets: ReadonlySet<string> = new Set(
  [
    '[ [[ acpid add-shell addgroup adduser adjtimex ar arch arp arping ascii ash awk base32 base64',
    'basename bash bbconfig bc beep blkdiscard blkid blockdev bootchartd brctl bunzip2 busybox bzcat',
    'bzip2 cal cat catv chat chattr chcon chgrp chmod chown chpasswd chpst chroot chrt chvt cksum',
    'clear cmp comm conspy cp cpio crc32 crond crontab cryptpw cttyhack cut date dc dd deallocvt',
    'delgroup deluser depmod devfsd devmem df dhcprelay diff dirname dmesg dnsd dnsdomainname',
    'dos2unix dpkg dpkg-deb du dumpkmap dumpleases e2fsck e2label echo ed egrep eject env envdir',
    'envuidgid ether-wake expand expr factor fakeidentd fallocate false fatattr fbset fbsplash',
    'fdflush fdformat fdisk fgconsole fgrep find findfs flash_eraseall flash_lock flash_unlock',
    'flashcp flock fold free freeramdisk fsck fsck.ext2 fsck.ext3 fsck.minix fsfreeze fstrim fsync',
    'ftpd ftpget ftpput fuser getenforce getfattr getopt getsebool getty grep groups gunzip gzip',
    'halt hd hdparm head hexdump hexedit hostid hostname httpd hush hwclock i2cdetect i2cdump i2cget',
    'i2cset i2ctransfer id ifconfig ifdown ifenslave ifplugd ifup inetd init inotifyd insmod install',
    'ionice iostat ip ipaddr ipcalc ipcrm ipcs iplink ipneigh iproute iprule iptunnel kbd_mode kill',
    'killall killall5 klogd last less link linux32 linux64 linuxrc ln load_policy loadfont loadkmap',
    'logger login logname logread losetup lpd lpq lpr ls lsattr lsmod lsof lspci lsscsi lsusb lzcat',
    'lzma lzop lzopcat makedevs makemime man matchpathcon md5sum mdev mesg microcom mim minips mkdir',
    'mkdosfs mke2fs mkfifo mkfs.ext2 mkfs.ext3 mkfs.minix mkfs.reiser mkfs.vfat mknod mkpasswd',
    'mkswap mktemp modinfo modprobe more mount mountpoint mpstat msh mt mv nameif nanddump nandwrite',
    'nbd-client nc netcat netstat nice nl nmeter nohup nologin nproc nsenter nslookup ntpd nuke od',
    'openvt partprobe passwd paste patch pgrep pidof ping ping6 pipe_progress pivot_root pkill pmap',
    'popmaildir poweroff powertop printenv printf ps pscan pstree pwd pwdx raidautorun rdate rdev',
    'readahead readlink readprofile realpath reboot reformime remove-shell renice reset resize',
    'restorecon resume rev rfkill rm rmdir rmmod route rpm rpm2cpio rtcwake run-init run-parts',
    'runcon runlevel runsv runsvdir rx script scriptreplay sed seedrng selinuxenabled sendmail seq',
    'sestatus setarch setconsole setenforce setfattr setfiles setfont setkeycodes setlogcons setpriv',
    'setsebool setserial setsid setuidgid sh sha1sum sha256sum sha3sum sha512sum showkey shred shuf',
    'slattach sleep smemcap softlimit sort split ssl_client start-stop-daemon stat strings stty su',
    'sulogin sum sv svc svlogd svok swapoff swapon switch_root sync sysctl syslogd tac tail tar',
    'taskset tc tcpsvd tee telnet telnetd test tftp tftpd time timeout top touch tr traceroute',
    'traceroute6 tree true truncate ts tsort tty ttysize tunctl tune2fs ubiattach ubidetach ubimkvol',
    'ubirename ubirmvol ubirsvol ubiupdatevol udhcpc udhcpc6 udhcpd udpsvd uevent umount uname',
    'uncompress unexpand uniq unit unix2dos unlink unlzma unlzop unshare unxz unzip uptime users',
    'usleep uudecode uuencode vconfig vi vlock volname w wall watch watchdog wc wget which who',
    'whoami whois xargs xxd xz xzcat yes zcat zcip',
  ].join(' ').split(' '),
);
