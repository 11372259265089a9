/**
 * Limits for pipelines (`layer-lens image --ci`): wasted bytes of the whole image, the share of
 * the Dockerfile's own bytes that are wasted, and the whole image's efficiency.
 */

export interface CiLimits {
  /** Maximum wasted bytes in the whole image. */
  maxWastedBytes?: number;
  /** Maximum wasted bytes over the bytes the Dockerfile's own steps wrote (0 to 1). */
  maxWastedRatio?: number;
  /** Minimum visible bytes over all bytes written (0 to 1). */
  minEfficiency?: number;
}

export interface CiMeasures {
  wastedBytes: number;
  efficiency: number;
  /** `null` when no Dockerfile distinguishes the base image's layers from the Dockerfile's own. */
  wastedRatio: number | null;
  ownBytes: number | null;
  ownWasted: number | null;
}

export interface CiCheck {
  limit: 'max-wasted-bytes' | 'max-wasted-ratio' | 'min-efficiency';
  threshold: number;
  /** The measured value, or `null` when it is unknown (a check that fails). */
  actual: number | null;
  passed: boolean;
  /** One line for the report, such as `wasted bytes 2150 > 1024`. */
  summary: string;
}

/** Checks each given limit. A limit whose measure is unknown fails, naming what is missing. */
export function checkCiLimits(measures: CiMeasures, limits: CiLimits): CiCheck[] {
  const checks: CiCheck[] = [];
  if (limits.maxWastedBytes !== undefined) {
    const passed = measures.wastedBytes <= limits.maxWastedBytes;
    checks.push({
      limit: 'max-wasted-bytes', threshold: limits.maxWastedBytes, actual: measures.wastedBytes, passed,
      summary: `wasted bytes ${measures.wastedBytes} ${passed ? '<=' : '>'} ${limits.maxWastedBytes}`,
    });
  }
  if (limits.maxWastedRatio !== undefined && measures.wastedRatio === null) {
    checks.push({
      limit: 'max-wasted-ratio', threshold: limits.maxWastedRatio, actual: null, passed: false,
      summary: 'wasted ratio unknown: no layer is mapped to a line of the Dockerfile, so the base image\'s layers cannot be distinguished from the Dockerfile\'s own',
    });
  } else if (limits.maxWastedRatio !== undefined && measures.wastedRatio !== null) {
    const passed = measures.wastedRatio <= limits.maxWastedRatio;
    checks.push({
      limit: 'max-wasted-ratio', threshold: limits.maxWastedRatio, actual: measures.wastedRatio, passed,
      summary: `wasted ratio ${compared(measures.wastedRatio, passed ? '<=' : '>', limits.maxWastedRatio)} (${measures.ownWasted} of the ${measures.ownBytes} bytes the Dockerfile's own steps wrote)`,
    });
  }
  if (limits.minEfficiency !== undefined) {
    const passed = measures.efficiency >= limits.minEfficiency;
    checks.push({
      limit: 'min-efficiency', threshold: limits.minEfficiency, actual: measures.efficiency, passed,
      summary: `efficiency ${compared(measures.efficiency, passed ? '>=' : '<', limits.minEfficiency)}`,
    });
  }
  return checks;
}

/** Renders the checks as the lines a pipeline log shows, ending with the verdict. */
export function formatCiReport(checks: CiCheck[]): string {
  const failed = checks.filter((check) => !check.passed).length;
  const lines = ['CI limits:', ...checks.map((check) => `  ${check.passed ? 'PASS' : 'FAIL'}  ${check.limit}: ${check.summary}`)];
  lines.push(failed === 0 ? `Result: PASS (${checks.length} ${checks.length === 1 ? 'limit' : 'limits'} met)` : `Result: FAIL (${failed} of ${checks.length} limits broken)`);
  return lines.join('\n') + '\n';
}

/**
 * Formats a measure, a comparison and a limit with six decimals, or with more where six would
 * print two different values alike (a limit of 0.9999999 read as 1.000000). Rounding keeps the
 * order of the values, so the printed pair agrees with the comparison.
 */
function compared(actual: number, operator: string, limit: number): string {
  let digits = 6;
  while (actual !== limit && actual.toFixed(digits) === limit.toFixed(digits) && digits < 20) digits++;
  return `${actual.toFixed(digits)} ${operator} ${limit.toFixed(digits)}`;
}
