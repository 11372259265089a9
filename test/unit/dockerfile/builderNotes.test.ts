import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import type { BuilderKind } from '../../../src/core/dockerfile/builders';
import { builderLine, builderNotes } from '../../../src/core/dockerfile/builderNotes';
import { testImages } from '../predict/helpers';

const fixture = path.resolve(__dirname, '../../fixtures/builder-notes');

/** Analyses a Dockerfile against the fixture context and returns the notes of its last line's step. */
async function notesOfLastLine(text: string, builder: BuilderKind = 'buildkit', contextPath = fixture): Promise<string[]> {
  const analysis = await analyze({ dockerfilePath: path.join(contextPath, 'Dockerfile'), contextPath, text, builder, platform: 'linux/amd64', images: testImages });
  const lastLine = text.trimEnd().split('\n').length;
  const step = analysis.steps.find((candidate) => candidate.line <= lastLine && lastLine <= candidate.endLine);
  assert.ok(step, `no step on line ${lastLine}`);
  return builderNotes(analysis, step);
}

describe('builderLine', () => {
  it('names each builder', () => {
    assert.equal(builderLine('buildkit'), 'Modelled on BuildKit with overlay storage.');
    assert.equal(builderLine('classic'), 'Modelled on the classic Docker builder with overlay storage.');
    assert.equal(builderLine('buildah'), 'Modelled on buildah with overlay storage.');
  });
});

