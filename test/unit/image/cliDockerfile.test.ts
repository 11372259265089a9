import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runImage } from '../../../src/cli/image';
import { captureCli } from '../cli/capture';
import type { ImageJson } from '../../../src/core/report/imageReport';
import { dockerArchive, plainLayer } from './imageBuilder';

const fixtures = join(__dirname, '../../fixtures');
const archive = join(fixtures, 'images/21-run-chains.docker.tar');
const dockerfile = join(fixtures, 'cases/21-run-chains/Dockerfile');

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { status, stdout, stderr } = await captureCli(runImage, argv);
  return { code: status, stdout, stderr };
}

// The image's own steps write /chain/a and /chain/b (2 bytes each), then /chain/c and /chain/d,
// then /chain/fallback (9 bytes): 17 bytes, of which /chain/a is deleted by line 3. The base
// image's layer contains 1,982,468 bytes.
const OWN_BYTES = 17;
const TOTAL_BYTES = 1_982_468 + OWN_BYTES;

describe('layer-lens image --dockerfile', () => {
  it('--target naming no stage exits 2', async () => {
    const { code, stdout, stderr } = await run(['--target', 'nosuch', '--dockerfile', dockerfile, archive]);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.equal(stderr, 'layer-lens image: --target "nosuch" names no stage of the Dockerfile. Its stages: 0.\nRun "layer-lens image --help" for usage.\n');
  });

  it('Dockerfile with NUL bytes exits 1', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'layer-lens-nul-'));
    try {
      const binary = join(folder, 'Dockerfile');
      writeFileSync(binary, 'FROM scratch\n\0\0\u0001COPY a /a\n');
      const { code, stdout, stderr } = await run(['--dockerfile', binary, archive]);
      assert.equal(code, 1);
      assert.equal(stdout, '');
      assert.equal(stderr, `layer-lens image: Dockerfile ${binary} is not a text file: it contains NUL bytes. Pass the Dockerfile the image was built from with --dockerfile.\n`);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('unrelated Dockerfile fails ratio gate', async () => {
    const unrelated = join(fixtures, 'cases/04-copy-multi-src/Dockerfile');
    const { code, stdout, stderr } = await run(['--json', '--ci', '--max-wasted-ratio', '0.05', '--dockerfile', unrelated, archive]);
    const report = JSON.parse(stdout) as ImageJson;
    assert.equal(code, 3);
    assert.deepEqual(report.layers.map((layer) => layer.mapping), ['unmatched', 'unmatched', 'unmatched', 'unmatched']);
    assert.equal(report.ownBytes, null);
    assert.equal(report.wastedRatio, null);
    assert.deepEqual(report.problems.map((problem) => [problem.line, problem.endLine, problem.severity]), [[1, 1, 'warning']]);
    assert.ok(stderr.includes("  FAIL  max-wasted-ratio: wasted ratio unknown: no layer is mapped to a line of the Dockerfile, so the base image's layers cannot be distinguished from the Dockerfile's own\n"), stderr);
  });

  it('Dockerfile of same kinds fails ratio gate', async () => {
    // An image of another Dockerfile: its WORKDIR, COPY, USER and CMD differ from the example's
    // lines of the same kind, and only EXPOSE 8080 is the same line.
    const folder = mkdtempSync(join(tmpdir(), 'layer-lens-other-dockerfile-'));
    try {
      const path = join(folder, 'other.tar');
      const layers = [
        plainLayer([{ name: 'bin/', type: '5' }, { name: 'bin/sh', body: 'x'.repeat(100) }]),
        plainLayer([{ name: 'app/', type: '5' }]),
        plainLayer([{ name: 'app/server.js', body: 'y'.repeat(57) }]),
      ];
      writeFileSync(path, dockerArchive(layers, {
        history: [
          { created_by: '', comment: 'Imported from -' },
          { created_by: '/bin/sh -c #(nop) WORKDIR /app' },
          { created_by: '/bin/sh -c #(nop) COPY file:00ec16333078d287782d462baefc8bb9eb0231dc3aefba3ca3e2f7e5cf0cadda in /app/ ' },
          { created_by: '/bin/sh -c #(nop)  USER app', empty_layer: true },
          { created_by: '/bin/sh -c #(nop)  EXPOSE 8080', empty_layer: true },
          { created_by: '/bin/sh -c #(nop)  CMD ["sh"]', empty_layer: true },
        ],
      }));
      const example = join(__dirname, '../../../examples/node-service/Dockerfile');
      const { code, stdout, stderr } = await run(['--json', '--ci', '--max-wasted-ratio', '0.1', '--dockerfile', example, path]);
      const report = JSON.parse(stdout) as ImageJson;
      assert.equal(code, 3);
      assert.deepEqual(report.layers.map((layer) => layer.mapping), ['unmatched', 'unmatched', 'unmatched', 'unmatched', 'unmatched', 'unmatched']);
      assert.deepEqual(report.layers.map((layer) => layer.line), [undefined, undefined, undefined, undefined, undefined, undefined]);
      assert.equal(report.ownBytes, null);
      assert.equal(report.wastedRatio, null);
      assert.deepEqual(report.problems.map((problem) => [problem.line, problem.severity]), [[12, 'warning']]);
      assert.match(report.problems[0].message, /^Only 1 of the target's 12 steps after FROM matches the image's history by text/);
      assert.match(stderr, /FAIL {2}max-wasted-ratio: wasted ratio unknown/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('json lines and waste', async () => {
    const { code, stdout } = await run(['--json', '--dockerfile', dockerfile, archive]);
    const report = JSON.parse(stdout) as ImageJson;
    assert.equal(code, 0);
    assert.equal(report.dockerfile, dockerfile);
    assert.deepEqual(report.layers.map((layer) => [layer.mapping, layer.line, layer.endLine]), [
      ['base', 1, 1], ['step', 2, 2], ['step', 3, 3], ['step', 4, 4],
    ]);
    assert.deepEqual(report.stages, [{ index: 0, name: null, base: 'busybox-local:2', baseResolved: 'busybox-local:2', line: 1 }]);
    assert.equal(report.target, 0);
    assert.equal(report.wasted, 2);
    assert.equal(report.efficiency, (TOTAL_BYTES - 2) / TOTAL_BYTES);
    assert.equal(report.ownBytes, OWN_BYTES);
    assert.equal(report.ownWasted, 2);
    assert.equal(report.wastedRatio, 2 / OWN_BYTES);
    assert.deepEqual(report.problems, []);
    assert.equal(report.ci, undefined);
  });

  it('json without dockerfile', async () => {
    const report = JSON.parse((await run(['--json', archive])).stdout) as ImageJson;
    assert.equal(report.dockerfile, null);
    assert.deepEqual(report.stages, []);
    assert.equal(report.target, null);
    assert.equal(report.ownBytes, null);
    assert.equal(report.wastedRatio, null);
    assert.equal(report.layers[1].line, undefined);
    assert.equal(report.layers[1].mapping, undefined);
  });

  it('text shows lines', async () => {
    const { code, stdout } = await run(['--dockerfile', dockerfile, archive]);
    assert.equal(code, 0);
    // The layer rows, without the largest changes listed under each.
    const lines = stdout.split('\n').filter((line) => !line.startsWith('       '));
    assert.equal(lines[1], `Dockerfile: ${dockerfile}`);
    assert.match(lines[3], /^ {2}0 {2}base +2\.0 MB {2}\+62 ~0 -0 +\(no command; comment: Imported from -\)$/);
    assert.match(lines[4], /^ {2}1 {2}line 2 +4 B {2}\+3 ~0 -0 +\/bin\/sh -c mkdir \/chain /);
    assert.match(lines[6], /^ {2}3 {2}line 4 +9 B {2}\+1 ~1 -0 +\/bin\/sh -c test -e \/nope /);
    assert.equal(lines[8], "The Dockerfile's own steps wrote 17 B, of which 2 B is wasted (ratio 0.1176).");
  });

  it('text lists largest changes', async () => {
    const { code, stdout } = await run([archive]);
    assert.equal(code, 0);
    const lines = stdout.split('\n');
    const base = lines.findIndex((line) => line.startsWith('  0 '));
    assert.deepEqual(lines.slice(base + 1, base + 7), [
      '       + /bin/busybox  2.0 MB',
      '       + /etc/passwd  120 B',
      '       + /etc/group  39 B',
      '       + /etc/os-release  35 B',
      '       + /usr/share/doc/base/README  18 B',
      '       … and 57 more changes (--json lists them all)',
    ]);
    const second = lines.findIndex((line) => line.startsWith('  2 '));
    // A deletion may hide many bytes, so it comes before the 0-byte folder listed around writes.
    assert.deepEqual(lines.slice(second + 1, second + 5), ['       + /chain/c  2 B', '       + /chain/d  2 B', '       - /chain/a', '       ~ /chain  folder']);
  });

  it('text of own steps that wrote 0 B', async () => {
    const shared = join(fixtures, 'images/shared-whiteouts');
    const { code, stdout } = await run(['--dockerfile', join(shared, 'Dockerfile'), join(shared, 'shared-whiteouts.docker-overlay2.tar')]);
    assert.equal(code, 0);
    assert.match(stdout, /\nThe Dockerfile's own steps wrote 0 B, so none of their bytes is wasted\.\n/);
  });

  it('changed Dockerfile problems', async () => {
    const edited = join(fixtures, 'history/21-run-chains.edited.Dockerfile');
    const { code, stdout } = await run(['--dockerfile', edited, archive]);
    assert.equal(code, 0);
    assert.match(stdout, /\n {2}2 {2}line 3 +4 B/);
    assert.match(stdout, /\nProblem: line 3: The image's history entry 2 records "\/bin\/sh -c echo c > \/chain\/c; rm \/chain\/a; false; echo d > \/chain\/d", which does not match this line: the Dockerfile changed since the image was built\.\n/);
  });

  it('missing dockerfile', async () => {
    const { code, stderr } = await run(['--dockerfile', '/nonexistent/Dockerfile', archive]);
    assert.equal(code, 1);
    assert.equal(stderr, 'layer-lens image: Dockerfile /nonexistent/Dockerfile not found. Pass the Dockerfile the image was built from with --dockerfile.\n');
  });
});

describe('layer-lens image --ci', () => {
  it('broken limits exit 3', async () => {
    const { code, stdout } = await run(['--ci', '--max-wasted-bytes', '1', '--max-wasted-ratio', '0.1', '--min-efficiency', '0.5', '--dockerfile', dockerfile, archive]);
    assert.equal(code, 3);
    assert.ok(stdout.endsWith([
      'CI limits:',
      '  FAIL  max-wasted-bytes: wasted bytes 2 > 1',
      "  FAIL  max-wasted-ratio: wasted ratio 0.117647 > 0.100000 (2 of the 17 bytes the Dockerfile's own steps wrote)",
      '  PASS  min-efficiency: efficiency 0.999999 >= 0.500000',
      'Result: FAIL (2 of 3 limits broken)',
      '',
    ].join('\n')), stdout);
  });

  it('limits met exit 0', async () => {
    const { code, stdout } = await run(['--ci', '--max-wasted-bytes', '2', '--max-wasted-ratio', '0.2', '--dockerfile', dockerfile, archive]);
    assert.equal(code, 0);
    assert.ok(stdout.endsWith('Result: PASS (2 limits met)\n'), stdout);
  });

  it('json keeps stdout parseable', async () => {
    const { code, stdout, stderr } = await run(['--json', '--ci', '--min-efficiency', '1', archive]);
    const report = JSON.parse(stdout) as ImageJson;
    assert.equal(code, 3);
    assert.equal(report.ci?.passed, false);
    assert.deepEqual(report.ci?.checks.map((check) => [check.limit, check.threshold, check.passed]), [['min-efficiency', 1, false]]);
    assert.equal(report.ci?.checks[0].actual, (TOTAL_BYTES - 2) / TOTAL_BYTES);
    assert.match(stderr, /^CI limits:\n {2}FAIL {2}min-efficiency: efficiency 0\.999999 < 1\.000000\nResult: FAIL \(1 of 1 limits broken\)\n$/);
  });

  it('bad limits', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--ci', archive], /--ci needs at least one limit/],
      [['--max-wasted-bytes', '5', archive], /--max-wasted-bytes is a limit for pipelines: add --ci\./],
      [['--ci', '--max-wasted-ratio', '0.1', archive], /--max-wasted-ratio needs --dockerfile/],
      [['--ci', '--min-efficiency', '1.5', archive], /--min-efficiency "1\.5" is not a number from 0 to 1/],
      [['--ci', '--max-wasted-bytes', '1e3', archive], /--max-wasted-bytes "1e3" is not a whole number of bytes/],
      [['--target', 'build', archive], /--target and --build-arg describe the build of a Dockerfile/],
      [['--dockerfile', dockerfile, '--build-arg', 'NO-VALUE', archive], /--build-arg "NO-VALUE" is not of the form NAME=VALUE or NAME/],
    ];
    for (const [argv, message] of cases) {
      const { code, stderr } = await run(argv);
      assert.equal(code, 2, argv.join(' '));
      assert.match(stderr, message);
    }
  });
});
