/**
 * History entries of RUN lines under a SHELL line, and of build arguments whose value has a
 * space, as real builders recorded them (see fixtures/history/README.md).
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { planBuild } from '../../../src/core/dockerfile/plan';
import { parseCreatedBy } from '../../../src/core/image/historyForms';
import { historyHints } from '../../../src/core/image/historyHints';
import { mapHistory, type HistoryMapping } from '../../../src/core/image/mapHistory';
import { recordedBuildArgs } from '../../../src/core/image/recordedBuildArgs';
import type { HistoryEntry } from '../../../src/core/image/types';

const fixtures = join(__dirname, '../../fixtures/history/shells-and-args');

function dockerfileOf(name: string): string {
  return readFileSync(join(fixtures, `${name}.Dockerfile`), 'utf8');
}

function historyOf(name: string, builder: string): HistoryEntry[] {
  const file = JSON.parse(readFileSync(join(fixtures, `${name}.${builder}.json`), 'utf8')) as {
    history: Array<{ created_by?: string; empty_layer?: boolean; comment?: string }>;
  };
  return file.history.map((item) => ({ createdBy: item.created_by ?? '', emptyLayer: item.empty_layer === true, ...(item.comment ? { comment: item.comment } : {}) }));
}

/** Describes each entry as `base`, `line N`, `line N changed`, `unmatched` or `ambiguous`. */
function entriesOf(mapping: HistoryMapping): string[] {
  return mapping.entries.map((link) => (link.role === 'step' ? `line ${link.line}${link.match === 'changed' ? ' changed' : ''}` : link.role));
}

function problemsOf(mapping: HistoryMapping): string[] {
  return mapping.problems.map((problem) => `${problem.line}: ${problem.message}`);
}

describe('history under SHELL lines', () => {
  it('SHELL /bin/sh -ec classic', () => {
    const mapping = mapHistory(historyOf('shell', 'docker'), planBuild(dockerfileOf('shell')));
    assert.deepEqual(problemsOf(mapping), []);
    assert.deepEqual(entriesOf(mapping), ['base', 'line 2', 'line 3', 'line 4', 'line 5']);
  });

  it('busybox ash and other shells classic', () => {
    const mapping = mapHistory(historyOf('shell2', 'docker'), planBuild(dockerfileOf('shell2')));
    assert.deepEqual(problemsOf(mapping), []);
    assert.deepEqual(entriesOf(mapping), ['base', 'line 2', 'line 3', 'line 4', 'line 5', 'line 6', 'line 7', 'line 8', 'line 9']);
  });

  for (const builder of ['docker', 'buildah']) {
    it(`SHELL with build arguments ${builder}`, () => {
      const mapping = mapHistory(historyOf('shell-args', builder), planBuild(dockerfileOf('shell-args')));
      assert.deepEqual(problemsOf(mapping), []);
      assert.deepEqual(mapping.entries.filter((link) => link.match === 'exact').length, 19);
    });
  }

  it('RUN recorded with another shell changed', () => {
    // The entry shows the default shell, so the SHELL line was added since the build.
    const history = historyOf('shell', 'docker').map((entry) => ({ ...entry, createdBy: entry.createdBy.replace('/bin/sh -ec echo', '/bin/sh -c echo') }));
    const mapping = mapHistory(history, planBuild(dockerfileOf('shell')));
    assert.deepEqual(entriesOf(mapping), ['base', 'line 2', 'line 3 changed', 'line 4', 'line 5']);
  });

  it('unknown SHELL of base image', () => {
    // The plan does not show the base image's SHELL, so any shell the entry starts with is accepted.
    const history = historyOf('shell', 'docker').filter((_, index) => index !== 1 && index !== 3);
    const mapping = mapHistory(history, planBuild('FROM bbx:1\nRUN echo hi > /a\nRUN echo ho > /b\n'));
    assert.deepEqual(problemsOf(mapping), []);
    assert.deepEqual(entriesOf(mapping), ['base', 'line 2', 'line 3']);
  });

  const commands: Array<[string, string]> = [
    ['/bin/sh -ec echo hi > /a', 'echo hi > /a'],
    ['/bin/busybox ash -c echo b > /b', 'echo b > /b'],
    ['/bin/sh -eux -c echo d > /d', 'echo d > /d'],
  ];
  for (const [createdBy, command] of commands) {
    it(`command of ${createdBy}`, () => {
      const recorded = parseCreatedBy(createdBy);
      assert.equal(recorded.command, command);
      assert.equal(recorded.shellForm, true);
    });
  }
});

