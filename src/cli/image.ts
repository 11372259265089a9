/**
 * `layer-lens image [--dockerfile PATH] [--platform OS/ARCH] [--json] [--ci LIMITS] SOURCE`:
 * reads a real image (an archive, an OCI layout folder, or `docker://NAME` from the engine),
 * prints its layers, maps them to the Dockerfile's lines when one is given and compares the
 * Dockerfile's prediction with them, and checks waste limits for pipelines.
 */
import { readDockerfileText } from './dockerfileText';
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { InflatedSizeError } from '../core/archive/decompress';
import { ArchiveError } from '../core/archive/errors';
import { planBuild } from '../core/dockerfile/plan';
import { checkCiLimits, formatCiReport, type CiLimits } from '../core/image/ciGates';
import type { DockerfileLink } from '../core/image/linkDockerfile';
import { parsePlatform } from '../core/image/platform';
import { readImage } from '../core/image/readImage';
import { IMAGE_SOURCE_HINT, isNotImageArchive } from '../core/image/sourceHint';
import type { ImageSource } from '../core/image/types';
import type { ImageResolver } from '../core/predict/baseImage';
import { imageReport, streamedImageReport, type ImageJson, type StreamedImageJson } from '../core/report/imageReport';
import { writeJson } from '../core/report/jsonStream';
import { UsageError, jsonIndentFor, messagePrefix, missingOperandError, rejectRepeatedOptions, usageMessage } from './io';
import { checkContextFolder } from './contextFolder';
import { checkTarget, parseBuildArgs } from './dockerfileOptions';
import { escapeControlCharacters } from './terminalText';
import { formatImageText } from './imageText';
import { comparePrediction } from './imagePrediction';
import { linkImage } from './imageLink';
import { parseBaseImageOptions, type BaseImageOption } from './baseImageOptions';

const USAGE = `Usage: layer-lens image [options] SOURCE

SOURCE is a docker-archive or oci-archive tar, an OCI layout folder, or docker://NAME for an
image of the Docker Engine or Podman (found through DOCKER_HOST or the default sockets).
  --platform OS/ARCH        the platform to read from a multi-platform index (default: the host's)
  --image NAME|ID           the image to read from an archive or OCI layout of several, alike in
                            every kind of SOURCE: a name such as app:1.2 (app alone means
                            app:latest) or an image ID, the config digest or its first 4 or more
                            hex digits (default: a docker-archive's first;
                            an OCI layout of several named images needs it)
  --dockerfile PATH         the Dockerfile the image was built from: map layers to its lines
                            and list the lines whose predicted layer differs from the image's
  --context DIR             with --dockerfile: the build context folder the prediction reads
                            (default: the Dockerfile's folder)
  --target STAGE            with --dockerfile: the stage that was built (default: the last)
  --build-arg NAME[=VALUE]  with --dockerfile: a build argument of the build; repeat for several
  --base-image REF=SOURCE   with --dockerfile: read the image that FROM or COPY --from names as
                            REF from SOURCE, as explain does (REF alone: docker://REF), so the
                            layers of its ONBUILD triggers map to the FROM line; repeat for several
  --json                    print the versioned JSON report instead of text
  --ci                      check the limits below and exit with status 3 when one is broken
  --max-wasted-bytes N      with --ci: the most wasted bytes the whole image may have
  --max-wasted-ratio R      with --ci and --dockerfile: the largest share (0 to 1) of the bytes
                            the Dockerfile's own steps wrote that may be wasted
  --min-efficiency E        with --ci: the lowest efficiency (0 to 1) of the whole image
  --max-layer-bytes N       fail when one layer inflates to more than N bytes (default: 64 GiB),
                            which stops decompression bombs; raise it only for images you trust

Exit status: 0 done, 1 unreadable image or Dockerfile, a --context folder that is missing, or
output that cannot be written, 2 bad usage, 3 a --ci limit broken.
`;

