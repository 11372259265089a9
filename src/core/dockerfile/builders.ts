/**
 * The builders a prediction can model, and the rules in which they differ before anything is
 * built: which instructions make a layer and which Dockerfiles they reject. Rules that depend on
 * the filesystem (an empty diff, a folder that already exists) are applied by the predictor.
 *
 * Facts from Docker Engine 20.10.24 (classic builder) and buildah 1.28.2, recorded by the
 * conformance suite; BuildKit's from its Dockerfile reference.
 */
import { classicSubstitutionError } from './classicSubstitution';
import type { ParsedInstruction } from './parse';

/** `buildkit`: Docker's default builder since Engine 23. `classic`: the legacy builder. */
export type BuilderKind = 'buildkit' | 'classic' | 'buildah';

export const builderKinds: readonly BuilderKind[] = ['buildkit', 'classic', 'buildah'];

/**
 * The image format buildah writes: `oci`, its default, or `docker` (`buildah bud --format docker`
 * or `BUILDAH_FORMAT=docker`). Only Docker's format records SHELL and ONBUILD.
 */
export type BuildahFormat = 'oci' | 'docker';

export const buildahFormats: readonly BuildahFormat[] = ['oci', 'docker'];

export const builderNames: Record<BuilderKind, string> = {
  buildkit: 'BuildKit',
  classic: 'the classic Docker builder',
  buildah: 'buildah',
};

/** Returns whether a WORKDIR step makes a layer before the filesystem is known. */
export function workdirMakesLayer(builder: BuilderKind, path: string): boolean {
  // buildah records WORKDIR as metadata and creates the folder with a later RUN or COPY; the
  // classic builder decides by whether the folder exists, which the predictor checks.
  if (builder === 'buildah') return false;
  return path !== '/';
}

/** Flags each builder rejects on COPY and ADD, with the reason it gives. */
const rejectedFlags: Record<BuilderKind, Record<string, string>> = {
  buildkit: {},
  classic: {
    chmod: 'the classic builder rejects --chmod ("requires BuildKit")',
    link: 'the classic builder does not know --link ("Unknown flag: link")',
    parents: 'the classic builder does not know --parents ("Unknown flag: parents")',
    exclude: 'the classic builder does not know --exclude ("Unknown flag: exclude")',
    checksum: 'the classic builder does not know --checksum ("Unknown flag: checksum")',
    'keep-git-dir': 'the classic builder does not know --keep-git-dir ("Unknown flag: keep-git-dir")',
    unpack: 'the classic builder does not know --unpack ("Unknown flag: unpack")',
  },
  buildah: {
    link: 'buildah 1.28 rejects --link',
    parents: 'buildah 1.28 rejects --parents',
    exclude: 'buildah 1.28 rejects --exclude',
    checksum: 'buildah 1.28 rejects --checksum',
    'keep-git-dir': 'buildah 1.28 rejects --keep-git-dir',
    unpack: 'buildah 1.28 rejects --unpack',
  },
};

/**
 * COPY and ADD flags that the classic builder does not know. Its parser rejects them before any
 * step runs ("dockerfile parse error line 3: Unknown flag: link", seen in a real build), unlike
 * --chmod, which it parses and rejects only when it reaches the step.
 */
const classicUnknownFlags = new Set(['link', 'parents', 'exclude', 'checksum', 'keep-git-dir', 'unpack']);

/**
 * Returns whether the builder finds an invalid instruction (an unknown one, an unknown flag, too
 * few arguments) while parsing, so that it rejects the whole Dockerfile before any step runs.
 * BuildKit and the classic builder parse every instruction and its flags first
 * (`instructions.Parse`, called by BuildKit's dockerfile2llb before it creates the LLB definition,
 * and by Moby's builder/dockerfile before the first step). buildah 1.28 reads an instruction only
 * when the build reaches it, so the steps before it run and commit their layers. It reads FROM
 * lines before the first step ("FROM only supports the --platform flag", no step run).
 */
export function rejectsWhenParsed(builder: BuilderKind, keyword: string): boolean {
  return builder !== 'buildah' || keyword === 'FROM';
}

