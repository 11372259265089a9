/**
 * Finds the expansion that `set -u` rejects: a plain `$NAME` or `${NAME}` of a variable that is
 * surely unset. Forms with an operator (`${NAME-word}`, `${NAME:?}`) and `${#NAME}` are left
 * out, as are the variables the shell sets itself and those whose value is unknown.
 */
import type { ShellNode, Word } from './ast';
import { shellSetVariables, type ExpandEnvironment } from './expand';

/**
 * Variables that a builder or a shell may set without the Dockerfile. The classic builder's RUN
 * containers get `HOSTNAME` as `docker run` ones do, and buildah may set `HOSTNAME` and
 * `container`. A terminal sets `TERM`, and bash, dash or BusyBox ash set the others for
 * themselves. Which of them a build sets was not recorded, so none counts as surely unset.
 */
const maybeSetOutside: ReadonlySet<string> = new Set([
  'HOSTNAME', 'TERM', 'container', 'PPID', 'OPTIND', 'OPTARG', 'PS1', 'PS2', 'PS4', 'LINENO', 'RANDOM', 'SECONDS', 'SHLVL',
  'OLDPWD', 'UID', 'EUID', 'GROUPS', 'HOSTTYPE', 'MACHTYPE', 'OSTYPE', 'BASHPID', 'FUNCNAME', 'ENV', 'MAIL', 'SHELL', 'USER',
  'LOGNAME', 'COLUMNS', 'LINES', 'HISTFILE',
]);

/** Returns the name of the first surely unset variable that the command's words, assignments or redirect targets expand. */
export function unsetParameter(node: Extract<ShellNode, { kind: 'command' }>, env: ExpandEnvironment): string | undefined {
  // The shell makes the assignments in order, so `A=1 B=$A` reads the new A.
  const assigned = new Set<string>();
  for (const assignment of node.assignments) {
    const name = assignment.value && unsetIn(assignment.value, env, assigned);
    if (name) return name;
    assigned.add(assignment.name);
  }
  const words = [...node.words, ...node.redirects.flatMap((redirect) => (redirect.target ? [redirect.target] : []))];
  for (const word of words) {
    const name = unsetIn(word, env, new Set());
    if (name) return name;
  }
  return undefined;
}

function unsetIn(word: Word, env: ExpandEnvironment, assigned: ReadonlySet<string>): string | undefined {
  for (const part of word.parts) {
    if (part.kind !== 'parameter' || part.operator !== undefined || part.length) continue;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(part.name) || shellSetVariables.has(part.name) || assigned.has(part.name)) continue;
    if (maybeSetOutside.has(part.name) || part.name.startsWith('BASH')) continue;
    if (!env.variables.has(part.name) && !env.unknownVariables.has(part.name)) return part.name;
  }
  return undefined;
}
