/**
 * The program of a RUN step: a shell script (shell form, heredoc, or `sh -c` in exec form) or one
 * command without a shell (exec form), with the SHELL and USER in force from the steps before.
 */
import type { PlannedStep } from '../../dockerfile/plan';
import { expandWord } from '../../dockerfile/words';
import { baseName, joinImagePath } from '../../model/paths';
import { userIds, type AccountFiles, type UserIds } from '../ownership';

export type RunBody =
  | { kind: 'script'; text: string; shell: string }
  | { kind: 'exec'; words: string[] }
  | { kind: 'unsupported'; reason: string };

export const posixShells: ReadonlySet<string> = new Set(['sh', 'bash', 'ash', 'dash', 'ksh', 'mksh', 'zsh']);

/** The PATH that the builders give a RUN when neither the base image nor an ENV sets one (Moby's `DefaultPathEnv` for Linux). */
export const defaultPath = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Works out what a RUN step runs. `chain` contains the steps before it, in build order. */
export function runBody(step: PlannedStep, chain: readonly PlannedStep[]): RunBody {
  const instruction = step.instruction;
  const shell = shellInForce(chain);
  if (instruction.json) return execBody(instruction.json);
  const shellName = busyboxShell(shell) ?? baseName(joinImagePath('/', shell[0] ?? '/bin/sh'));
  if (!posixShells.has(shellName)) return { kind: 'unsupported', reason: `SHELL is ${JSON.stringify(shell)}, which is not a POSIX shell this prediction can follow.` };
  const heredocs = instruction.heredocs;
  const body = soleHeredoc(step);
  if (body !== undefined) {
    const shebang = /^#!\s*(\S+)/.exec(body);
    if (shebang && !posixShells.has(baseName(joinImagePath('/', shebang[1])))) {
      return { kind: 'unsupported', reason: `The heredoc script runs with ${shebang[1]}, which this prediction does not follow.` };
    }
    return { kind: 'script', text: body, shell: shellName };
  }
  const text = [instruction.args, ...heredocs.map((heredoc) => heredoc.body + heredoc.name)].join('\n');
  return { kind: 'script', text, shell: shellName };
}

/**
 * Returns the program the builder starts for a RUN: the exec form's first word, or else the
 * first word of the SHELL in force. `applet` is the BusyBox shell applet that the program runs
 * (see `busyboxShell`). `undefined` for a heredoc script with a shebang line.
 * NOTE: BuildKit runs such a script through its shebang's interpreter, which is not checked.
 */
export function runProgram(step: PlannedStep, chain: readonly PlannedStep[]): { program: string; form: 'shell' | 'exec'; applet?: string } | undefined {
  const instruction = step.instruction;
  if (!instruction.json && soleHeredoc(step)?.startsWith('#!')) return undefined;
  const words = instruction.json ?? shellInForce(chain);
  const applet = busyboxShell(words);
  return { program: words[0] ?? (instruction.json ? '' : '/bin/sh'), form: instruction.json ? 'exec' : 'shell', ...(applet ? { applet } : {}) };
}

