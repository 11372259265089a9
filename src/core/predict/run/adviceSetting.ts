/**
 * What the advice in RUN notes and waste hints depends on beyond the RUN itself: the builder,
 * whose features a remedy may use, and the role of the RUN's stage in the Dockerfile.
 */
import type { BuilderKind } from '../../dockerfile/builders';

export interface AdviceSetting {
  builder: BuilderKind;
  /**
   * A later stage takes files from this stage (`COPY --from`, `RUN --mount=from=`) without
   * continuing it, so this stage already is the earlier stage of a multi-stage build.
   */
  copiedFrom: boolean;
}

export const defaultAdviceSetting: AdviceSetting = { builder: 'buildkit', copiedFrom: false };

/**
 * Returns whether the builder runs `RUN --mount`. The classic builder of Docker Engine 20.10
 * parses the flag but fails the step that has one, so a remedy must not suggest it there.
 */
export function runsMounts(builder: BuilderKind): boolean {
  return builder !== 'classic';
}
