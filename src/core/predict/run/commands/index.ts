/** The table of command models, by the command's base name. */
import { baseName, joinImagePath } from '../../../model/paths';
import { addNote, unknownContent, type CommandContext, type CommandModel, type CommandResult } from '../context';
import { runAppletLink } from './appletLinks';
import { cp, install, mv } from './copy';
import { dd } from './dd';
import { mkdir, rm, rmdir, touch } from './files';
import { ln } from './link';
import { chmod, chown } from './metadata';
import { cat, echo, printf, sed, tee } from './output';
import { apk, aptGet, curl, go, nodePackages, pip, rpmManager, wget } from './packages';
import { tar } from './tar';
import { testCommand } from './test';
import { groupadd, useradd } from './users';

const models: Record<string, CommandModel> = {
  mkdir, touch, rm, rmdir, ln, chmod, chown, chgrp: chown, cp, mv, install,
  echo, printf, cat, tee, sed,
  'apt-get': aptGet, apt: aptGet, apk, dnf: rpmManager, yum: rpmManager, microdnf: rpmManager,
  pip, pip3: pip, npm: nodePackages, yarn: nodePackages, pnpm: nodePackages, go, curl, wget,
  useradd, adduser: useradd, groupadd, addgroup: groupadd,
  test: testCommand, '[': testCommand,
  dd, tar,
};

/**
 * Commands that write no files (their output goes to standard output only). Their exit status
 * is a guess: they are taken to succeed, as a build that completes suggests.
 */
const readOnly = new Set([
  'ls', 'grep', 'egrep', 'fgrep', 'which', 'id', 'whoami', 'uname', 'sleep', 'date', 'env', 'printenv', 'head', 'tail', 'wc',
  'uniq', 'cut', 'tr', 'stat', 'file', 'du', 'df', 'pwd', 'basename', 'dirname', 'readlink', 'realpath', 'getent', 'nproc',
  'sha256sum', 'sha1sum', 'md5sum', 'sha512sum', 'cmp', 'diff', 'type', 'hash', 'command', 'seq', 'expr', 'free',
]);

/** Runs the model of a command, or records that the command is not modelled. */
export function runModel(context: CommandContext): CommandResult {
  const name = baseName(joinImagePath('/', context.name));
  const model = models[name];
  if (model) return runAppletLink(model, { ...context, name }) ?? model({ ...context, name });
  if (readOnly.has(name)) return { status: { success: true, certain: false }, stdout: unknownContent };
  // NOTE: what an unmodelled command writes stays invisible to later commands of the same RUN, so a
  // later `test -e` or glob over its output is judged on the listed files only.
  // A command run by its path (`./build.sh`) is named as written, so the note points at the script.
  const named = context.name.includes('/') ? `"${context.name}" runs a program or script that this prediction does not read` : `"${name}" is not modelled`;
  addNote(context.report, `${named}, so what it writes is unknown; the layer may hold more than is listed.`);
  context.report.floor = 'unknown';
  return { status: { success: true, certain: false }, stdout: unknownContent };
}