/** Returns the heredoc body of `RUN <<EOF` alone, which BuildKit runs as the script. */
export function soleHeredoc(step: PlannedStep): string | undefined {
  const instruction = step.instruction;
  if (instruction.heredocs.length !== 1 || !/^<<-?(["']?)[A-Za-z0-9_.-]+\1$/.test(instruction.args.trim())) return undefined;
  return instruction.heredocs[0].body;
}

/**
 * Returns the `$0` of a RUN's script: the word after the script in the program's words
 * (`["sh", "-c", "script", "name"]`), or else the program as the builder starts it (`/bin/sh`
 * for the default SHELL). `undefined` for a heredoc script that runs through its shebang line.
 */
export function scriptName(step: PlannedStep, chain: readonly PlannedStep[]): string | undefined {
  const instruction = step.instruction;
  if (!instruction.json && soleHeredoc(step)?.startsWith('#!')) return undefined;
  // The builder appends the shell form's script to the SHELL's words.
  const words = instruction.json ?? [...shellInForce(chain), instruction.args];
  const flag = scriptFlagIndex(words);
  const program = busyboxShell(words) ?? words[0];
  return flag > 0 ? (words[scriptIndex(words, flag) + 1] ?? program) : program;
}

/**
 * Returns the shell applet (`sh` or `ash`) that `words` start through BusyBox, as in
 * `["/bin/busybox", "sh", "-c"]`, or `undefined` for other words. BusyBox's `sh` and `ash` are
 * the one ash shell, and it takes the applet's name as its `$0` (BusyBox 1.35: `busybox sh -c
 * 'echo $0'` prints `sh`).
 */
export function busyboxShell(words: readonly string[]): string | undefined {
  const applet = words[1];
  if (words[0] === undefined || baseName(joinImagePath('/', words[0])) !== 'busybox') return undefined;
  return applet === 'sh' || applet === 'ash' ? applet : undefined;
}

/** Returns the index of a shell's `-c` option (`-c`, `-ec`), which the script follows; -1 when there is none. */
export function scriptFlagIndex(words: readonly string[]): number {
  return words.findIndex((word, index) => index > 0 && /^-[a-z]*c[a-z]*$/.test(word));
}

/**
 * Returns the index of the script among `words`, whose `-c` option is at `flag`: the first word
 * after the options that follow `-c`. dash 0.5.12, bash 5.2.15 and BusyBox 1.35 ash all read
 * such options (`sh -c -e 'script'`, `sh -c -o errexit 'script'`), and `--` or `-` ends them.
 * `-O` and `+O` take their operand as in bash; dash and ash reject them before the script runs
 * (see `rejectedOption`).
 */
export function scriptIndex(words: readonly string[], flag: number): number {
  let index = flag + 1;
  while (index < words.length && /^[-+][a-zA-Z]+$/.test(words[index])) {
    // Each `o` and bash's `O` take the next word as an option name (`-o errexit`, `-eO extglob`).
    index += 1 + (words[index].match(/[oO]/g)?.length ?? 0);
  }
  return words[index] === '--' || words[index] === '-' ? index + 1 : index;
}

function execBody(words: string[]): RunBody {
  const program = busyboxShell(words) ?? baseName(joinImagePath('/', words[0] ?? ''));
  const flag = scriptFlagIndex(words);
  const script = flag > 0 ? words[scriptIndex(words, flag)] : undefined;
  if (posixShells.has(program) && script !== undefined) return { kind: 'script', text: script, shell: program };
  if (words.length === 0) return { kind: 'unsupported', reason: 'The exec form is empty.' };
  return { kind: 'exec', words };
}

/**
 * Returns the SHELL in force: the last SHELL instruction among the steps before that the builder
 * keeps (buildah's OCI format ignores SHELL), else the shell of the base image that the chain
 * starts from (`baseShell` of its FROM), else `/bin/sh -c`.
 */
export function shellInForce(chain: readonly PlannedStep[]): string[] {
  for (let i = chain.length - 1; i >= 0; i--) {
    const instruction = chain[i].instruction;
    if (instruction.keyword === 'SHELL' && instruction.json && !chain[i].shellIgnored) return instruction.json;
    const baseShell = chain[i].baseShell;
    if (baseShell) return [...baseShell];
  }
  return ['/bin/sh', '-c'];
}

/**
 * Returns the USER in force, as numbers where the value is numeric (or root); `null` for names.
 * Without a USER step, the base image's `baseUser` is in force, and root without one.
 */
export function userInForce(chain: readonly PlannedStep[], accounts?: AccountFiles, baseUser?: string): UserIds & { name: string } {
  for (let i = chain.length - 1; i >= 0; i--) {
    const step = chain[i];
    if (step.instruction.keyword !== 'USER') continue;
    return resolveUser(expandWord(step.instruction.args.trim(), (name) => step.variables.get(name)).value, accounts);
  }
  return baseUser ? resolveUser(baseUser, accounts) : { uid: 0, gid: 0, home: '/root', name: 'root' };
}

/** Resolves a `USER` value (`name`, `uid`, `user:group`) to numbers and a home folder where it can. */
function resolveUser(value: string, accounts: AccountFiles | undefined): UserIds & { name: string } {
  const [user, group] = value.split(':', 2);
  if (accounts) return { ...userIds(user, group, accounts), name: value };
  const uid = numericId(user);
  // Without a group, the user's primary group comes from /etc/passwd, which is not read here.
  let gid: number | null = uid === 0 ? 0 : null;
  if (group !== undefined) gid = numericId(group);
  return { uid, gid, home: uid === 0 ? '/root' : null, name: value };
}

/** Returns a numeric user or group id, 0 for `root`, and `null` for any other name. */
export function numericId(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  return text === 'root' ? 0 : null;
}
