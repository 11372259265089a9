/** Shared by the tests that compare predicted step outcomes with real builds. */
import type { Step } from '../../../src/core/analysis/types';

/** Returns the Dockerfile of the real builds: a base, a COPY, the line under test on line 3 and a last RUN. */
export const lineThree = (line: string) => `FROM busybox-local:2\nCOPY a.txt /a.txt\n${line}\nRUN echo after > /after\n`;

/** Lists the steps as `line`, with `F` when it fails, `R` when that rejects the Dockerfile, and `>N` when the build stops at line N first. */
export function marks(steps: readonly Step[]): string[] {
  return steps.map((step) => {
    let mark = String(step.line);
    if (step.failed) mark += 'F';
    if (step.rejectsDockerfile) mark += 'R';
    if (step.notReached) mark += `>${step.notReached.line}${step.notReached.rejects ? 'R' : ''}`;
    return mark;
  });
}
