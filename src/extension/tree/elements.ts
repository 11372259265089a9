/**
 * The elements of the Image Layers view for one analysis: stages, their steps, and the folder
 * tree of each step's changes. Elements are built once per analysis and reused, so that
 * `TreeView.reveal` and `getParent` see the same objects that `getChildren` returned.
 *
 * The stages of the target's chain list their steps from `Analysis.steps`. Every other stage
 * lists its own steps from its chain in `Analysis.stageChains`, so its layers are read from that
 * chain's stack (see `modelOf`).
 */
import { describeStageBuild } from '../../core/analysis/stageBuildText';
import { inTargetChain, stageView } from '../../core/analysis/stageViews';
import type { Analysis, StageBuild, StageInfo, Step } from '../../core/analysis/types';
import { stageLabel } from '../format';
import { buildChangeTree, type ChangeNode } from './changeTree';

export interface StageElement {
  kind: 'stage';
  stage: StageInfo;
  steps: StepElement[];
  /** Whether the builder builds the stage for the target; absent when the analysis does not record it. */
  build?: StageBuild;
  /** The sentence on `build` for a stage other than the target. */
  buildSentence?: string;
  /** False for a stage outside the target's chain, whose steps index its own chain's stack. */
  inTarget: boolean;
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

/** Returns the stage element an element belongs to. */
export function stageOf(element: LayersElement): StageElement {
  if (element.kind === 'stage') return element;
  return element.kind === 'step' ? element.parent : element.owner.parent;
}

/** The elements of one analysis, with the change trees built on first use. */
export class LayersModel {
  readonly stages: StageElement[] = [];
  /** The steps of the target's chain by index, for revealing a step. */
  readonly steps: StepElement[] = [];
  private readonly changeElements = new Map<ChangeNode, ChangeElement>();
  private readonly changeRoots = new Map<StepElement, ChangeElement[]>();
  private readonly stageModels = new Map<number, LayersModel>();

  /** `chainOnly` leaves out the stages outside the target's chain. */
  constructor(
    readonly analysis: Analysis,
    chainOnly = false,
  ) {
    const byStage = new Map<number, StageElement>();
    for (const step of analysis.steps) {
      const stageElement = byStage.get(step.stage) ?? this.addStage(byStage, step.stage, step.line);
      const stepElement: StepElement = { kind: 'step', step, parent: stageElement };
      stageElement.steps.push(stepElement);
      this.steps[step.index] = stepElement;
    }
    if (!chainOnly) this.addOtherStages(byStage);
    this.stages.sort((a, b) => a.stage.index - b.stage.index);
  }

  /**
   * Returns the model whose `analysis` contains an element's step and layer: this one for the
   * target's chain, a model of the stage's own chain for the other stages.
   */
  modelOf(element: LayersElement): LayersModel {
    const stage = stageOf(element);
    return stage.inTarget ? this : this.stageModel(stage.stage.index);
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

  /**
   * Finds the element of step `index`: in the target's chain, or with a `stage` outside it, among
   * that stage's own steps, whose indices count in its own chain.
   */
  stepElement(index: number, stage?: number): StepElement | undefined {
    if (stage === undefined || inTargetChain(this.analysis, stage)) return this.steps[index];
    const stageElement = this.stages.find((candidate) => candidate.stage.index === stage);
    return stageElement?.steps.find((element) => element.step.index === index);
  }

  /** Returns whether a step's layer lists any change, so the view can offer to expand it. */
  hasChanges(step: Step): boolean {
    return (this.viewOf(step.stage).stack.layers[step.index]?.entries.length ?? 0) > 0;
  }

  private viewOf(stage: number): Analysis {
    return inTargetChain(this.analysis, stage) ? this.analysis : this.stageModel(stage).analysis;
  }

  private stageModel(stage: number): LayersModel {
    let model = this.stageModels.get(stage);
    if (!model) {
      model = new LayersModel(stageView(this.analysis, stage) ?? this.analysis, true);
      this.stageModels.set(stage, model);
    }
    return model;
  }

  private addStage(byStage: Map<number, StageElement>, index: number, line: number): StageElement {
    const stage = this.analysis.stages[index] ?? { index, name: null, base: '', baseResolved: '', parentStage: null, line, platform: null };
    const build = this.analysis.stageBuilds?.[index];
    const buildSentence = describeStageBuild(this.analysis, index, (info) => stageLabel(info));
    const element: StageElement = { kind: 'stage', stage, steps: [], build, buildSentence, inTarget: inTargetChain(this.analysis, index) };
    byStage.set(index, element);
    this.stages.push(element);
    return element;
  }

  /** Adds the stages outside the target's chain, each with its own steps only. */
  private addOtherStages(byStage: Map<number, StageElement>): void {
    for (const [index, chain] of (this.analysis.stageChains ?? []).entries()) {
      if (byStage.has(index)) continue;
      const own = chain.steps.filter((step) => step.stage === index);
      if (own.length === 0) continue;
      const stageElement = this.addStage(byStage, index, own[0].line);
      for (const step of own) stageElement.steps.push({ kind: 'step', step, parent: stageElement });
    }
  }

  private changeRootsOf(owner: StepElement): ChangeElement[] {
    let roots = this.changeRoots.get(owner);
    if (!roots) {
      const entries = this.viewOf(owner.step.stage).stack.layers[owner.step.index]?.entries ?? [];
      roots = buildChangeTree(entries).map((node) => this.wrap(node, owner));
      this.changeRoots.set(owner, roots);
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