describe('builderNotes', () => {
  it('FROM scratch\\nWORKDIR /app with BuildKit', async () => {
    assert.deepEqual(await notesOfLastLine('FROM scratch\nWORKDIR /app\n'), [
      'The classic builder makes a layer for this WORKDIR only when it creates the folder, and buildah creates the folder in the layer of the next RUN, COPY or ADD instead of making one here.',
    ]);
  });

  it('FROM scratch\\nWORKDIR /app with the classic builder', async () => {
    assert.deepEqual(await notesOfLastLine('FROM scratch\nWORKDIR /app\n', 'classic'), [
      'BuildKit makes a layer for every WORKDIR other than /, even when the folder exists, and buildah creates the folder in the layer of the next RUN, COPY or ADD.',
    ]);
  });

  it('FROM scratch\\nWORKDIR /app with buildah', async () => {
    assert.deepEqual(await notesOfLastLine('FROM scratch\nWORKDIR /app\n', 'buildah'), [
      'BuildKit makes a layer for every WORKDIR other than /, and the classic builder makes one when it creates the folder, but buildah makes none here.',
    ]);
  });

  it('FROM scratch\\nWORKDIR /', async () => {
    assert.deepEqual(await notesOfLastLine('FROM scratch\nWORKDIR /\n'), []);
  });

  it('FROM scratch\\nCOPY a.txt /a.txt', async () => {
    assert.deepEqual(await notesOfLastLine('FROM scratch\nCOPY a.txt /a.txt\n'), []);
  });

  it('COPY --chmod=755 a.txt /a.txt with BuildKit', async () => {
    assert.deepEqual(await notesOfLastLine('FROM scratch\nCOPY --chmod=755 a.txt /a.txt\n'), [
      'Not every builder accepts this line: the classic builder rejects --chmod ("requires BuildKit").',
    ]);
  });

  it('COPY --chmod=755 a.txt /a.txt with the classic builder', async () => {
    // The classic builder's own rejection is an error on the line, so no note repeats it.
    assert.deepEqual(await notesOfLastLine('FROM scratch\nCOPY --chmod=755 a.txt /a.txt\n', 'classic'), []);
  });

  it('COPY --link a.txt /a.txt', async () => {
    assert.deepEqual(await notesOfLastLine('FROM scratch\nCOPY --link a.txt /a.txt\n'), [
      'Not every builder accepts this line: the classic builder does not know --link ("Unknown flag: link") and buildah 1.28 rejects --link.',
    ]);
  });

  it('RUN <<EOF heredoc', async () => {
    assert.deepEqual(await notesOfLastLine('FROM shell-only\nRUN <<EOF\nmkdir /made\nEOF\n'), [
      'The classic Docker builder and buildah reject heredocs (<<EOF), which only BuildKit accepts.',
    ]);
  });

  it('heredoc named by its delimiter', async () => {
    assert.deepEqual(await notesOfLastLine('FROM shell-only\nRUN <<EOT\nmkdir /made\nEOT\n'), [
      'The classic Docker builder and buildah reject heredocs (<<EOT), which only BuildKit accepts.',
    ]);
  });

  it('COPY --chmod=644 <<EOF /motd', async () => {
    assert.deepEqual(await notesOfLastLine('FROM scratch\nCOPY --chmod=644 <<EOF /motd\nhello\nEOF\n'), [
      'The classic Docker builder and buildah reject heredocs (<<EOF), which only BuildKit accepts.',
      'Not every builder accepts this line: the classic builder rejects --chmod ("requires BuildKit").',
    ]);
  });

  it('RUN --mount=type=cache,target=/c true with buildah', async () => {
    assert.deepEqual(await notesOfLastLine('FROM shell-only\nRUN --mount=type=cache,target=/c true\n', 'buildah'), [
      'Not every builder accepts this line: the classic builder rejects RUN --mount.',
    ]);
  });

  it('COPY of an empty folder with BuildKit', async () => {
    const context = emptyFolderContext();
    try {
      assert.deepEqual(await notesOfLastLine('FROM scratch\nCOPY empty/ /\n', 'buildkit', context), [
        'The classic builder records no layer for this step, because its diff is empty.',
      ]);
      assert.deepEqual(await notesOfLastLine('FROM scratch\nCOPY empty/ /\n', 'classic', context), [
        'BuildKit and buildah still record an empty layer for this step.',
      ]);
    } finally {
      rmSync(context, { recursive: true, force: true });
    }
  });

  it('COPY of an empty folder after a failing COPY', async () => {
    const context = emptyFolderContext();
    try {
      for (const builder of ['buildkit', 'classic'] as const) {
        assert.deepEqual(await notesOfLastLine('FROM scratch\nCOPY missing.txt /m\nCOPY empty/ /\n', builder, context), [], builder);
      }
    } finally {
      rmSync(context, { recursive: true, force: true });
    }
  });

  it('ARG TARGETARCH with BuildKit', async () => {
    assert.deepEqual(await notesOfLastLine('FROM scratch\nARG TARGETARCH\n'), [
      'The classic builder leaves TARGETARCH empty, because it does not define the platform ARGs.',
    ]);
  });

  it('FROM --platform=$BUILDPLATFORM scratch with the classic builder', async () => {
    assert.deepEqual(await notesOfLastLine('FROM --platform=$BUILDPLATFORM scratch\n', 'classic'), [
      'The classic builder leaves BUILDPLATFORM empty here, while BuildKit and buildah set it from the platform.',
    ]);
  });

  it('RUN rm -rf /data && mkdir /data', async () => {
    assert.deepEqual(await notesOfLastLine('FROM shell-only\nCOPY data/ /data/\nRUN rm -rf /data && mkdir /data\n'), [
      'On vfs storage this layer would hold a whiteout for each removed path under /data instead of an opaque marker.',
    ]);
  });

  it('COPY a.txt /x/a.txt twice', async () => {
    assert.deepEqual(await notesOfLastLine('FROM scratch\nCOPY a.txt /x/a.txt\nCOPY a.txt /x/a.txt\n'), [
      'On vfs storage /x/a.txt may be left out of this layer, because vfs drops a rewrite that leaves a file exactly as it was, while overlay stores the whole file again.',
    ]);
  });

  it('COPY data/one.txt /x/a.txt over a.txt', async () => {
    assert.deepEqual(await notesOfLastLine('FROM scratch\nCOPY a.txt /x/a.txt\nCOPY data/one.txt /x/a.txt\n'), []);
  });

  it('RUN chmod 644 /x/a.txt', async () => {
    assert.deepEqual(await notesOfLastLine('FROM shell-only\nCOPY --chmod=644 a.txt /x/a.txt\nRUN chmod 644 /x/a.txt\n'), [
      'On vfs storage /x/a.txt may be left out of this layer, because vfs drops a rewrite that leaves a file exactly as it was, while overlay stores the whole file again.',
    ]);
  });

  it('RUN chmod 755 /x/a.txt', async () => {
    assert.deepEqual(await notesOfLastLine('FROM shell-only\nCOPY --chmod=644 a.txt /x/a.txt\nRUN chmod 755 /x/a.txt\n'), []);
  });
});

/** Makes a build context whose only source is an empty folder, which git cannot hold. */
function emptyFolderContext(): string {
  const context = mkdtempSync(path.join(tmpdir(), 'layer-lens-notes-'));
  mkdirSync(path.join(context, 'empty'));
  return context;
}
