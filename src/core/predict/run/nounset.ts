/**
 * Finds the expansion that `set -u` rejects: a plain `$NAME` or `${NAME}` of a variable that is
 * surely unset. Forms with an operator (`${NAME-word}`, `${NAME:?}`) and `${#NAME}` are left
 * out, as are the variables that the builder or the shell sets and those whose value is unknown.
 * runc sets HOME, which `shellSetVariables` covers.
 */
import type { ShellNode, Word } from './ast';
import type { ShellFlavor } from './commands/shellError';
import { shellSetVariables, type ExpandEnvironment } from './expand';

/**
 * Variables that each shell sets for itself in a `-c` script, found by running
 * `env -i PATH=/bin sh -c ...` with dash 0.5.12, bash 5.2.15 and BusyBox 1.35 ash: a name is set
 * where `(set -u; : "$NAME")` succeeds. OPTARG is set by getopts, and bash sets FUNCNAME in
 * functions and many more variables whose names start with BASH.
 */
const setByShell: Record<Exclude<ShellFlavor, 'unknown'>, ReadonlySet<string>> = {
  dash: new Set(['PPID', 'OPTIND', 'OPTARG', 'PS1', 'PS2', 'PS4']),
  busybox: new Set(['HOSTNAME', 'PPID', 'OPTIND', 'OPTARG', 'PS1', 'PS2', 'PS4', 'LINENO', 'RANDOM', 'SHLVL', 'FUNCNAME', 'EPOCHREALTIME', 'EPOCHSECONDS']),
  bash: new Set([
    'HOSTNAME', 'TERM', 'PPID', 'OPTIND', 'OPTARG', 'OPTERR', 'PS4', 'LINENO', 'RANDOM', 'SRANDOM', 'SECONDS', 'SHLVL', 'UID', 'EUID', 'GROUPS',
    'HOSTTYPE', 'MACHTYPE', 'OSTYPE', 'SHELL', 'SHELLOPTS', 'DIRSTACK', 'EPOCHREALTIME', 'EPOCHSECONDS', 'HISTCMD', 'PIPESTATUS', 'COMP_WORDBREAKS', 'FUNCNAME', '_',
  ]),
};

/**
 * Returns whether the shell of `flavor` sets `name`. An unknown shell may be any of the three.
 * The RUN's starting environment contains what the builder sets (HOSTNAME, see `startHostname`).
 */
function setOutsideScript(name: string, flavor: ShellFlavor): boolean {
  const flavors = flavor === 'unknown' ? (['dash', 'busybox', 'bash'] as const) : [flavor];
  return flavors.some((shell) => setByShell[shell].has(name) || (shell === 'bash' && name.startsWith('BASH')));
}

/**
 * Returns the name of the first surely unset variable that the command's words, assignments or
 * redirect targets expand, in the shell of `flavor`.
 */
export function unsetParameter(node: Extract<ShellNode, { kind: 'command' }>, env: ExpandEnvironment, flavor: ShellFlavor): string | undefined {
  // The shell makes the assignments in order, so `A=1 B=$A` reads the new A.
  const assigned = new Set<string>();
  for (const assignment of node.assignments) {
    const name = assignment.value && unsetIn(assignment.value, env, assigned, flavor);
    if (name) return name;
    assigned.add(assignment.name);
  }
  const words = [...node.words, ...node.redirects.flatMap((redirect) => (redirect.target ? [redirect.target] : []))];
  for (const word of words) {
    const name = unsetIn(word, env, new Set(), flavor);
    if (name) return name;
  }
  return undefined;
}

function unsetIn(word: Word, env: ExpandEnvironment, assigned: ReadonlySet<string>, flavor: ShellFlavor): string | undefined {
  for (const part of word.parts) {
    if (part.kind !== 'parameter' || part.operator !== undefined || part.length) continue;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(part.name) || shellSetVariables.has(part.name) || assigned.has(part.name)) continue;
    if (setOutsideScript(part.name, flavor)) continue;
    if (!env.variables.has(part.name) && !env.unknownVariables.has(part.name)) return part.name;
  }
  return undefined;
}
