/** One sentence that states whether the builder builds a stage for the target, for the hover and the CLI. */
import { builderNames } from '../dockerfile/builders';
import { capitalize } from '../report/format';
import type { Analysis, StageInfo, StageUse } from './types';

/** Names a stage in the caller's markup, e.g. as a code span. A stage without a name goes by its number. */
export type StageNamer = (stage: StageInfo) => string;

const useVerbs: Record<StageUse['kind'], string> = {
  from: 'continues it',
  copy: 'copies from it',
  mount: 'mounts it',
};

/**
 * Describes whether the builder builds `stage` for the target. Returns `undefined` for the
 * target itself and for analyses that do not record it.
 */
export function describeStageBuild(analysis: Analysis, stage: number, name: StageNamer): string | undefined {
  const build = analysis.stageBuilds?.[stage];
  const info = analysis.stages[stage];
  const target = analysis.stages[analysis.target];
  if (!build || !info || !target || build.reason === 'target') return undefined;
  const builder = analysis.builder ?? 'buildkit';
  const builderName = capitalize(builderNames[builder]);
  const use = build.usedBy ? `line ${build.usedBy.line} ${useVerbs[build.usedBy.kind]}` : undefined;
  switch (build.reason) {
    case 'needed':
      return `${builderName} builds stage ${name(info)} for the target stage ${name(target)}, because ${use ?? 'the target uses it'}.`;
    case 'before-target':
      return use
        ? `${builderName} builds every stage up to the target stage ${name(target)}, this one included, and ${use}.`
        : `${builderName} builds every stage up to the target stage ${name(target)}, this one included, although the target does not use it.`;
    case 'after-target':
      return `${builderName} stops after the target stage ${name(target)}, so it never builds stage ${name(info)}.`;
    case 'unused':
      return `${builderName} skips stage ${name(info)}: the target stage ${name(target)} does not continue it, copy from it or mount it, directly or through another stage.`;
  }
}

/** Names a stage inside a plain-text sentence: its name in quotes, or its number when it has none. */
export function quotedStageName(stage: StageInfo): string {
  return stage.name === null ? String(stage.index) : `"${stage.name}"`;
}
