/**
 * `image --dockerfile` on a buildah image reports on the SHELL line what the editor shows there:
 * buildah 1.28.2's default OCI image format has no SHELL, so the later RUNs keep `/bin/sh -c`.
 * test/fixtures/images/README.md describes how buildah built the two images.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { captureCli } from '../cli/capture';
import { writeListedArchive } from './listedImage';

const fixtures = join(__dirname, '../../fixtures/images/buildah-onbuild');
const shellNote = 'buildah writes the OCI image format by default, which has no SHELL, so the RUNs after this line still run under /bin/sh -c';

interface ProblemJson {
  line: number | null;
  severity?: string;
  message: string;
}

describe('image --dockerfile SHELL note', () => {
  let folder = '';
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'layer-lens-buildah-shell-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  /** Runs `image --dockerfile` on the image of fixture folder `name`, as text or JSON. */
  async function image(name: string, json: boolean): Promise<string> {
    const archive = writeListedArchive(join(fixtures, name), folder, `localhost/${name}`);
    const { status, stdout, stderr } = await captureCli(main, ['image', ...(json ? ['--json'] : []), '--dockerfile', join(fixtures, 'Dockerfile'), archive]);
    assert.equal(status, 0, stderr);
    return stdout;
  }

  it('OCI image notes the dropped SHELL', async () => {
    const problems = (JSON.parse(await image('onbuild-oci', true)) as { problems: ProblemJson[] }).problems;
    const onShellLine = problems.filter((problem) => problem.line === 2);
    assert.equal(onShellLine.length, 1, JSON.stringify(problems));
    assert.equal(onShellLine[0].severity, 'info');
    assert.ok(onShellLine[0].message.startsWith(shellNote), onShellLine[0].message);
    assert.ok((await image('onbuild-oci', false)).includes(`line 2: ${shellNote}`));
  });

  it('docker-format image has no note', async () => {
    assert.ok(!(await image('onbuild-docker', false)).includes('has no SHELL'));
  });
});
