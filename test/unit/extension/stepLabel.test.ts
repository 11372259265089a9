import * as assert from 'node:assert/strict';
import { maxStepLabelLength, shortStepLabel, stepAccessibilityLabel } from '../../../src/extension/tree/stepLabel';

describe('shortStepLabel', () => {
  it('short instruction stays whole', () => {
    assert.equal(shortStepLabel('RUN npm ci --omit=dev'), 'RUN npm ci --omit=dev');
  });

  it('long instruction ends at a word', () => {
    assert.equal(shortStepLabel('RUN apt-get update && apt-get install -y curl'), 'RUN apt-get update &&…');
    assert.equal(shortStepLabel('COPY --from=deps /srv/shop/node_modules ./node_modules'), 'COPY --from=deps…');
  });

  it('long first word is cut inside', () => {
    assert.equal(shortStepLabel('LABEL org.opencontainers.image.title="pyapp"'), 'LABEL org.opencontainer…');
  });

  it('continuation lines join', () => {
    assert.equal(shortStepLabel('RUN pip install \\\n    -r requirements.txt'), 'RUN pip install -r…');
  });

  it('labels fit the limit', () => {
    for (const text of ['COPY deploy/default.json ./config/default.json', 'CMD ["gunicorn", "-b", "0.0.0.0:8000", "app.main:app"]', 'X'.repeat(100)]) {
      assert.ok(shortStepLabel(text).length <= maxStepLabelLength, shortStepLabel(text));
    }
  });
});

describe('stepAccessibilityLabel', () => {
  it('reads the whole instruction', () => {
    assert.equal(
      stepAccessibilityLabel('RUN apt-get update && \\\n    apt-get install -y curl', 8, 9, '12 kB · 3 added'),
      'RUN apt-get update && apt-get install -y curl, lines 8–9, 12 kB · 3 added',
    );
  });
});
