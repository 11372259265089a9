/**
 * Checks the value of each `RUN --mount` flag as a builder reads it, and reports when the builder
 * rejects a bad one. The rules follow the builders' sources. Real builds checked those of the
 * classic builder and buildah; BuildKit's come from its source alone:
 *
 * - BuildKit: `parseMount` and `validateMount` in moby/buildkit
 *   frontend/dockerfile/instructions/commands_runmount.go, and `dispatchRunMounts` in
 *   dockerfile2llb/convert_runmount.go (v0.32). Since mount values may hold variables, BuildKit
 *   reads them when it converts a stage to LLB, which it does for every stage the target needs
 *   before it runs any step.
 * - The classic builder of Docker Engine 20.10.24 reads them while parsing, without expanding
 *   variables, so a bad value rejects the whole Dockerfile ("dockerfile parse error line 3:
 *   unsupported mount type "bogus"", seen in a real build). A valid one fails at its step.
 * - buildah 1.28.2 reads them only when the build reaches the step (`runSetupRunMounts` and the
 *   `Get*Mount` functions of its internal/parse), with its own options for each type.
 */
import { joinImagePath } from '../model/paths';
import type { BuilderKind } from './builders';

/**
 * When a builder rejects a mount value. `parse`: while parsing, for the whole Dockerfile.
 * `convert`: before any step runs, but only when the stage is one the target needs. `step`: when
 * the build reaches the step, after the earlier steps ran.
 */
export type MountRejectionTime = 'parse' | 'convert' | 'step';

export interface MountRejection {
  time: MountRejectionTime;
  /** The fault and the fix, with the builder's own error in brackets. */
  message: string;
}

/** One comma-separated field of a mount value: `key=value`, or a bare `key` with a `null` value. */
interface MountField {
  key: string;
  value: string | null;
}

const mountTypes = ['bind', 'cache', 'tmpfs', 'secret', 'ssh'];

const TYPE_HINT = 'Write type=bind, type=cache, type=tmpfs, type=secret or type=ssh.';

/** The options Engine 20.10's classic parser accepts. Real builds showed that it rejects `size` and `env`. */
const classicOptions: ReadonlySet<string> = new Set([
  'type', 'from', 'source', 'src', 'target', 'dst', 'destination', 'readonly', 'ro', 'readwrite', 'rw', 'required', 'id', 'sharing', 'mode', 'uid', 'gid',
]);
const buildkitOptions: ReadonlySet<string> = new Set([...classicOptions, 'size', 'env']);

const booleanOptions = new Set(['readonly', 'ro', 'readwrite', 'rw']);

/** The values Go's `strconv.ParseBool` accepts, which BuildKit uses for the on/off options. */
const goBooleans = new Set(['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']);

/** The options buildah 1.28.2 accepts for each type, case-sensitive. It ignores the value of an on/off option. */
const buildahOptions: Readonly<Record<string, ReadonlySet<string>>> = {
  bind: new Set([
    'type', 'bind-nonrecursive', 'ro', 'nosuid', 'nodev', 'noexec', 'rw', 'readwrite', 'readonly', 'shared', 'rshared',
    'private', 'rprivate', 'slave', 'rslave', 'Z', 'z', 'U', 'from', 'bind-propagation', 'src', 'source', 'target', 'dst',
    'destination', 'consistency',
  ]),
  cache: new Set([
    'type', 'nosuid', 'nodev', 'noexec', 'rw', 'readwrite', 'readonly', 'ro', 'Z', 'z', 'shared', 'rshared', 'private',
    'rprivate', 'slave', 'rslave', 'U', 'sharing', 'bind-propagation', 'id', 'from', 'target', 'dst', 'destination', 'src',
    'source', 'mode', 'uid', 'gid',
  ]),
  tmpfs: new Set(['type', 'ro', 'nosuid', 'nodev', 'noexec', 'readonly', 'tmpcopyup', 'tmpfs-mode', 'tmpfs-size', 'target', 'dst', 'destination']),
  secret: new Set(['type', 'id', 'target', 'dst', 'destination', 'required', 'mode', 'uid', 'gid']),
  ssh: new Set(['type', 'id', 'target', 'dst', 'destination', 'required', 'mode', 'uid', 'gid']),
};

const targetKeys = new Set(['target', 'dst', 'destination']);

/**
 * Lists the reasons a builder rejects the `--mount` values of one RUN. `workdir` is the working
 * directory of the step, and `expand` expands the variables in force there.
 * NOTE: fields are split at every comma, while the builders read a CSV record in which a quoted
 * field may hold a comma.
 */
export function mountRejections(builder: BuilderKind, values: readonly string[], workdir: string, expand: (word: string) => string): MountRejection[] {
  const written = values.filter((value) => value !== '');
  if (builder === 'buildah') return buildahRejections(written);
  if (builder === 'classic') return written.flatMap((value) => classicRejection(splitFields(value)));
  return written.flatMap((value) => buildkitRejection(splitFields(value), workdir, expand));
}

/** Splits a mount value into its fields, with the keys lower-cased as BuildKit reads them, unless `caseSensitive`. */
function splitFields(value: string, caseSensitive = false): MountField[] {
  return value.split(',').map((field) => {
    const equals = field.indexOf('=');
    const key = equals < 0 ? field : field.slice(0, equals);
    return { key: caseSensitive ? key : key.toLowerCase(), value: equals < 0 ? null : field.slice(equals + 1) };
  });
}

/** Engine 20.10's parser reads the value as written, so `type=$T` is an unknown type there (seen in a real build). */
function classicRejection(fields: readonly MountField[]): MountRejection[] {
  const message = mountFieldError(fields, 'the classic builder');
  return message ? [{ time: 'parse', message }] : [];
}

