/**
 * The hover's sentence on what a line's variables expand to, in the form that the FROM line uses
 * for its base (`${BASE}` (expands to `bbx:1`)). A value that the line shows as written gets no
 * sentence, so a hover grows only where the text hides the value. No `vscode` import.
 */
import type { AssignedVariable, ExpandedUser, GlobalArgVariable, Step } from '../../core/analysis/types';
import type { StackedLayer } from '../../core/model/stack';
import { joinWords } from '../format';
import { codeSpan } from './markdown';

/** Describes what the variables of an ENV, ARG, USER, or COPY or ADD `--chown` line expand to; `layer` is the step's layer. */
export function describeExpansion(step: Step, layer: StackedLayer | undefined): string | undefined {
  if (step.assigned) return describeAssigned(step.assigned);
  if (step.user) return describeUser(step.user, step.text);
  if (step.chown) return describeOwner(step.chown, step.text, layer);
  return undefined;
}

/**
 * Names the values an ENV or ARG line leaves: those written with a variable, those a build
 * argument gives and those of an ARG without a default, whose value the line does not show.
 */
function describeAssigned(variables: readonly AssignedVariable[]): string | undefined {
  const parts = variables.filter((variable) => variable.buildArg || variable.written === null || variable.written.includes('$')).map(describeVariable);
  return parts.length === 0 ? undefined : `After this line, ${joinWords(parts)}.`;
}

function describeVariable(variable: AssignedVariable): string {
  const name = codeSpan(variable.name);
  if (variable.value === null) return `${name} has no value`;
  if (variable.buildArg) return `${name} is ${valueText(variable.value)}, from the build arguments`;
  if (variable.written !== null && variable.written.includes('$')) return `${name} is ${codeSpan(variable.written)} (expands to ${variable.value === '' ? 'nothing' : codeSpan(variable.value)})`;
  return `${name} is ${valueText(variable.value)}`;
}

/**
 * Lists the values that the ARGs of a line before the first FROM give the FROM lines below it,
 * each with its source: the build arguments or the line's default. Every value is listed, also
 * one written plainly, because a build argument may replace it without a trace in the text. The
 * item of a name that no FROM line reads states it, and the heading names no FROM lines when
 * none of the names is read.
 */
export function describeGlobalArgValues(variables: readonly GlobalArgVariable[]): string | undefined {
  if (variables.length === 0) return undefined;
  const heading = variables.every((variable) => variable.unreadByFrom) ? '**Values:**' : '**Values for the FROM lines below:**';
  return [heading, ...variables.map((variable) => `- ${describeGlobalArg(variable)}${unreadText(variable)}`)].join('\n');
}

/**
 * Returns the end of an item whose name no FROM line reads, with how a stage can read it instead.
 * It is a sentence of its own, since that fact neither follows from the value nor contrasts with it.
 */
function unreadText(variable: GlobalArgVariable): string {
  if (!variable.unreadByFrom) return '';
  return `. No FROM line uses it, so only a stage that declares ${codeSpan(`ARG ${variable.name}`)} reads it.`;
}

function describeGlobalArg(variable: AssignedVariable): string {
  const name = codeSpan(variable.name);
  if (variable.value === null) return `${name} has no value, because the line gives no default and no build argument sets it`;
  if (variable.buildArg) {
    const replaced = variable.written === null ? '' : ` in place of the default ${codeSpan(variable.written)}`;
    return `${name} is ${valueText(variable.value)}, from the build arguments${replaced}`;
  }
  if (variable.written !== null && variable.written.includes('$')) {
    return `${name} is ${codeSpan(variable.written)} (expands to ${variable.value === '' ? 'nothing' : codeSpan(variable.value)}), the default on this line`;
  }
  return `${name} is ${valueText(variable.value)}, the default on this line`;
}

/**
 * Names the user of a USER line with its numbers. A user written as numbers or as root, without
 * a variable, needs no sentence.
 */
function describeUser(user: ExpandedUser, text: string): string | undefined {
  const written = text.trim().replace(/^USER\s+/i, '');
  const hasVariable = written.includes('$');
  const ids = idsText(user.uid, user.gid);
  if (!hasVariable && (ids === undefined || /^(\d+|root)(:(\d+|root))?$/.test(user.value))) return undefined;
  const details = [hasVariable ? `expands to ${codeSpan(user.value)}` : '', ids ?? ''].filter((detail) => detail !== '').join(', ');
  return `Later RUN steps and the container run as ${codeSpan(hasVariable ? written : user.value)} (${details}).`;
}

/**
 * Names the owner that `--chown` gives the files the step copies, with the numbers the layer
 * records for them. Numbers without a variable need no sentence.
 */
function describeOwner(chown: string, text: string, layer: StackedLayer | undefined): string | undefined {
  const written = /--chown=(\S+)/.exec(text)?.[1];
  const hasVariable = written?.includes('$') ?? false;
  const ids = layer ? ownerOfCopies(layer) : undefined;
  if (!hasVariable && (ids === undefined || /^\d+(:\d+)?$/.test(chown))) return undefined;
  const source = hasVariable && written ? `${codeSpan(written)} expands to ${codeSpan(chown)}` : codeSpan(chown);
  // Not "what this step writes": the classic builder gives root the folders it makes above the destination.
  return ids ? `The files it copies are owned by ${ids} (${source}).` : `The owner ${source}.`;
}

/**
 * Returns the `uid:gid` that the layer records for every copied path, or `undefined` when they
 * differ or are unknown. Folders made for the destination's parents are left out, because
 * builders give some of them root's owner. So are the files an ADD extracts from an archive,
 * which keep the archive's owners under the classic builder and buildah.
 */
function ownerOfCopies(layer: StackedLayer): string | undefined {
  const owners = new Set<string>();
  for (const { entry } of layer.entries) {
    if (entry.op !== 'write' || entry.origin?.kind === 'parent' || entry.origin?.kind === 'workdir' || entry.origin?.kind === 'archive') continue;
    if (entry.uid === null || entry.gid === null) return undefined;
    owners.add(`${entry.uid}:${entry.gid}`);
  }
  return owners.size === 1 ? [...owners][0] : undefined;
}

function idsText(uid: number | null, gid: number | null): string | undefined {
  if (uid !== null && gid !== null) return `uid:gid ${uid}:${gid}`;
  if (uid !== null) return `uid ${uid}`;
  return gid === null ? undefined : `gid ${gid}`;
}

function valueText(value: string): string {
  return value === '' ? 'empty' : codeSpan(value);
}
