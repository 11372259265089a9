/**
 * `test` and `[`: file tests against the predicted filesystem, string and integer comparisons.
 * A path the prediction cannot see is taken not to exist, and the result is marked as a guess.
 */
import type { CommandContext, CommandResult, Status } from '../context';
import type { Field } from '../expand';

const fileTests = new Set(['-e', '-f', '-d', '-L', '-h', '-s', '-x', '-r', '-w', '-a']);
const integerTests: Record<string, (a: number, b: number) => boolean> = {
  '-eq': (a, b) => a === b, '-ne': (a, b) => a !== b, '-lt': (a, b) => a < b, '-le': (a, b) => a <= b, '-gt': (a, b) => a > b, '-ge': (a, b) => a >= b,
};

export function testCommand(context: CommandContext): CommandResult {
  let args = context.args;
  if (args[args.length - 1]?.value === ']' || args[args.length - 1]?.value === ']]') args = args.slice(0, -1);
  const status = evaluate(context, args);
  // A false test exits with 1. The usage errors that exit with 2 are left uncertain by `evaluate`.
  return { status: status.success ? status : { ...status, code: 1 } };
}

function evaluate(context: CommandContext, args: Field[]): Status {
  const or = args.findIndex((arg) => arg.value === '-o' || arg.value === '||');
  if (or > 0) return combine(evaluate(context, args.slice(0, or)), evaluate(context, args.slice(or + 1)), (a, b) => a || b);
  const and = args.findIndex((arg, index) => index > 0 && (arg.value === '-a' || arg.value === '&&') && args.length > 2);
  if (and > 0) return combine(evaluate(context, args.slice(0, and)), evaluate(context, args.slice(and + 1)), (a, b) => a && b);
  if (args[0]?.value === '!') {
    const inner = evaluate(context, args.slice(1));
    return { success: !inner.success, certain: inner.certain };
  }
  if (args.length === 0) return { success: false, certain: true };
  if (args.length === 1) return { success: args[0].value !== '', certain: emptinessKnown(args[0]) };
  if (args.length === 2) return unary(context, args[0].value, args[1]);
  return binary(args[0], args[1].value, args[2]);
}

/** Returns whether it is known if `field` is empty: its value is known, or it is surely not empty. */
function emptinessKnown(field: Field): boolean {
  return field.known || field.nonEmpty === true;
}

function combine(left: Status, right: Status, join: (a: boolean, b: boolean) => boolean): Status {
  return { success: join(left.success, right.success), certain: left.certain && right.certain };
}

function unary(context: CommandContext, operator: string, operand: Field): Status {
  if (operator === '-n') return { success: operand.value !== '', certain: emptinessKnown(operand) };
  if (operator === '-z') return { success: operand.value === '', certain: emptinessKnown(operand) };
  if (!fileTests.has(operator)) return { success: false, certain: false };
  const found = context.view.lookup(context.resolve(operand.value));
  const certain = operand.known && found.presence !== 'maybe';
  if (found.presence !== 'yes' || !found.state) return { success: false, certain };
  const state = found.state;
  switch (operator) {
    case '-f':
      return { success: state.type === 'file', certain };
    case '-d':
      return { success: state.type === 'directory', certain };
    case '-L':
    case '-h':
      return { success: state.type === 'symlink', certain };
    case '-s':
      return { success: (state.size ?? 1) > 0, certain: certain && state.size !== null };
    case '-x':
      return { success: state.mode !== null && (state.mode & 0o111) !== 0, certain: certain && state.mode !== null };
    default:
      return { success: true, certain };
  }
}

function binary(left: Field, operator: string, right: Field): Status {
  const certain = left.known && right.known;
  if (operator === '=' || operator === '==') return { success: left.value === right.value, certain };
  if (operator === '!=') return { success: left.value !== right.value, certain };
  const compare = integerTests[operator];
  if (!compare) return { success: false, certain: false };
  // A value that is no integer is a usage error (status 2), which is not modelled.
  const integers = isInteger(left.value) && isInteger(right.value);
  return { success: compare(Number(left.value), Number(right.value)), certain: certain && integers };
}

/** Returns whether `[` takes `text` as an integer: digits with an optional sign and blanks around them, as dash 0.5.12 and bash 5.2 do. */
function isInteger(text: string): boolean {
  return /^[ \t]*[-+]?\d+[ \t]*$/.test(text);
}
