import { strict as assert } from 'node:assert';
import { checkCiLimits, formatCiReport, type CiMeasures } from '../../../src/core/image/ciGates';

const measures: CiMeasures = { wastedBytes: 100, efficiency: 0.9, wastedRatio: 0.25, ownBytes: 400, ownWasted: 100 };

describe('checkCiLimits', () => {
  it('limits equal to measures pass', () => {
    const checks = checkCiLimits(measures, { maxWastedBytes: 100, maxWastedRatio: 0.25, minEfficiency: 0.9 });
    assert.deepEqual(checks.map((check) => [check.limit, check.passed]), [
      ['max-wasted-bytes', true], ['max-wasted-ratio', true], ['min-efficiency', true],
    ]);
  });

  it('limits past measures fail', () => {
    const checks = checkCiLimits(measures, { maxWastedBytes: 99, maxWastedRatio: 0.2, minEfficiency: 0.95 });
    assert.deepEqual(checks.map((check) => [check.limit, check.actual, check.passed]), [
      ['max-wasted-bytes', 100, false], ['max-wasted-ratio', 0.25, false], ['min-efficiency', 0.9, false],
    ]);
  });

  it('only given limits', () => {
    assert.deepEqual(checkCiLimits(measures, { minEfficiency: 0.5 }).map((check) => check.limit), ['min-efficiency']);
    assert.deepEqual(checkCiLimits(measures, {}), []);
  });

  it('unknown ratio fails', () => {
    const [check] = checkCiLimits({ ...measures, wastedRatio: null, ownBytes: null, ownWasted: null }, { maxWastedRatio: 0.5 });
    assert.equal(check.passed, false);
    assert.equal(check.actual, null);
    assert.match(check.summary, /^wasted ratio unknown: no layer is mapped to a line of the Dockerfile, so/);
  });

  it('report verdict', () => {
    const report = formatCiReport(checkCiLimits(measures, { maxWastedBytes: 1000, minEfficiency: 0.95 }));
    assert.equal(report, [
      'CI limits:',
      '  PASS  max-wasted-bytes: wasted bytes 100 <= 1000',
      '  FAIL  min-efficiency: efficiency 0.900000 < 0.950000',
      'Result: FAIL (1 of 2 limits broken)',
      '',
    ].join('\n'));
  });

  it('close values get more decimals', () => {
    const [check] = checkCiLimits({ ...measures, efficiency: 0.99999995 }, { minEfficiency: 0.9999999 });
    assert.equal(check.summary, 'efficiency 0.99999995 >= 0.99999990');
    const [below] = checkCiLimits({ ...measures, efficiency: 0.9999998 }, { minEfficiency: 0.9999999 });
    assert.equal(below.summary, 'efficiency 0.9999998 < 0.9999999');
  });
});