/** Lists the reasons of `builderRejections` for which the builder rejects the whole Dockerfile, so no step runs. */
export function builderParseRejections(builder: BuilderKind, instruction: ParsedInstruction): string[] {
  if (builder !== 'classic' || (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD')) return [];
  return instruction.flags.filter((flag) => classicUnknownFlags.has(flag.name)).map((flag) => rejectedFlags.classic[flag.name]);
}

/**
 * buildah 1.28.2's errors for a flag written without a value, by instruction, as seen in real
 * builds of `COPY --chown a /b`, `COPY --from /x /y`, `ADD --chmod a /b`, `RUN --mount true`,
 * `HEALTHCHECK --interval CMD true` and `FROM --platform busybox`.
 */
const buildahValuelessErrors: Readonly<Record<string, (flag: string) => string>> = {
  COPY: () => 'COPY only supports the --chmod=<permissions> --chown=<uid:gid> and the --from=<image|stage> flags',
  ADD: () => 'ADD only supports the --chmod=<permissions> and the --chown=<uid:gid> flags',
  RUN: () => 'RUN only supports the --mount flag',
  HEALTHCHECK: (flag) => `flag needs an argument: -${flag}`,
  FROM: () => 'FROM only supports the --platform flag',
};

/** Returns the error with which the builder rejects a flag that needs a value but has none. */
export function valuelessFlagError(builder: BuilderKind, keyword: string, flag: string): string {
  const buildahError = builder === 'buildah' ? buildahValuelessErrors[keyword] : undefined;
  // The classic builder shares BuildKit's flag parser.
  return buildahError ? buildahError(flag) : `Missing a value on flag: ${flag}`;
}

/** Lists the reasons a builder rejects an instruction as written; empty when it accepts it. */
export function builderRejections(builder: BuilderKind, instruction: ParsedInstruction): string[] {
  const reasons: string[] = [];
  if (instruction.heredocs.length > 0 && builder !== 'buildkit') {
    reasons.push(`${builderNames[builder]} does not support heredocs (${heredocOperators(instruction)}); only BuildKit does`);
  }
  if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') {
    for (const flag of instruction.flags) {
      const reason = rejectedFlags[builder][flag.name];
      if (reason) reasons.push(reason);
    }
  }
  const from = instruction.keyword === 'COPY' ? instruction.flags.find((flag) => flag.name === 'from')?.value : undefined;
  if (builder === 'classic' && from?.includes('$')) {
    reasons.push(`the classic builder does not expand variables in --from, so it reads "${from}" as an image name ("${classicFromError(from)}")`);
  }
  const substitution = builder === 'classic' ? classicSubstitutionError(instruction) : undefined;
  if (substitution) reasons.push(`the classic builder of Docker Engine 20.10 reads only the $v, \${v}, \${v:-w}, \${v:+w}, \${v:?m} and \${v?m} forms of variables ("${substitution}")`);
  if (instruction.keyword === 'RUN' && builder === 'classic') {
    for (const flag of instruction.flags) reasons.push(`the classic builder rejects RUN --${flag.name}`);
  }
  if (instruction.keyword === 'RUN' && builder === 'buildah') {
    // Flags that no builder accepts are reported as unknown flags instead.
    const rejected = instruction.flags.filter((flag) => flag.name === 'network' || flag.name === 'security');
    for (const flag of rejected) reasons.push(`buildah 1.28 rejects RUN --${flag.name} ("RUN only supports the --mount flag")`);
  }
  return reasons;
}

/**
 * Returns the error of Docker Engine 20.10.24 for a `COPY --from` value that contains a variable.
 * `dispatchCopy` wraps the error of `reference.ParseNormalizedNamed`, which rejects a repository
 * name with upper-case letters before it rejects the `$`, as a real build of `--from=${SRC}` showed.
 */
function classicFromError(value: string): string {
  // ParseNormalizedNamed takes a first part with `.` or `:`, or `localhost`, as the registry, and a tag after `:`.
  const slash = value.indexOf('/');
  const first = slash < 0 ? '' : value.slice(0, slash);
  const remainder = /[.:]/.test(first) || first === 'localhost' ? value.slice(slash + 1) : value;
  const repository = remainder.split(':')[0];
  const upperCase = repository.toLowerCase() !== repository ? ': repository name must be lowercase' : '';
  return `invalid from flag value ${value}: invalid reference format${upperCase}`;
}

/** Names the heredocs of an instruction by their delimiters, such as `<<EOT` or `<<A, <<B`. */
export function heredocOperators(instruction: ParsedInstruction): string {
  return instruction.heredocs.map((heredoc) => `<<${heredoc.name}`).join(', ');
}