interface ImageArguments {
  source: ImageSource;
  platform?: string;
  image?: string;
  dockerfile?: string;
  context?: string;
  target?: string;
  buildArgs: Record<string, string>;
  /** The `--build-arg` options as given, for the warnings about them. */
  buildArgPairs: string[];
  baseImages: BaseImageOption[];
  json: boolean;
  ci: CiLimits | null;
  maxLayerBytes?: number;
}

/** Runs the `image` command; returns the exit status (see `USAGE`). */
export async function runImage(argv: string[], io: { stdout: Writable; stderr: Writable }): Promise<number> {
  let parsed: ImageArguments | 'help';
  try {
    parsed = parseArguments(argv);
  } catch (error) {
    const message = usageMessage(error);
    if (message === undefined) throw error;
    return reportUsageError(message, io.stderr);
  }
  if (parsed === 'help') {
    io.stdout.write(USAGE);
    return 0;
  }
  let report: ImageJson | StreamedImageJson;
  let link: DockerfileLink | undefined;
  try {
    const dockerfileText = parsed.dockerfile === undefined ? undefined : await readDockerfile(parsed.dockerfile);
    if (dockerfileText !== undefined && parsed.target !== undefined) {
      const usage = targetProblem(dockerfileText, parsed.target);
      if (usage !== undefined) return reportUsageError(usage, io.stderr);
    }
    // A folder the user named that does not exist is their mistake, as in explain, not a reason to skip the comparison.
    if (parsed.context !== undefined) await checkContextFolder(resolve(parsed.context), parsed.context);
    const image = await readImage(parsed.source, { platform: parsed.platform, image: parsed.image, maxLayerBytes: parsed.maxLayerBytes });
    let baseImages: ImageResolver | undefined;
    if (parsed.dockerfile !== undefined && dockerfileText !== undefined) {
      const request = { dockerfile: parsed.dockerfile, text: dockerfileText, target: parsed.target, buildArgs: parsed.buildArgs, buildArgPairs: parsed.buildArgPairs, baseImages: parsed.baseImages, platform: parsed.platform };
      ({ link, baseImages } = await linkImage(image, request, io.stderr));
    }
    // The JSON is written while the paths are listed, so no copy of every path is ever held.
    report = parsed.json ? streamedImageReport(image, link) : imageReport(image, link);
    if (link && parsed.dockerfile !== undefined && dockerfileText !== undefined) {
      const request = { dockerfile: parsed.dockerfile, text: dockerfileText, target: parsed.target, context: parsed.context, baseImages };
      report.prediction = await comparePrediction(image, link, request, io.stderr);
    }
  } catch (error) {
    if (!(error instanceof ArchiveError)) throw error;
    io.stderr.write(`${PREFIX}: ${escapeControlCharacters(archiveErrorMessage(error, parsed.source))}\n`);
    return 1;
  }
  const measures = { wastedBytes: report.wasted, efficiency: report.efficiency, wastedRatio: report.wastedRatio, ownBytes: report.ownBytes, ownWasted: report.ownWasted };
  const checks = parsed.ci ? checkCiLimits(measures, parsed.ci) : [];
  if (parsed.ci) report.ci = { passed: checks.every((check) => check.passed), checks };
  if (parsed.json) {
    await writeJson(report, (text) => writeText(io.stdout, text), { indent: jsonIndentFor(io.stdout) });
    await writeText(io.stdout, '\n');
    // The report goes to stderr so that stdout stays one JSON document.
    if (parsed.ci) io.stderr.write(formatCiReport(checks));
  } else {
    io.stdout.write(formatImageText(report as ImageJson, link) + (parsed.ci ? formatCiReport(checks) : ''));
  }
  return report.ci?.passed === false ? 3 : 0;
}

/** The start of each error and usage line of `image`, in the form `main` gives the other commands' lines. */
const PREFIX = messagePrefix('image');

