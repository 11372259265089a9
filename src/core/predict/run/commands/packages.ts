/**
 * Models of package managers, builds and downloads. What they install cannot be known offline,
 * so each marks the folders it writes as holding unknown additions and names them in a note,
 * and predicts what is knowable: a download's target path, and which caches stay behind.
 */
import type { EntryOrigin } from '../../../model/layer';
import { normalizeReference } from '../../../image/imageReferences';
import { ancestorPaths, baseName, joinImagePath, parentPath } from '../../../model/paths';
import { addNote, homeFolder, unknownContent, type CommandContext, type CommandResult } from '../context';
import type { Field } from '../expand';
import { hasOption, optionValue, parseOptions } from '../options';
import { emptyFolder, unknownOperand } from './files';
import { newDirectory, parentReady } from './fsOps';
import { mayWriteParent } from './permissions';
import { newInode } from '../view';
import { defaultAdviceSetting } from '../adviceSetting';
import { cacheAdviceText, cleanOrMount, compilerCacheAdvice, type CacheAdvice } from '../cacheAdvice';

const guessedSuccess: CommandResult = { status: { success: true, certain: false } };

/** Marks folders as containing unknown additions and notes which command wrote them. */
export function unknownWrites(context: CommandContext, what: string, roots: string[]): void {
  for (const root of roots) context.view.addUnknownRoot(root);
  context.report.floor = 'unknown';
  addNote(context.report, `${what} writes files that cannot be known before the build, under ${roots.join(', ')}.`);
}

/**
 * Marks a cache folder as written, and notes how to keep it out of the layer. `root` is
 * `undefined` for a cache in a home folder the prediction does not know.
 */
function cacheWrites(context: CommandContext, root: string | undefined, advice: CacheAdvice): void {
  context.report.floor = 'unknown';
  const worded = cacheAdviceText(advice, context.report.advice ?? defaultAdviceSetting);
  const remedy = worded === undefined ? '.' : `; ${worded}`;
  if (root === undefined) {
    addNote(context.report, `${context.name} leaves its cache in the home folder of the RUN's user, which this prediction does not know, and it stays in this layer${remedy}`);
    return;
  }
  context.view.addUnknownRoot(root);
  (context.report.cacheNotes ??= []).push({ root, note: `${context.name} leaves its cache in ${root}, which stays in this layer${remedy}` });
}

/**
 * Deletes a cache's contents: what commands of this RUN wrote there, and what an earlier layer
 * holds, whose deletion is waste that a waste hint names.
 */
function cleanCache(context: CommandContext, cache: string | undefined): void {
  if (cache === undefined) return;
  context.view.clearUnknownRoot(cache);
  if (context.view.lookup(cache).presence === 'yes') emptyFolder(context, cache);
}

/** Marks the layer unknown for a command that writes under a home folder the prediction does not know. */
function unknownHomeWrites(context: CommandContext, command: string): void {
  context.report.floor = 'unknown';
  addNote(context.report, `${command} writes files under the home folder of the RUN's user, which this prediction does not know.`);
}

/** Returns `relative` under the RUN's home folder, or `undefined` when the home folder is unknown. */
function inHome(context: CommandContext, relative: string): string | undefined {
  const home = homeFolder(context.shell);
  return home === undefined ? undefined : joinImagePath(home, relative);
}

function subcommand(args: Field[]): string {
  return args.find((arg) => !arg.value.startsWith('-'))?.value ?? '';
}

export function aptGet(context: CommandContext): CommandResult {
  const action = subcommand(context.args);
  if (action === 'update') {
    unknownWrites(context, `${context.name} update`, ['/var/lib/apt/lists']);
  } else if (['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep'].includes(action)) {
    unknownWrites(context, `${context.name} ${action}`, ['/etc', '/usr', '/var/lib/dpkg', '/var/log']);
    cacheWrites(context, '/var/cache/apt', 'official Debian and Ubuntu images delete downloaded packages after each install, other bases may not ("apt-get clean" in the same RUN removes them).');
  } else if (['remove', 'purge', 'autoremove'].includes(action)) {
    unknownWrites(context, `${context.name} ${action}`, ['/etc', '/usr', '/var/lib/dpkg', '/var/log']);
    addNote(context.report, `${context.name} ${action} deletes files of installed packages; the deletions are not listed, and the bytes stay in the layers that added them.`);
  } else if (action === 'clean') {
    // apt-get clean deletes the downloaded packages. Official Debian and Ubuntu images keep no
    // binary package caches beside them (their docker-clean apt setting), so no cache is left.
    cleanCache(context, '/var/cache/apt');
  } else if (action === 'autoclean') {
    context.view.clearUnknownRoot('/var/cache/apt/archives');
  }
  return guessedSuccess;
}

