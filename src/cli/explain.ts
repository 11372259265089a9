/** `layer-lens explain`: analyses a Dockerfile and prints its steps and merged filesystem. */
import { once } from 'node:events';
import { readDockerfileText } from './dockerfileText';
import type { Writable } from 'node:stream';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { analyze } from '../core/analysis/analyze';
import { buildahFormats, builderKinds, type BuildahFormat, type BuilderKind } from '../core/dockerfile/builders';
import { planBuild } from '../core/dockerfile/plan';
import { hostPlatform, parsePlatform } from '../core/image/platform';
import { streamedExplainJson, type StreamedExplainJson } from '../core/report/explainJson';
import { writeJson } from '../core/report/jsonStream';
import { renderExplainText } from './explainText';
import { checkContextFolder } from './contextFolder';
import { InputError, UsageError, jsonIndentFor, missingOperandError, rejectRepeatedOptions, type CliIo } from './io';
import { warnOfUnusedBuildArgs } from './unusedBuildArgs';
import { checkTarget, parseBuildArgs } from './dockerfileOptions';
import { parseBaseImageOptions } from './baseImageOptions';
import { baseImageOptionHint, readBaseImages, type BaseImageJson } from './baseImages';
import { checkFailOn, parseFailOn } from './failOnGate';

export const explainUsage = `Usage: layer-lens explain [options] DOCKERFILE

Predicts the layers a Dockerfile builds, from the Dockerfile and its build context.
  --context DIR             build context folder (default: the Dockerfile's folder)
  --target STAGE            stage to analyse, by name or index (default: the last stage)
  --build-arg NAME[=VALUE]  a build argument (without a value: from the environment); repeat for several
  --build-context NAME=DIR  a named build context folder, read by COPY --from=NAME;
                            repeat for several
  --builder KIND            builder whose rules to follow: buildkit (default), classic or
                            buildah
  --buildah-format FORMAT   with --builder buildah, the image format it writes: oci (its
                            default, which ignores SHELL and ONBUILD) or docker (as
                            buildah bud --format docker, which keeps them)
  --platform OS/ARCH[/VARIANT]
                            platform to build for, which sets TARGETPLATFORM, TARGETOS,
                            TARGETARCH and TARGETVARIANT (default: the host's, ${hostPlatform()})
  --base-image REF=SOURCE   read the image that FROM or COPY --from names as REF from SOURCE
                            (a docker save archive, an OCI archive or layout folder, or
                            docker://NAME) and stack the prediction on it; REF node:20 also
                            matches docker.io/library/node:20; repeat for several
  --base-image REF          the same as REF=docker://REF: the engine's local copy of REF
                            (nothing is pulled)
  --json                    print one JSON object (schemaVersion 1) instead of text
  --fail-on SEVERITY        exit with status 3 when a problem is of SEVERITY or worse:
                            error, or warning (warnings and errors, and the warnings about
                            --build-arg and --base-image on standard error), for a pipeline step

Without --base-image, an image that FROM names is not read: the standard Linux folders are
assumed, and names in --chown and USER have no known numbers.

Exit status: 0 done (problems, if any, are in the output), 1 unreadable Dockerfile, build
context folder or --base-image SOURCE, or output that cannot be written, 2 bad usage, 3 a
problem of the --fail-on SEVERITY or worse (the output is printed in full first).`;

