/**
 * `layer-lens image [--platform OS/ARCH] [--json] SOURCE`: reads a real image (an archive, an
 * OCI layout folder, or `docker://NAME` from the engine) and prints its layers.
 */
import type { Writable } from 'node:stream';
import { ArchiveError } from '../core/archive/errors';
import { readImage } from '../core/image/readImage';
import type { ImageSource } from '../core/image/types';
import { imageReport, type ImageJson } from '../core/report/imageReport';

const USAGE = `Usage: layer-lens image [--platform OS/ARCH] [--json] SOURCE

SOURCE is a docker-archive or oci-archive tar, an OCI layout folder, or docker://NAME for an
image of the Docker Engine or Podman (found through DOCKER_HOST or the default sockets).
  --platform OS/ARCH  the platform to read from a multi-platform index (default: the host's)
  --json              print the versioned JSON report instead of text
`;

interface ImageArguments {
  source: ImageSource;
  platform?: string;
  json: boolean;
}

/** Runs the `image` command; returns 0 on success, 1 for an unreadable source, 2 for bad usage. */
export async function runImage(argv: string[], io: { stdout: Writable; stderr: Writable }): Promise<number> {
  let parsed: ImageArguments | 'help';
  try {
    parsed = parseArguments(argv);
  } catch (error) {
    io.stderr.write(`layer-lens image: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (parsed === 'help') {
    io.stdout.write(USAGE);
    return 0;
  }
  let report: ImageJson;
  try {
    report = imageReport(await readImage(parsed.source, { platform: parsed.platform }));
  } catch (error) {
    if (!(error instanceof ArchiveError)) throw error;
    io.stderr.write(`layer-lens image: ${error.message}\n`);
    return 1;
  }
  // NOTE: the JSON is built as one string; very large images would gain from streaming it.
  io.stdout.write(parsed.json ? JSON.stringify(report, null, 2) + '\n' : formatText(report));
  return 0;
}

function parseArguments(argv: string[]): ImageArguments | 'help' {
  let platform: string | undefined;
  let json = false;
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (argument === '--help' || argument === '-h') return 'help';
    if (argument === '--json') json = true;
    else if (argument === '--platform') {
      platform = argv[++i];
      if (!platform) throw new Error('--platform needs a value such as linux/amd64.');
    } else if (argument.startsWith('--platform=')) platform = argument.slice('--platform='.length);
    else if (argument.startsWith('-')) throw new Error(`unknown option ${argument}.`);
    else positional.push(argument);
  }
  if (positional.length !== 1) throw new Error(positional.length === 0 ? 'missing SOURCE.' : `expected one SOURCE, got ${positional.length}.`);
  const [text] = positional;
  const source: ImageSource = text.startsWith('docker://') ? { kind: 'engine', name: text.slice('docker://'.length) } : { kind: 'path', path: text };
  if (source.kind === 'engine' && !source.name) throw new Error('docker:// needs an image name, such as docker://alpine:3.20.');
  return { source, platform, json };
}

function formatText(report: ImageJson): string {
  const lines: string[] = [];
  const { image } = report;
  lines.push(`${image.reference ?? image.source} (${image.format}${image.platform ? `, ${image.platform}` : ''})`);
  report.layers.forEach((layer, index) => {
    const counts = { added: 0, modified: 0, deleted: 0 };
    for (const change of layer.changes) counts[change.change]++;
    const what = layer.emptyLayer ? 'no layer' : `${formatBytes(layer.size)}  +${counts.added} ~${counts.modified} -${counts.deleted}`;
    lines.push(`${String(index).padStart(3)}  ${what.padEnd(24)}  ${layer.createdBy || '(no history)'}`);
  });
  lines.push(`Wasted: ${formatBytes(report.wasted)}; efficiency ${(report.efficiency * 100).toFixed(1)}%`);
  for (const problem of report.problems) lines.push(`Problem: ${problem.message}`);
  return lines.join('\n') + '\n';
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
