/**
 * The elements of the Image Layers view for one analysis: stages, their steps, and the folder
 * tree of each step's changes. Elements are built once per analysis and reused, so that
 * `TreeView.reveal` and `getParent` see the same objects that `getChildren` returned.
 */
import type { Analysis, StageInfo, Step } from '../../core/analysis/types';
import { buildChangeTree, type ChangeNode } from './changeTree';

export interface StageElement {
  kind: 'stage';
  stage: StageInfo;
  steps: StepElement[];
}

export interface StepElement {
  kind: 'step';
  step: Step;
  parent: StageElement;
}

export interface ChangeElement {
  kind: 'change';
  node: ChangeNode;
  /** The step whose layer made the change. */
  owner: StepElement;
}

export type LayersElement = StageElement | StepElement | ChangeElement;

/** The elements of one analysis, with the change trees built on first use. */
export class LayersModel {
  readonly stages: StageElement[];
  readonly steps: StepElement[] = [];
  private readonly changeElements = new Map<ChangeNode, ChangeElement>();
  private readonly changeRoots = new Map<number, ChangeElement[]>();

  constructor(readonly analysis: Analysis) {
    const byStage = new Map<number, StageElement>();
    this.stages = [];
    for (const step of analysis.steps) {
      let stageElement = byStage.get(step.stage);
      if (!stageElement) {
        const stage = analysis.stages[step.stage] ?? { index: step.stage, name: null, base: '', baseResolved: '', parentStage: null, line: step.line, platform: null };
        stageElement = { kind: 'stage', stage, steps: [] };
        byStage.set(step.stage, stageElement);
        this.stages.push(stageElement);
      }
      const stepElement: StepElement = { kind: 'step', step, parent: stageElement };
      stageElement.steps.push(stepElement);
      this.steps[step.index] = stepElement;
    }
  }

  children(element: LayersElement | undefined): LayersElement[] {
    if (!element) return this.stages;
    if (element.kind === 'stage') return element.steps;
    if (element.kind === 'step') return this.changeRootsOf(element);
    return element.node.children.map((node) => this.wrap(node, element.owner));
  }

  parent(element: LayersElement): LayersElement | undefined {
    if (element.kind === 'stage') return undefined;
    if (element.kind === 'step') return element.parent;
    const parentNode = element.node.parent;
    return parentNode ? this.wrap(parentNode, element.owner) : element.owner;
  }

  /** Returns whether a step's layer lists any change, so the view can offer to expand it. */
  hasChanges(step: Step): boolean {
    return (this.analysis.stack.layers[step.index]?.entries.length ?? 0) > 0;
  }

  private changeRootsOf(owner: StepElement): ChangeElement[] {
    let roots = this.changeRoots.get(owner.step.index);
    if (!roots) {
      const entries = this.analysis.stack.layers[owner.step.index]?.entries ?? [];
      roots = buildChangeTree(entries).map((node) => this.wrap(node, owner));
      this.changeRoots.set(owner.step.index, roots);
    }
    return roots;
  }

  private wrap(node: ChangeNode, owner: StepElement): ChangeElement {
    let element = this.changeElements.get(node);
    if (!element) {
      element = { kind: 'change', node, owner };
      this.changeElements.set(node, element);
    }
    return element;
  }
}
