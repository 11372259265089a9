/**
 * The hover's sections on ONBUILD triggers. A FROM lists the triggers it runs and what their
 * layers add, and an ONBUILD line names the FROM lines that run it.
 */
import type { Analysis, Step } from '../../core/analysis/types';
import { triggerOrigin } from '../../core/dockerfile/buildTriggers';
import { describeStep } from '../tree/stepDescription';
import { plural, stageLabel } from '../format';
import { codeSpan, plainText } from './markdown';

/** Returns the steps of `view`'s chain that run the triggers of a FROM step, in build order. */
export function triggerSteps(view: Analysis, from: Step): Step[] {
  return view.steps.filter((step) => step.trigger !== undefined && step.stage === from.stage && step.line === from.line);
}

/** Describes the triggers a FROM runs, one line each with its step number and layer, or nothing when it runs none. */
export function describeTriggersRun(view: Analysis, from: Step): string | undefined {
  const steps = triggerSteps(view, from);
  if (steps.length === 0) return undefined;
  const lead = `**Runs ${plural(steps.length, 'build trigger')}** (ONBUILD of its parent) right after the FROM, as steps of this stage that read this build's context:`;
  const items = steps.map((step) => {
    const origin = step.trigger ? ` (${triggerOrigin(step.trigger)})` : '';
    return `- #${step.index} ${codeSpan(step.text)}${plainText(origin)}: ${plainText(describeStep(step, view.stack.layers[step.index]))}`;
  });
  return [lead, ...items].join('\n');
}

/**
 * Names the stages whose FROM runs an ONBUILD line: the stages that continue its stage. An
 * image built from the stage runs it too, in another build.
 */
export function describeTriggerUse(analysis: Analysis, onbuild: Step): string {
  const users = analysis.stages.filter((stage) => stage.parentStage === onbuild.stage);
  const elsewhere = 'A Dockerfile that builds FROM the image of this stage runs it too.';
  if (users.length === 0) return `No stage of this Dockerfile starts FROM this stage, so this build does not run the trigger. ${elsewhere}`;
  if (analysis.builder === 'buildah') {
    return 'buildah writes the OCI image format by default, which has no ONBUILD, so it drops this trigger with a warning; `buildah bud --format docker` keeps it.';
  }
  const names = users.map((stage) => `stage ${plainText(stageLabel(stage))} (line ${stage.line})`);
  return `**Runs after the FROM of** ${names.join(', ')}, as a step of that stage. ${elsewhere}`;
}
