/**
 * The external images a Dockerfile's prediction can stack on, and how an engine's repository
 * tags match the references a Dockerfile writes.
 */
import { stageBuilds } from '../analysis/stageBuilds';
import { planBuild, stageChain, type BuildPlan, type PlanOptions } from '../dockerfile/plan';

/**
 * Lists the images the target's build reads, each once, in order of first use: the base image
 * at the root of the target's chain of stages, then the images that `COPY --from` names in that
 * chain. `scratch`, stages and references with unexpanded variables are left out.
 */
export function externalImageReferences(text: string, options: PlanOptions = {}): string[] {
  const plan = planBuild(text, options);
  return plan.target < 0 ? [] : chainReferences(plan, plan.target);
}

/**
 * Lists the external images the builder reads for the target: the base image and the
 * `COPY --from` images of each chain of stages it builds. A stage that the target only copies
 * from is built too, so its base image shapes the files the target copies.
 */
export function builtImageReferences(text: string, planOptions: PlanOptions): string[] {
  const plan = planBuild(text, planOptions);
  const references = new Set<string>();
  for (const [index, build] of stageBuilds(plan).entries()) {
    if (!build.built) continue;
    for (const reference of chainReferences(plan, index)) references.add(reference);
  }
  return [...references];
}

/** Lists the external images that the chain of stages ending at `last` reads, in order of first use. */
function chainReferences(plan: BuildPlan, last: number): string[] {
  const stageNames = new Set(plan.stages.flatMap((stage) => (stage.info.name === null ? [] : [stage.info.name])));
  const isStage = (reference: string) => stageNames.has(reference.toLowerCase()) || /^\d+$/.test(reference);
  const references: string[] = [];
  const use = (reference: string | null) => {
    if (reference === null || reference === '' || reference.toLowerCase() === 'scratch' || reference.includes('$')) return;
    if (!isStage(reference) && !references.includes(reference)) references.push(reference);
  };
  const chain = stageChain(plan, last);
  const root = plan.stages[chain[0]].info;
  if (root.parentStage === null) use(root.baseResolved);
  for (const stage of chain) {
    for (const step of plan.stages[stage].steps) use(step.copy?.from ?? null);
  }
  return references;
}

/**
 * Normalises an image reference as Docker resolves short names: `docker.io/library/` is implied
 * for one-word repositories, `docker.io/` for others, and `:latest` when no tag or digest is given.
 */
export function normalizeReference(reference: string): string {
  let name = reference.trim();
  const digest = name.indexOf('@');
  const path = digest >= 0 ? name.slice(0, digest) : name;
  const lastSlash = path.lastIndexOf('/');
  const hasTag = path.slice(lastSlash + 1).includes(':');
  if (digest < 0 && !hasTag) name += ':latest';
  const firstPart = name.split('/')[0];
  // A first part with a dot, a port or `localhost` is a registry host, as Docker decides it.
  const hasRegistry = name.includes('/') && (firstPart.includes('.') || firstPart.includes(':') || firstPart === 'localhost');
  if (!hasRegistry) name = name.includes('/') ? `docker.io/${name}` : `docker.io/library/${name}`;
  return name;
}

/** Returns whether an engine's repository tag (`busybox:1.36`) names the same image as `reference`. */
export function tagMatchesReference(repositoryTag: string, reference: string): boolean {
  return normalizeReference(repositoryTag) === normalizeReference(reference);
}