export function apk(context: CommandContext): CommandResult {
  const action = subcommand(context.args);
  const noCache = hasOption(parseOptions(context.args), 'no-cache');
  if (action === 'add' || action === 'upgrade') {
    unknownWrites(context, `apk ${action}`, ['/etc', '/lib', '/usr', '/var']);
    if (!noCache) cacheWrites(context, '/var/cache/apk', 'pass --no-cache to keep the package index out of the image.');
  } else if (action === 'update' && !noCache) {
    cacheWrites(context, '/var/cache/apk', 'use "apk add --no-cache" instead of a separate update.');
  } else if (action === 'del') {
    unknownWrites(context, 'apk del', ['/etc', '/lib', '/usr', '/var']);
  } else if (action === 'cache' && context.args.some((arg) => arg.value === 'clean')) {
    cleanCache(context, '/var/cache/apk');
  }
  return guessedSuccess;
}

export function rpmManager(context: CommandContext): CommandResult {
  const action = subcommand(context.args);
  const tool = baseName(joinImagePath('/', context.name));
  const cache = tool === 'yum' ? '/var/cache/yum' : '/var/cache/dnf';
  if (['install', 'update', 'upgrade', 'reinstall', 'groupinstall', 'remove', 'erase'].includes(action)) {
    unknownWrites(context, `${tool} ${action}`, ['/etc', '/usr', '/var/lib/rpm', '/var/lib/dnf', '/var/log']);
    cacheWrites(context, cache, `"${tool} clean all" in the same RUN removes it.`);
  } else if (action === 'clean') {
    cleanCache(context, cache);
  } else if (action === 'makecache') {
    cacheWrites(context, cache, `"${tool} clean all" in the same RUN removes it.`);
  }
  return guessedSuccess;
}

export function pip(context: CommandContext): CommandResult {
  const action = subcommand(context.args);
  const parsed = parseOptions(context.args, { valued: 'rtc', longValued: ['requirement', 'target', 'prefix', 'constraint', 'index-url'] });
  if (action === 'install') {
    const target = optionValue(parsed, 't', 'target', 'prefix');
    const user = hasOption(parsed, 'user');
    let roots = ['/usr/local/lib', '/usr/local/bin'];
    if (target) roots = [context.resolve(target)];
    else if (user) roots = [inHome(context, '.local')].filter((root) => root !== undefined);
    if (roots.length > 0) unknownWrites(context, 'pip install', roots);
    else unknownHomeWrites(context, 'pip install --user');
    const noCache = hasOption(parsed, 'no-cache-dir') || /^(1|true|yes|on|off|0)$/i.test(context.shell.variables.get('PIP_NO_CACHE_DIR') ?? '');
    if (!noCache) cacheWrites(context, inHome(context, '.cache/pip'), 'pass --no-cache-dir to keep it out of the image.');
  } else if (action === 'cache' && context.args.some((arg) => arg.value === 'purge')) {
    cleanCache(context, inHome(context, '.cache/pip'));
  }
  return guessedSuccess;
}

/** npm, yarn and pnpm: `node_modules` in the current folder (or the global prefix) and a cache. */
export function nodePackages(context: CommandContext): CommandResult {
  const tool = baseName(joinImagePath('/', context.name));
  const action = subcommand(context.args) || (tool === 'npm' ? '' : 'install');
  const global = context.args.some((arg) => arg.value === '-g' || arg.value === '--global') || (tool === 'yarn' && action === 'global');
  const caches: Record<string, string | undefined> = { npm: inHome(context, '.npm'), yarn: '/usr/local/share/.cache/yarn', pnpm: inHome(context, '.local/share/pnpm/store') };
  const cache = tool in caches ? caches[tool] : caches.npm;
  if (['install', 'i', 'ci', 'add', 'global'].includes(action)) {
    const roots = global ? ['/usr/local/lib/node_modules', '/usr/local/bin'] : [joinImagePath(context.shell.cwd, 'node_modules')];
    unknownWrites(context, `${tool} ${action}`, roots);
    cacheWrites(context, cache, cleanOrMount(tool === 'npm' ? 'npm cache clean --force' : `${tool} cache clean`));
  } else if (action === 'cache' && context.args.some((arg) => arg.value === 'clean' || arg.value === 'prune')) {
    cleanCache(context, cache);
  } else if (action === 'run' || action === 'build' || action === 'exec' || action === 'test') {
    unknownWrites(context, `${tool} ${action}`, [context.shell.cwd]);
  }
  return guessedSuccess;
}

export function go(context: CommandContext): CommandResult {
  const action = subcommand(context.args);
  const gopath = context.shell.variables.get('GOPATH') ?? inHome(context, 'go');
  if (action === 'build' || action === 'install') {
    const parsed = parseOptions(context.args, { valued: 'o', longValued: [] });
    const output = optionValue(parsed, 'o');
    if (action === 'build' && output !== undefined && namesFile(context, output)) {
      const program = context.resolve(output);
      if (!makeFolders(context, parentPath(program))) return { status: { success: false, certain: true } };
      writeUnknownFile(context, program, 0o755, undefined, `go build writes the program ${program}; its size is unknown until the build.`);
    } else {
      const root = action === 'install' ? gopath && joinImagePath(gopath, 'bin') : output ? context.resolve(output) : context.shell.cwd;
      if (root === undefined) unknownHomeWrites(context, 'go install');
      else if (!makeFolders(context, root)) return { status: { success: false, certain: true } };
      else unknownWrites(context, `go ${action}`, [root]);
    }
    cacheWrites(context, inHome(context, '.cache/go-build'), compilerCacheAdvice);
  }
  if (['build', 'install', 'get', 'mod'].includes(action)) {
    // The module cache is under GOPATH, in the home folder unless GOPATH is set.
    if (gopath === undefined) unknownHomeWrites(context, `go ${action}`);
    else context.view.addUnknownRoot(joinImagePath(gopath, 'pkg/mod'));
  }
  return guessedSuccess;
}

