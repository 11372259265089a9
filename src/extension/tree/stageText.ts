/** The text of a stage row in the Image Layers view. No `vscode` import, so it runs under plain mocha. */
import { stageLabel } from '../format';
import type { StageElement } from './elements';

/** Marks the target, and a stage the builder does not build for it. */
function stageMarks(element: StageElement): string[] {
  if (element.build?.reason === 'target') return ['target'];
  return element.build && !element.build.built ? ['not built'] : [];
}

/**
 * Describes a stage row beside its label: the marks, then the base image (`target ·
 * python:3.12-slim`). The marks go first because the view cuts a row's end and a base image
 * reference can be long.
 */
export function stageDescription(element: StageElement): string {
  return [...stageMarks(element), element.stage.baseResolved || element.stage.base].join(' · ');
}

/** States the FROM line of a stage, for its tooltip. */
export function stageFromLine(element: StageElement): string {
  const { stage } = element;
  return `FROM ${stage.base}${stage.baseResolved !== stage.base ? ` (expands to ${stage.baseResolved})` : ''}, line ${stage.line}`;
}

/**
 * Returns what a screen reader announces for a stage row. In VS Code 1.100 a row's aria-label
 * came from its tooltip, which leaves out the marks, so this joins label, description and tooltip.
 */
export function stageAccessibilityLabel(element: StageElement): string {
  return [`stage ${stageLabel(element.stage)}`, ...stageMarks(element), element.stage.baseResolved || element.stage.base, stageFromLine(element)].join(', ');
}