function buildkitRejection(fields: readonly MountField[], workdir: string, expand: (word: string) => string): MountRejection[] {
  // The parser expands nothing, and rejects a variable in `from` because it must know the stages before it converts any.
  const from = fields.find((field) => field.key === 'from' && field.value !== null && /\$./.test(field.value));
  if (from) {
    const message = `RUN --mount from=${from.value} names a stage through a variable, which BuildKit does not expand there. Name the stage or image itself, or give it an alias with FROM ... AS name (BuildKit: "'from' doesn't support variable expansion, define alias stage instead").`;
    return [{ time: 'parse', message }];
  }
  const expanded = fields.map((field) => ({ key: field.key, value: field.value === null ? null : expand(field.value) }));
  const message = mountFieldError(expanded, 'BuildKit') ?? buildkitTargetError(expanded, workdir);
  return message ? [{ time: 'convert', message }] : [];
}

/**
 * Returns the first error of BuildKit's `parseMount`, which stops at the first bad field and
 * judges each against the type set by the fields before it.
 */
function mountFieldError(fields: readonly MountField[], builderName: 'BuildKit' | 'the classic builder'): string | undefined {
  const options = builderName === 'BuildKit' ? buildkitOptions : classicOptions;
  let type = 'bind';
  for (const { key, value } of fields) {
    if (value === null && booleanOptions.has(key)) continue;
    if (key === 'required' && type !== 'secret' && type !== 'ssh') {
      return `RUN --mount option "required" applies only to type=secret and type=ssh. Remove it (${builderName}: "unexpected key 'required' for mount type '${type}'").`;
    }
    if (value === null && key === 'required') continue;
    if (value === null && key === '') return `RUN --mount has an empty field. Remove the extra comma (${builderName}: "invalid field '' must be a key=value pair").`;
    if (value === null) return `RUN --mount option "${key}" has no value. Write it as ${key}=VALUE, or check its spelling (${builderName}: "invalid field '${key}' must be a key=value pair").`;
    if (!options.has(key)) return `RUN --mount has no option "${key}". Check its spelling (${builderName}: "unexpected key '${key}' in '${key}=${value}'").`;
    if (key === 'type' && !mountTypes.includes(value.toLowerCase())) return `RUN --mount has no type "${value}" (${builderName}: "unsupported mount type "${value}""). ${TYPE_HINT}`;
    if (key === 'type') type = value.toLowerCase();
    if (booleanOptions.has(key) && !goBooleans.has(value)) {
      return `RUN --mount ${key}=${value} is neither true nor false. Write ${key}=true or ${key}=false (${builderName}: "invalid value for ${key}: ${value}").`;
    }
  }
  return undefined;
}

/**
 * Returns BuildKit's error for a mount over `/`. A bind, cache or tmpfs mount without a target is
 * mounted on the working directory, so it is rejected only where that is `/`. Secret and ssh
 * mounts have a default target.
 */
function buildkitTargetError(fields: readonly MountField[], workdir: string): string | undefined {
  const type = [...fields].reverse().find((field) => field.key === 'type')?.value?.toLowerCase() ?? 'bind';
  if (type === 'secret' || type === 'ssh') return undefined;
  const target = [...fields].reverse().find((field) => targetKeys.has(field.key) && field.value !== null)?.value;
  if (joinImagePath(workdir, target || '.') !== '/') return undefined;
  const quoted = 'BuildKit: "invalid mount target "/""';
  if (target) return `RUN --mount cannot mount over /. Write a target below it, such as target=/mnt (${quoted}).`;
  return `RUN --mount type=${type} has no target, so it would be mounted on the working directory /. Add target=/PATH (${quoted}).`;
}

/**
 * Lists buildah's errors. buildah takes the type from the last `type=` field and compares types
 * and options case-sensitively. Its source also keeps the type for the next `--mount` of the same
 * RUN that names none, which no real build has checked.
 */
function buildahRejections(values: readonly string[]): MountRejection[] {
  const rejections: MountRejection[] = [];
  let type = 'bind';
  for (const value of values) {
    const fields = splitFields(value, true);
    for (const field of fields) if (field.key === 'type' && field.value !== null) type = field.value;
    const message = buildahMountError(fields, type);
    if (message) rejections.push({ time: 'step', message });
  }
  return rejections;
}

function buildahMountError(fields: readonly MountField[], type: string): string | undefined {
  const options = buildahOptions[type];
  if (!options) return `RUN --mount has no type "${type}" (buildah: "invalid mount type "${type}""). ${TYPE_HINT}`;
  if (type === 'tmpfs' && fields.some((field) => field.key === 'src' || field.key === 'source')) {
    return 'RUN --mount type=tmpfs takes no source in buildah. Remove the source (buildah: "source is not supported with tmpfs mounts").';
  }
  const unknown = fields.find((field) => !options.has(field.key));
  if (unknown && (type === 'secret' || type === 'ssh')) {
    return `RUN --mount type=${type} has no option "${unknown.key}" in buildah. Check its spelling (buildah: "${type} should have syntax id=id[,target=path,required=bool,mode=uint,uid=uint,gid=uint").`;
  }
  if (unknown) return `RUN --mount type=${type} has no option "${unknown.key}" in buildah. Check its spelling (buildah: "${unknown.key}: invalid mount option").`;
  const hasTarget = fields.some((field) => targetKeys.has(field.key) && field.value !== null);
  if (!hasTarget && type !== 'secret' && type !== 'ssh') return `RUN --mount type=${type} needs a target. Add target=/PATH (buildah: "must set volume destination").`;
  return undefined;
}