/**
 * Returns the variables an official base image sets that the RUN models read, by image
 * reference: the `golang` images set GOPATH=/go, so modules go to /go/pkg/mod.
 */
export function baseImageVariables(reference: string | undefined): ReadonlyMap<string, string> {
  if (reference !== undefined && /^docker\.io\/library\/golang[:@]/.test(normalizeReference(reference))) return new Map([['GOPATH', '/go']]);
  return new Map();
}

/**
 * Creates a folder and its missing parents as cmd/go does before it writes its output
 * (`os.MkdirAll(dir, 0777)` under umask 022), owned by the RUN's user. Returns false when a parent is a file or
 * the user may not write there, where go fails.
 */
function makeFolders(context: CommandContext, folder: string): boolean {
  const missing = [...ancestorPaths(folder), folder].filter((path) => path !== '/' && context.view.lookup(path).presence !== 'yes');
  if (missing.length === 0) return context.view.lookup(context.view.resolve(folder)).state?.type === 'directory';
  if (parentReady(context.view, missing[0]) === 'no' || mayWriteParent(context, missing[0]) === 'no') return false;
  for (const path of missing) context.view.write(path, newDirectory(context, path, [context.view.lookup(path).presence !== 'no' && 'may-exist']));
  return true;
}

/**
 * Tells whether `go build -o` names the program file itself. Go writes into the folder instead
 * when the name ends with a slash or is an existing folder.
 */
function namesFile(context: CommandContext, output: string): boolean {
  return !output.endsWith('/') && context.view.lookup(context.resolve(output)).state?.type !== 'directory';
}

/** `curl`: `-o FILE`, `-O` (the URL's name in the current folder), else standard output. */
export function curl(context: CommandContext): CommandResult {
  const parsed = parseOptions(context.args, { valued: 'oHdXuAeEmwxrTFKcbCyYz', longValued: ['output', 'header', 'data', 'request', 'user', 'user-agent', 'retry', 'max-time', 'connect-timeout', 'proto', 'cacert', 'output-dir'] });
  const url = parsed.operands.find((operand) => /^[a-z]+:\/\//i.test(operand.value)) ?? parsed.operands[0];
  const output = optionValue(parsed, 'o', 'output');
  if (output !== undefined) return download(context, output, url);
  if (hasOption(parsed, 'O', 'remote-name') && url) return download(context, urlFileName(url.value), url);
  return { status: { success: true, certain: false }, stdout: unknownContent };
}

/** `wget`: `-O FILE` (`-` for standard output), `-P DIR`, else the URL's name in the current folder. */
export function wget(context: CommandContext): CommandResult {
  const parsed = parseOptions(context.args, { valued: 'OPTtUe', longValued: ['output-document', 'directory-prefix', 'tries', 'timeout', 'user-agent', 'header'] });
  const url = parsed.operands.find((operand) => /^[a-z]+:\/\//i.test(operand.value)) ?? parsed.operands[0];
  const output = optionValue(parsed, 'O', 'output-document');
  if (output === '-') return { status: { success: true, certain: false }, stdout: unknownContent };
  if (output !== undefined) return download(context, output, url);
  const folder = optionValue(parsed, 'P', 'directory-prefix') ?? '.';
  return url ? download(context, joinImagePath(context.resolve(folder), urlFileName(url.value)), url) : guessedSuccess;
}

function urlFileName(url: string): string {
  try {
    return baseName(new URL(url).pathname) || 'index.html';
  } catch {
    return baseName(url) || 'index.html';
  }
}

/** Writes a downloaded file: its path follows from the command, its size does not. */
function download(context: CommandContext, target: string, url: Field | undefined): CommandResult {
  if (url === undefined || !url.known) unknownOperand(context, url?.value ?? '');
  const path = context.resolve(target);
  const origin: EntryOrigin | undefined = url ? { kind: 'url', url: url.value } : undefined;
  return writeUnknownFile(context, path, 0o644, origin, `${url?.value ?? 'A download'} is fetched at build time into ${path}; its size is unknown until then.`);
}

/** Writes a file whose path follows from the command and whose size and bytes do not. */
function writeUnknownFile(context: CommandContext, path: string, mode: number, origin: EntryOrigin | undefined, note: string): CommandResult {
  if (parentReady(context.view, path) === 'no') return { status: { success: false, certain: true } };
  context.view.write(path, { type: 'file', size: null, mode, uid: context.uid, gid: context.gid, certainty: 'unknown', origin, inode: newInode() });
  context.report.floor = 'unknown';
  addNote(context.report, note);
  return guessedSuccess;
}