const OPTIONS = {
  context: { type: 'string' },
  target: { type: 'string' },
  'build-arg': { type: 'string', multiple: true },
  'build-context': { type: 'string', multiple: true },
  builder: { type: 'string' },
  'buildah-format': { type: 'string' },
  platform: { type: 'string' },
  'base-image': { type: 'string', multiple: true },
  json: { type: 'boolean' },
  'fail-on': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Runs `explain` with its arguments; returns the exit status. */
export async function runExplain(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals, tokens } = parseArgs({ args: argv, allowPositionals: true, tokens: true, options: OPTIONS });
  if (values.help) {
    io.stdout.write(explainUsage + '\n');
    return 0;
  }
  rejectRepeatedOptions(tokens, OPTIONS);
  // An option that takes a value takes the next word, so `--target Dockerfile` leaves none.
  if (positionals.length === 0) throw missingOperandError(tokens, 'DOCKERFILE', 'pass the path of a Dockerfile; options such as --target take the word after them as their value.');
  if (positionals.length > 1) throw new UsageError(`explain needs exactly one DOCKERFILE, got ${positionals.length}.`);
  const baseImageOptions = parseBaseImageOptions(values['base-image'] ?? []);
  const failOn = parseFailOn(values['fail-on']);

  const dockerfilePath = resolve(positionals[0]);
  const text = await readDockerfile(dockerfilePath, positionals[0]);
  const contextPath = values.context === undefined ? undefined : resolve(values.context);
  if (contextPath !== undefined) await checkContextFolder(contextPath, values.context as string);
  if (values.target !== undefined) checkTarget(planBuild(text, {}).stages.map((stage) => stage.info.name), values.target);
  const namedContexts = await parseNamedContexts(values['build-context'] ?? []);
  const builder = parseBuilder(values.builder);
  const planOptions = {
    target: values.target,
    buildArgs: parseBuildArgs(values['build-arg'] ?? []),
    builder,
    buildahFormat: parseBuildahFormat(values['buildah-format'], builder),
    platform: checkPlatform(values.platform),
  };
  const buildArgWarnings = warnOfUnusedBuildArgs(text, values['build-arg'] ?? [], planOptions, io.stderr, 'explain');
  const baseImages = await readBaseImages(baseImageOptions, text, planOptions, io.stderr);
  const analysis = await analyze({ dockerfilePath, text, contextPath, namedContexts, images: baseImages.resolver, unreadImageHint: baseImageOptionHint, ...planOptions });
  if (values.json) {
    const json = withBaseImages(streamedExplainJson(analysis), baseImages.read);
    await writeJson(json, (text) => writeText(io.stdout, text), { indent: jsonIndentFor(io.stdout) });
    await writeText(io.stdout, '\n');
  } else {
    io.stdout.write(renderExplainText(analysis, positionals[0], baseImages.read, planOptions.buildahFormat));
  }
  if (failOn === undefined) return 0;
  return checkFailOn({ problems: analysis.problems, optionWarnings: buildArgWarnings + baseImages.warnings, dockerfile: positionals[0] }, failOn, io);
}

/** Adds `baseImages` after `target`: the images read with --base-image, so a reader can tell a read base from an assumed one. */
function withBaseImages(json: StreamedExplainJson, baseImages: BaseImageJson[]): StreamedExplainJson & { baseImages: BaseImageJson[] } {
  const { schemaVersion, source, builder, stages, target, ...rest } = json;
  return { schemaVersion, source, builder, stages, target, baseImages, ...rest };
}

/** Writes text and waits while the stream's buffer is full, so a slow reader bounds memory. */
async function writeText(stream: Writable, text: string): Promise<void> {
  if (stream.write(text)) return;
  await once(stream, 'drain');
}

async function readDockerfile(path: string, given: string): Promise<string> {
  const read = await readDockerfileText(path);
  if ('problem' in read) throw new InputError(`Dockerfile ${given} ${read.problem}. Pass the path of a Dockerfile.`);
  return read.text;
}

/** Reads `NAME=DIR` pairs; each folder must exist, as for `--context`. */
async function parseNamedContexts(pairs: string[]): Promise<Record<string, string>> {
  const folders: Record<string, string> = {};
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    if (equals <= 0) throw new UsageError(`--build-context "${pair}" is not of the form NAME=DIR.`);
    const folder = pair.slice(equals + 1);
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(folder)) throw new UsageError(`--build-context "${pair}": only local folders are supported, not ${folder.split(':')[0]}:// sources.`);
    await checkContextFolder(resolve(folder), folder, '--build-context');
    folders[pair.slice(0, equals)] = resolve(folder);
  }
  return folders;
}

function parseBuilder(value: string | undefined): BuilderKind | undefined {
  if (value === undefined) return undefined;
  if (!builderKinds.includes(value as BuilderKind)) throw new UsageError(`--builder "${value}" is not one of ${builderKinds.join(', ')}.`);
  return value as BuilderKind;
}

/** Reads `--buildah-format`, which only buildah's rules use, so it is rejected with another builder. */
function parseBuildahFormat(value: string | undefined, builder: BuilderKind | undefined): BuildahFormat | undefined {
  if (value === undefined) return undefined;
  if (!buildahFormats.includes(value as BuildahFormat)) throw new UsageError(`--buildah-format "${value}" is not one of ${buildahFormats.join(', ')}.`);
  if (builder !== 'buildah') throw new UsageError(`--buildah-format applies only to --builder buildah, but the builder is ${builder ?? 'buildkit'}. Add --builder buildah or leave --buildah-format out.`);
  return value as BuildahFormat;
}

/** Rejects a `--platform` that is not `os/arch[/variant]`; returns it trimmed. */
function checkPlatform(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!parsePlatform(value.trim())) throw new UsageError(`--platform "${value}" is not of the form OS/ARCH[/VARIANT], such as linux/arm64.`);
  return value.trim();
}
