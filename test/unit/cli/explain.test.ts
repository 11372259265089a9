import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import type { ExplainJson } from '../../../src/core/report/explainJson';
import { makeContext, removeContexts } from '../predict/helpers';
import { captureCli, type CliRun } from './capture';

const example = join(__dirname, '..', '..', '..', 'examples', 'node-service', 'Dockerfile');
const platformFixture = join(__dirname, '..', '..', 'fixtures', 'platform', 'Dockerfile');

/** Returns the merged paths of `explain --json` with the given options. */
async function mergedPaths(...options: string[]): Promise<string[]> {
  const result = await run('explain', '--json', ...options, platformFixture);
  assert.equal(result.status, 0, result.stderr);
  return (JSON.parse(result.stdout) as ExplainJson).merged.map((item) => item.path);
}

function run(...argv: string[]): Promise<CliRun> {
  return captureCli(main, argv);
}

describe('layer-lens explain', () => {
  it('json compact in a pipe', async () => {
    const piped = await run('explain', '--json', example);
    const terminal = await captureCli(main, ['explain', '--json', example], { tty: true });
    assert.equal(piped.status, 0, piped.stderr);
    assert.equal(terminal.status, 0, terminal.stderr);
    assert.equal(piped.stdout.indexOf('\n'), piped.stdout.length - 1);
    assert.equal(piped.stdout, JSON.stringify(JSON.parse(piped.stdout)) + '\n');
    assert.equal(terminal.stdout, JSON.stringify(JSON.parse(piped.stdout), null, 2) + '\n');
  });

  it('json of the node example', async () => {
    const result = await run('explain', '--json', example);
    assert.equal(result.status, 0);
    const json = JSON.parse(result.stdout) as ExplainJson;
    assert.equal(json.schemaVersion, 1);
    assert.equal(json.source, 'prediction');
    assert.deepEqual(json.stages.map((stage) => `${stage.index} ${stage.name} ${stage.baseResolved} ${stage.line}`), ['0 build node:20-alpine 4', '1 runtime node:20-alpine 12']);
    assert.equal(json.target, 1);
    const config = json.merged.find((item) => item.path === '/srv/app/config.json');
    assert.deepEqual(config, { path: '/srv/app/config.json', type: 'file', size: 120, layer: 8, shadows: [7] });
    assert.equal(json.layers[8].changes[0].change, 'modified');
    assert.equal(json.wasted.bytes, 74);
    assert.deepEqual(json.wasted.byLayer, [{ layer: 7, bytes: 74 }]);
  });

  it('text names each step and the merged tree', async () => {
    const result = await run('explain', example);
    assert.equal(result.status, 0);
    assert.match(result.stdout, /#8 +line 21 +COPY config\.production\.json \.\/config\.json\n +modifies 1 \(120 B\), shadowing 74 B; exact/);
    assert.match(result.stdout, /config\.json {2}120 B, from #8, shadows #7/);
    assert.match(result.stdout, /Wasted: 74 B of/);
  });

  it('text counts whiteouts and paths', async () => {
    const root = makeContext({ Dockerfile: 'FROM scratch\nCOPY sh /bin/sh\nCOPY app /app\nRUN rm -rf /app/lib\n', sh: '', 'app/lib/a': '12', 'app/lib/b': '345', 'app/x': '6' });
    try {
      const result = await run('explain', join(root, 'Dockerfile'));
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /line 4 +RUN rm -rf \/app\/lib\n +deletes 1 path and 2 paths below it \(5 B\); exact/);
    } finally {
      removeContexts();
    }
  });

  it('deleted path of unknown size and type', async () => {
    const root = makeContext({ Dockerfile: 'FROM scratch\nCOPY --from=busybox:1 /bin/busybox /big\nRUN rm /big\n' });
    try {
      const text = await run('explain', join(root, 'Dockerfile'));
      assert.match(text.stdout, /Wasted: 1 path of unknown size, shadowed or deleted by a later layer\./);
      assert.doesNotMatch(text.stdout, /error:/);
      const json = JSON.parse((await run('explain', '--json', join(root, 'Dockerfile'))).stdout) as ExplainJson;
      assert.equal(json.wasted.unknownSizes, 1);
      assert.equal(json.wasted.bytes, 0);
    } finally {
      removeContexts();
    }
  });

  it('missing --build-context folder', async () => {
    const result = await run('explain', '--build-context', 'extra=/nonexistent/extra', example);
    assert.equal(result.status, 1);
    assert.equal(result.stderr, 'layer-lens explain: Build context folder /nonexistent/extra not found. Pass an existing folder with --build-context.\n');
  });

  it('missing Dockerfile exits 1', async () => {
    const result = await run('explain', '/nonexistent/Dockerfile');
    assert.equal(result.status, 1);
    assert.equal(result.stderr, 'layer-lens explain: Dockerfile /nonexistent/Dockerfile not found. Pass the path of a Dockerfile.\n');
  });

  it('missing context folder exits 1', async () => {
    const result = await run('explain', '--context', '/nonexistent', example);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /Build context folder \/nonexistent not found/);
  });

  it('unknown target exits 2 and lists the stages', async () => {
    const result = await run('explain', '--target', 'nope', example);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /Its stages: build, runtime\./);
  });

  it('unknown option exits 2', async () => {
    const result = await run('explain', '--bogus', example);
    assert.equal(result.status, 2);
    assert.equal(result.stderr.split('\n')[0], 'layer-lens explain: unknown option --bogus.');
  });

  it('json marks failed and unreached steps', async () => {
    const root = makeContext({ Dockerfile: 'FROM scratch\nCOPY missing.txt /m\nCOPY a.txt /a\n', 'a.txt': 'a' });
    const stopped = JSON.parse((await run('explain', '--json', join(root, 'Dockerfile'))).stdout) as ExplainJson;
    assert.deepEqual(stopped.layers.map((layer) => [layer.line, layer.failed, layer.notReached]), [[1, undefined, undefined], [2, true, undefined], [3, undefined, { line: 2 }]]);
    assert.ok(!('failed' in stopped.layers[0]), 'a step that runs has no failed field');

    const rejected = makeContext({ Dockerfile: 'FROM scratch\nCOPY a.txt /a\nENV A=1 B\n', 'a.txt': 'a' });
    const report = JSON.parse((await run('explain', '--json', join(rejected, 'Dockerfile'))).stdout) as ExplainJson;
    assert.deepEqual(report.layers.map((layer) => layer.notReached), [{ line: 3, rejectsDockerfile: true }, { line: 3, rejectsDockerfile: true }, undefined]);
  });

  it('binary Dockerfile exits 1', async () => {
    const root = makeContext({ Dockerfile: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x0a, 0x46, 0x52]).toString('latin1') });
    const result = await run('explain', join(root, 'Dockerfile'));
    assert.equal(result.status, 1);
    assert.match(result.stderr, /Dockerfile .* is not a text file: it contains NUL bytes\./);
  });

  it('long unknown keyword is cut', async () => {
    const keyword = 'R'.repeat(500);
    const root = makeContext({ Dockerfile: `FROM scratch\n${keyword} x\n` });
    const result = await run('explain', '--json', join(root, 'Dockerfile'));
    const report = JSON.parse(result.stdout) as ExplainJson;
    assert.equal(report.problems.length, 1);
    assert.ok(report.problems[0].message.startsWith(`Unknown instruction "${'R'.repeat(40)}…".`), report.problems[0].message);
    assert.ok(report.problems[0].message.length < 300);
  });

  it('bad --build-arg exits 2', async () => {
    const result = await run('explain', '--build-arg', '=VALUE', example);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--build-arg "=VALUE" is not of the form NAME=VALUE or NAME\./);
  });

  it('--platform sets TARGETOS and TARGETARCH', async () => {
    assert.deepEqual(await mergedPaths('--platform', 'linux/arm64/v8'), ['/opt', '/opt/linux-arm64', '/opt/linux-arm64/tool.txt']);
  });

  it('--platform windows/amd64', async () => {
    assert.deepEqual(await mergedPaths('--platform', 'windows/amd64'), ['/opt', '/opt/windows-amd64', '/opt/windows-amd64/tool.txt']);
  });

  it('--builder classic leaves them empty', async () => {
    assert.deepEqual(await mergedPaths('--builder', 'classic', '--platform', 'linux/arm64'), ['/opt', '/opt/-', '/opt/-/tool.txt']);
  });

  it('bad --platform exits 2', async () => {
    const result = await run('explain', '--platform', 'arm64', platformFixture);
    assert.equal(result.status, 2);
    assert.equal(result.stderr.split('\n')[0], 'layer-lens explain: --platform "arm64" is not of the form OS/ARCH[/VARIANT], such as linux/arm64.');
  });
});