/** Writes a usage error and a pointer to the help, and returns the exit status of bad usage, 2. */
function reportUsageError(message: string, stderr: Writable): number {
  stderr.write(`${PREFIX}: ${message}\nRun "${PREFIX} --help" for usage.\n`);
  return 2;
}

/**
 * Returns the message of an archive error, naming the option that raises a layer's size limit,
 * or the sources to pass when SOURCE itself is not a tar archive (not one of its layers).
 */
function archiveErrorMessage(error: ArchiveError, source: ImageSource): string {
  if (isNotImageArchive(error, source)) return `${error.message} ${IMAGE_SOURCE_HINT}`;
  if (!(error instanceof InflatedSizeError)) return error.message;
  return `${error.finding} Raise the limit with --max-layer-bytes N only for an image you trust.`;
}

/** Writes text and waits while the stream's buffer is full, so a slow reader bounds memory. */
async function writeText(stream: Writable, text: string): Promise<void> {
  if (stream.write(text)) return;
  await new Promise<void>((resolve, reject) => {
    const onDrain = () => {
      stream.off('error', onError);
      resolve();
    };
    const onError = (error: Error) => {
      stream.off('drain', onDrain);
      reject(error);
    };
    stream.once('drain', onDrain);
    stream.once('error', onError);
  });
}

async function readDockerfile(path: string): Promise<string> {
  const read = await readDockerfileText(path);
  if ('problem' in read) throw new ArchiveError(`Dockerfile ${path} ${read.problem}. Pass the Dockerfile the image was built from with --dockerfile.`);
  return read.text;
}

