/** The hover of ARG lines before the first FROM: the values the FROM lines read, and their sources. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze, type AnalyzeInput } from '../../../src/core/analysis/analyze';
import type { Analysis } from '../../../src/core/analysis/types';
import { renderGlobalArgHover } from '../../../src/extension/hover/renderHover';

const dockerfilePath = path.resolve(__dirname, '../../fixtures/hover/global-args/Dockerfile');
const lines = readFileSync(dockerfilePath, 'utf8').split('\n');
/** A Dockerfile whose FLAVOR and SUFFIX no FROM line reads. */
const unreadPath = path.resolve(__dirname, '../../fixtures/hover/global-args-unread/Dockerfile');
const unreadLines = readFileSync(unreadPath, 'utf8').split('\n');

async function analyzeFixture(options: Partial<AnalyzeInput> = {}): Promise<Analysis> {
  return analyze({ dockerfilePath, text: lines.join('\n'), ...options });
}

/** Returns the section of the hover of a 1-based line that lists the values. */
function valuesAt(analysis: Analysis, line: number, text: readonly string[] = lines): string | undefined {
  const variables = analysis.globalArgs?.find((arg) => arg.line === line)?.variables;
  const sections = renderGlobalArgHover(text[line - 1], variables).split('\n\n');
  return sections.find((section) => section.startsWith('**Values'));
}

/** Returns the end of a value's item for a name that no FROM line reads. */
function unread(name: string): string {
  return `. No FROM line uses it, so only a stage that declares \`ARG ${name}\` reads it.`;
}

describe('global ARG hover', () => {
  it('defaults of the lines', async () => {
    const analysis = await analyzeFixture({ platform: 'linux/arm64' });

    assert.equal(valuesAt(analysis, 2), '**Values for the FROM lines below:**\n- `REGISTRY` is `docker.io`, the default on this line\n- `VERSION` is `3.19`, the default on this line');
    assert.equal(valuesAt(analysis, 3), '**Values for the FROM lines below:**\n- `IMAGE` is `${REGISTRY}/library/alpine:${VERSION}` (expands to `docker.io/library/alpine:3.19`), the default on this line');
    assert.equal(valuesAt(analysis, 4), `**Values:**\n- \`TAG\` has no value, because the line gives no default and no build argument sets it${unread('TAG')}`);
    assert.equal(valuesAt(analysis, 5), `**Values:**\n- \`ARCH_TAG\` is \`\${TARGETARCH}-x\` (expands to \`arm64-x\`), the default on this line${unread('ARCH_TAG')}\n- \`EMPTY\` is empty, the default on this line${unread('EMPTY')}`);
    // The FROM line reads the values the hover names.
    assert.equal(analysis.stages[0].baseResolved, 'docker.io/library/alpine:3.19');
  });

  it('build arguments win', async () => {
    const analysis = await analyzeFixture({ buildArgs: { VERSION: '3.20', TAG: 'edge' } });

    assert.equal(valuesAt(analysis, 2), '**Values for the FROM lines below:**\n- `REGISTRY` is `docker.io`, the default on this line\n- `VERSION` is `3.20`, from the build arguments in place of the default `3.19`');
    assert.match(valuesAt(analysis, 3) ?? '', /\(expands to `docker\.io\/library\/alpine:3\.20`\)/);
    assert.equal(valuesAt(analysis, 4), `**Values:**\n- \`TAG\` is \`edge\`, from the build arguments${unread('TAG')}`);
    assert.equal(analysis.stages[0].baseResolved, 'docker.io/library/alpine:3.20');
  });

  it('classic builder has no TARGETARCH', async () => {
    const analysis = await analyzeFixture({ builder: 'classic', platform: 'linux/arm64' });

    assert.match(valuesAt(analysis, 5) ?? '', /`ARCH_TAG` is `\$\{TARGETARCH\}-x` \(expands to `-x`\)/);
  });

  it('ARG inside a stage is no global line', async () => {
    const analysis = await analyzeFixture();

    assert.deepEqual(analysis.globalArgs?.map((arg) => arg.line), [2, 3, 4, 5]);
  });

  it('ARG that no FROM line reads', async () => {
    const text = unreadLines.join('\n');
    const analysis = await analyze({ dockerfilePath: unreadPath, text });

    assert.equal(valuesAt(analysis, 2, unreadLines), `**Values:**\n- \`FLAVOR\` is \`plain\`, the default on this line${unread('FLAVOR')}`);
    // PLATFORM is read by the FROM line's flag; SUFFIX by nothing.
    assert.equal(valuesAt(analysis, 3, unreadLines), `**Values for the FROM lines below:**\n- \`PLATFORM\` is \`linux/amd64\`, the default on this line\n- \`SUFFIX\` is \`-slim\`, the default on this line${unread('SUFFIX')}`);
    // FALLBACK is read only in the default branch of `${BASE:-$FALLBACK}`.
    assert.equal(valuesAt(analysis, 4, unreadLines), '**Values for the FROM lines below:**\n- `FALLBACK` is `busybox`, the default on this line');
    assert.equal(valuesAt(analysis, 5, unreadLines), '**Values for the FROM lines below:**\n- `BASE` has no value, because the line gives no default and no build argument sets it');
    assert.equal(analysis.stages[0].baseResolved, 'busybox');
  });

  it('intro of an ARG no FROM line reads', async () => {
    const analysis = await analyze({ dockerfilePath: unreadPath, text: unreadLines.join('\n') });
    const hoverAt = (line: number) => renderGlobalArgHover(unreadLines[line - 1], analysis.globalArgs?.find((arg) => arg.line === line)?.variables).split('\n\n')[1];

    assert.equal(hoverAt(2), 'This instruction **makes no filesystem layer**. The steps of a stage see its value only after an `ARG NAME` without a value in that stage.');
    assert.equal(hoverAt(3), 'This instruction **makes no filesystem layer**. The FROM lines can use its value, and the steps of a stage see it only after an `ARG NAME` without a value in that stage.');
  });

  it('without values the hover keeps its two sections', () => {
    assert.equal(renderGlobalArgHover('ARG TAG').split('\n\n').length, 2);
  });
});
