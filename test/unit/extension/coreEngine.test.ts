import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ContextIndex } from '../../../src/core/context/contextIndex';
import type { WalkOptions } from '../../../src/core/context/types';
import { walkContext } from '../../../src/core/context/walk';
import type { BuilderKind } from '../../../src/core/dockerfile/builders';
import { coreEngine } from '../../../src/extension/coreEngine';

describe('coreEngine', () => {
  let root: string;
  let dockerfilePath: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'layer-lens-engine-'));
    dockerfilePath = path.join(root, 'Dockerfile');
    fs.writeFileSync(dockerfilePath, 'FROM scratch\nCOPY . /app\n');
    fs.writeFileSync(path.join(root, '.dockerignore'), 'context-ignored.txt\n');
    fs.writeFileSync(path.join(root, 'Dockerfile.dockerignore'), 'dockerfile-ignored.txt\n');
    fs.writeFileSync(path.join(root, 'context-ignored.txt'), 'a');
    fs.writeFileSync(path.join(root, 'dockerfile-ignored.txt'), 'b');
  });

  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  /** Analyses the Dockerfile twice with an edit between, as the editor does. Returns the walks and the copied names. */
  async function analyseTwice(builder: BuilderKind | undefined): Promise<{ walks: WalkOptions[]; ignoreFile?: string; copied: string[] }> {
    const walks: WalkOptions[] = [];
    const engine = coreEngine((walkRoot, options) => {
      walks.push(options ?? {});
      return walkContext(walkRoot, options);
    });
    const request = { dockerfilePath, contextPath: root, buildArgs: {}, builder };
    let context = await engine.readContext(root, dockerfilePath, builder);
    await engine.analyze({ ...request, text: 'FROM scratch\nCOPY . /app\n', context });
    context = await engine.readContext(root, dockerfilePath, builder);
    const analysis = await engine.analyze({ ...request, text: 'FROM scratch\nCOPY . /app\nLABEL edited=yes\n', context });
    const copied = analysis.stack.children('/app').map((child) => child.name);
    return { walks, ignoreFile: (context as ContextIndex).ignoreFile, copied };
  }

  it('classic: one walk, context ignore file', async () => {
    const { walks, ignoreFile, copied } = await analyseTwice('classic');
    assert.equal(walks.length, 1);
    // A walk with the Dockerfile's own ignore file made `analyze` walk again on every edit.
    assert.equal(ignoreFile, path.join(root, '.dockerignore'));
    assert.ok(copied.includes('dockerfile-ignored.txt'));
    assert.ok(!copied.includes('context-ignored.txt'));
  });

  for (const builder of [undefined, 'buildkit', 'buildah'] as const) {
    it(`${builder ?? 'default builder'}: one walk, Dockerfile ignore file`, async () => {
      const { walks, ignoreFile, copied } = await analyseTwice(builder);
      assert.equal(walks.length, 1);
      assert.equal(ignoreFile, `${dockerfilePath}.dockerignore`);
      assert.ok(copied.includes('context-ignored.txt'));
      assert.ok(!copied.includes('dockerfile-ignored.txt'));
    });
  }
});