const OPTIONS = {
  platform: { type: 'string' },
  image: { type: 'string' },
  dockerfile: { type: 'string' },
  context: { type: 'string' },
  target: { type: 'string' },
  'build-arg': { type: 'string', multiple: true },
  'base-image': { type: 'string', multiple: true },
  json: { type: 'boolean' },
  ci: { type: 'boolean' },
  'max-wasted-bytes': { type: 'string' },
  'max-wasted-ratio': { type: 'string' },
  'min-efficiency': { type: 'string' },
  'max-layer-bytes': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parseArguments(argv: string[]): ImageArguments | 'help' {
  const { values, positionals, tokens } = parseArgs({ args: argv, allowPositionals: true, tokens: true, options: OPTIONS });
  if (values.help) return 'help';
  rejectRepeatedOptions(tokens, OPTIONS);
  if (positionals.length === 0) throw missingOperandError(tokens, 'SOURCE', 'pass a docker save archive, an OCI archive or layout folder, or docker://NAME.');
  if (positionals.length > 1) throw new UsageError(`expected one SOURCE, got ${positionals.length}.`);
  const [text] = positionals;
  if (text.trim() === '') throw new UsageError('SOURCE is empty: pass a docker save archive, an OCI archive or layout folder, or docker://NAME.');
  const source: ImageSource = text.startsWith('docker://') ? { kind: 'engine', name: text.slice('docker://'.length) } : { kind: 'path', path: text };
  if (source.kind === 'engine' && !source.name) throw new UsageError('docker:// needs an image name, such as docker://alpine:3.20.');
  if (source.kind === 'engine' && values.image !== undefined) throw new UsageError('--image chooses an image in an archive or OCI layout; with docker://NAME, NAME is the image.');
  if (values.image === '') throw new UsageError('--image needs a name, such as --image app:1.2.');
  if (values.dockerfile === undefined && (values.target !== undefined || values['build-arg'] !== undefined)) {
    throw new UsageError('--target and --build-arg describe the build of a Dockerfile: give it with --dockerfile.');
  }
  if (values.dockerfile === undefined && values['base-image'] !== undefined) {
    throw new UsageError('--base-image gives the prediction of a Dockerfile its base image: give the Dockerfile with --dockerfile.');
  }
  if (values.dockerfile === undefined && values.context !== undefined) {
    throw new UsageError('--context is the build context the Dockerfile\'s prediction reads: give the Dockerfile with --dockerfile.');
  }
  if (values.context?.trim() === '') throw new UsageError('--context is empty: pass the build context folder, such as --context .');
  return {
    source,
    platform: checkPlatform(values.platform),
    image: values.image,
    dockerfile: values.dockerfile,
    context: values.context,
    target: values.target,
    buildArgs: parseBuildArgs(values['build-arg'] ?? []),
    buildArgPairs: values['build-arg'] ?? [],
    baseImages: parseBaseImageOptions(values['base-image'] ?? []),
    json: values.json === true,
    ci: parseLimits(values),
    maxLayerBytes: values['max-layer-bytes'] === undefined ? undefined : parseLayerLimit(values['max-layer-bytes']),
  };
}

function parseLimits(values: { ci?: boolean; dockerfile?: string; 'max-wasted-bytes'?: string; 'max-wasted-ratio'?: string; 'min-efficiency'?: string }): CiLimits | null {
  const limitNames = (['max-wasted-bytes', 'max-wasted-ratio', 'min-efficiency'] as const).filter((name) => values[name] !== undefined);
  if (!values.ci) {
    if (limitNames.length > 0) throw new UsageError(`--${limitNames[0]} is a limit for pipelines: add --ci.`);
    return null;
  }
  if (limitNames.length === 0) throw new UsageError('--ci needs at least one limit: --max-wasted-bytes, --max-wasted-ratio or --min-efficiency.');
  if (values['max-wasted-ratio'] !== undefined && values.dockerfile === undefined) {
    throw new UsageError('--max-wasted-ratio needs --dockerfile, which distinguishes the base image\'s layers from the Dockerfile\'s own.');
  }
  const limits: CiLimits = {};
  if (values['max-wasted-bytes'] !== undefined) limits.maxWastedBytes = parseByteCount('--max-wasted-bytes', values['max-wasted-bytes']);
  if (values['max-wasted-ratio'] !== undefined) limits.maxWastedRatio = parseFraction('--max-wasted-ratio', values['max-wasted-ratio']);
  if (values['min-efficiency'] !== undefined) limits.minEfficiency = parseFraction('--min-efficiency', values['min-efficiency']);
  return limits;
}

function parseByteCount(option: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`${option} "${text}" is not a whole number of bytes, such as 10485760 for 10 MiB.`);
  if (!Number.isSafeInteger(Number(text))) throw new UsageError(`${option} ${text} is too large: the largest value accepted is ${Number.MAX_SAFE_INTEGER}.`);
  return Number(text);
}

/** Rejects a `--platform` that is not `os/arch[/variant]` as a usage error, as `explain` does; returns it trimmed. */
function checkPlatform(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!parsePlatform(value.trim())) throw new UsageError(`--platform "${value}" is not of the form OS/ARCH[/VARIANT], such as linux/arm64.`);
  return value.trim();
}

/** Parses `--max-layer-bytes`. Zero is rejected: every layer tar, even an empty one, has bytes. */
function parseLayerLimit(text: string): number {
  const bytes = parseByteCount('--max-layer-bytes', text);
  if (bytes === 0) throw new UsageError('--max-layer-bytes 0 allows no layer at all: give the most bytes one layer may inflate to, such as 1073741824 for 1 GiB.');
  return bytes;
}

function parseFraction(option: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new UsageError(`${option} "${text}" is not a number from 0 to 1, such as 0.1 for 10%.`);
  }
  return value;
}

/** Returns the usage message when `--target` names no stage of the Dockerfile, as explain checks it. */
function targetProblem(dockerfileText: string, target: string): string | undefined {
  try {
    checkTarget(planBuild(dockerfileText, {}).stages.map((stage) => stage.info.name), target);
    return undefined;
  } catch (error) {
    return usageMessage(error);
  }
}