describe('build argument value with a space', () => {
  const dockerfile = dockerfileOf('arg-space');
  const history = historyOf('arg-space', 'docker');

  it('unchanged Dockerfile maps clean', () => {
    const mapping = mapHistory(history, planBuild(dockerfile));
    assert.deepEqual(problemsOf(mapping), []);
    assert.equal(mapping.entries.filter((link) => link.match === 'exact').length, 16);
  });

  it('unchanged Dockerfile with --build-arg', () => {
    const mapping = mapHistory(history, planBuild(dockerfile, { buildArgs: { Q: 'a b' } }));
    assert.deepEqual(problemsOf(mapping), []);
  });

  it('recorded value keeps its space', () => {
    assert.deepEqual([...recordedBuildArgs(history, planBuild(dockerfile))], [['Q', 'a b']]);
  });

  it('renamed ARG reads as changed', () => {
    const mapping = mapHistory(history, planBuild(dockerfile.replace('ARG Q="a b"', 'ARG R="a b"')));
    assert.match(problemsOf(mapping).join('\n'), /^2: The image's history entry 1 records "\/bin\/sh -c #\(nop\) ARG Q=a b"/m);
  });

  const plan = planBuild('FROM b\nARG A\nARG B\nSHELL ["/bin/sh", "-ec"]\nRUN ["echo", "x"]\n');
  const cases: Array<{ name: string; createdBy: string; comment?: string; buildArgs: Array<[string, string]>; certain: boolean; command: string }> = [
    { name: 'classic before a known SHELL', createdBy: '|2 A=x y B=1 2 /bin/sh -ec make', buildArgs: [['A', 'x y'], ['B', '1 2']], certain: true, command: 'make' },
    { name: 'classic before the default shell', createdBy: '|1 A=x y /bin/sh -c make', buildArgs: [['A', 'x y']], certain: true, command: 'make' },
    // buildah counts words, not assignments, and always writes /bin/sh -c.
    { name: 'buildah word count', createdBy: '|3 A=x y B=z /bin/sh -c make', comment: 'FROM 4cc7a10442c6', buildArgs: [['A', 'x y'], ['B', 'z']], certain: true, command: 'make' },
    // The count shows that ` B=c` is part of A's value.
    { name: 'value holding a declared assignment', createdBy: '|1 A=x B=c /bin/sh -c make', buildArgs: [['A', 'x B=c']], certain: true, command: 'make' },
    // Either ` B=c` or ` B=d` starts the second assignment.
    { name: 'two readings of two assignments', createdBy: '|2 A=x B=c B=d /bin/sh -c make', buildArgs: [['A', 'x'], ['B', 'c B=d']], certain: false, command: 'make' },
    { name: 'classic before exec form', createdBy: '|1 A=x y echo x', buildArgs: [['A', 'x']], certain: false, command: 'y echo x' },
  ];
  for (const { name, createdBy, comment, buildArgs, certain, command } of cases) {
    it(name, () => {
      const recorded = parseCreatedBy(createdBy, comment, historyHints(plan));
      assert.deepEqual(recorded.buildArgs, buildArgs);
      assert.equal(recorded.buildArgsCertain, certain);
      assert.equal(recorded.command, command);
    });
  }

  it('uncertain value not read back', () => {
    // Nothing marks where A's value ends before an exec form's words, so no value is offered.
    const entries: HistoryEntry[] = [{ createdBy: '|1 A=x y echo x', emptyLayer: true }];
    assert.deepEqual([...recordedBuildArgs(entries, plan)], []);
  });

  it('exec form after a spaced value', () => {
    const entries: HistoryEntry[] = [
      { createdBy: '', emptyLayer: false, comment: 'Imported from -' },
      { createdBy: '/bin/sh -c #(nop)  ARG A', emptyLayer: true },
      { createdBy: '/bin/sh -c #(nop)  ARG B', emptyLayer: true },
      { createdBy: '/bin/sh -ec #(nop)  SHELL [/bin/sh -ec]', emptyLayer: true },
      { createdBy: '|1 A=x y echo x', emptyLayer: true },
    ];
    const mapping = mapHistory(entries, plan);
    assert.deepEqual(problemsOf(mapping), []);
    assert.deepEqual(entriesOf(mapping), ['base', 'line 2', 'line 3', 'line 4', 'line 5']);
  });
});
