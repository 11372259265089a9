/** The context menu of a file row in the Image Layers view, as package.json's `when` clauses offer it. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { LinkedImage, StepSource } from '../../../src/core/image/linkedAnalysis';
import { fileRowKind } from '../../../src/extension/tree/fileRowKind';

interface MenuEntry {
  command: string;
  when: string;
}

/** Returns the `viewItem` pattern of a command's entry in the view's row menu. */
function rowMenuPattern(command: string): RegExp {
  const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as { contributes: { menus: Record<string, MenuEntry[]> } };
  const entry = manifest.contributes.menus['view/item/context'].find((candidate) => candidate.command === command);
  assert.ok(entry, `package.json has no row menu entry for ${command}`);
  const pattern = /viewItem =~ \/(.*)\/$/.exec(entry.when)?.[1];
  assert.ok(pattern, `the when clause "${entry.when}" tests no viewItem pattern`);
  return new RegExp(pattern);
}

function linkedFrom(source: string, sources: StepSource[]): LinkedImage {
  return { name: 'demo:classic', source, builder: null, sources, baseSteps: 0, mappedSteps: 1, imageProblems: [], differences: [] };
}

const fromImage: StepSource[] = [{ kind: 'base', historyEntry: 0 }, { kind: 'image', historyEntry: 1 }, { kind: 'predicted', historyEntry: null }];
const contextFile = { kind: 'file', hostPath: '/ws/app.conf' } as const;

/** Returns the context value of an added file row of step `stepIndex`. */
function contextValue(linked: LinkedImage | undefined, stepIndex: number): string {
  return `layerLens.change.added${fileRowKind(linked, stepIndex, contextFile)}`;
}

describe('file row menu', () => {
  const openFromLayer = rowMenuPattern('layerLens.openFileFromLayer');
  const openSource = rowMenuPattern('layerLens.openSourceFile');

  it('archive image offers Open File from Layer', () => {
    const value = contextValue(linkedFrom('/ws/demo-classic.tar', fromImage), 1);

    assert.match(value, openFromLayer);
    assert.doesNotMatch(value, openSource);
  });

  it('engine image offers nothing', () => {
    const value = contextValue(linkedFrom('docker://demo:classic', fromImage), 1);

    assert.doesNotMatch(value, openFromLayer);
    assert.doesNotMatch(value, openSource);
  });

  it('engine base layer offers nothing', () => {
    assert.doesNotMatch(contextValue(linkedFrom('docker://demo:classic', fromImage), 0), openFromLayer);
  });

  it('predicted row beside an engine image', () => {
    const value = contextValue(linkedFrom('docker://demo:classic', fromImage), 2);

    assert.match(value, openSource);
    assert.doesNotMatch(value, openFromLayer);
  });

  it('no image offers Open Source File', () => {
    assert.match(contextValue(undefined, 1), openSource);
  });
});
