import * as assert from 'node:assert/strict';
import { compactInstruction, stepAccessibilityLabel, stepLabel } from '../../../src/extension/tree/stepLabel';
import { labelLength, stepRowCharacters, textWidth } from '../../../src/extension/tree/rowLayout';

describe('compactInstruction', () => {
  it('COPY --from=deps /srv/shop/node_modules ./node_modules', () => {
    assert.equal(compactInstruction('COPY --from=deps /srv/shop/node_modules ./node_modules'), 'COPY ←deps /srv/shop/node_modules ./node_modules');
  });

  it('COPY --chown=app --from=nginx:1.25 --link /etc/nginx /etc/nginx', () => {
    assert.equal(compactInstruction('COPY --chown=app --from=nginx:1.25 --link /etc/nginx /etc/nginx'), 'COPY ←nginx:1.25 /etc/nginx /etc/nginx');
  });

  it('RUN --mount=type=bind,from=build,target=/src make', () => {
    assert.equal(compactInstruction('RUN --mount=type=bind,from=build,target=/src make'), 'RUN make');
  });

  it('COPY --chown=app:app --chmod=644 a b', () => {
    assert.equal(compactInstruction('COPY --chown=app:app --chmod=644 a b'), 'COPY a b');
  });

  it('RUN --mount=type=cache,target=/root/.cache pip install', () => {
    assert.equal(compactInstruction('RUN --mount=type=cache,target=/root/.cache pip install -r requirements.txt'), 'RUN pip install -r requirements.txt');
  });

  it('FROM --platform=$BUILDPLATFORM golang:1.22 AS build', () => {
    assert.equal(compactInstruction('FROM --platform=$BUILDPLATFORM golang:1.22 AS build'), 'FROM golang:1.22');
  });

  it('COPY --frm=build --chown=app a b, --frm kept', () => {
    assert.equal(compactInstruction('COPY --frm=build --chown=app a b', new Set(['frm'])), 'COPY --frm=build a b');
  });

  it('COPY --from=build a b, --from kept', () => {
    assert.equal(compactInstruction('COPY --from=build a b', new Set(['from'])), 'COPY --from=build a b');
  });

  it('ONBUILD COPY --from=assets --chown=app /a /b', () => {
    assert.equal(compactInstruction('ONBUILD COPY --from=assets --chown=app /a /b'), 'ONBUILD COPY ←assets /a /b');
  });

  it('onbuild run --mount=type=cache,target=/c make', () => {
    assert.equal(compactInstruction('onbuild run --mount=type=cache,target=/c make'), 'onbuild run make');
  });

  it('option inside the command stays', () => {
    assert.equal(compactInstruction('RUN npm ci --omit=dev'), 'RUN npm ci --omit=dev');
  });

  it('continuation lines join', () => {
    assert.equal(compactInstruction('RUN pip install \\\n    -r requirements.txt'), 'RUN pip install -r requirements.txt');
  });
});

/** Asserts that a label leaves the whole of `facts`, drawn at 0.9 size after a gap, in sight at the default width. */
function assertFits(label: string, facts: string): void {
  assert.ok(textWidth(label) + textWidth(facts) * 0.9 + 0.8 <= stepRowCharacters, `${label} — ${facts}`);
}

describe('stepLabel', () => {
  it('short instruction stays whole', () => {
    assert.equal(stepLabel('RUN npm ci --omit=dev', '5 B'), 'RUN npm ci --omit=dev');
  });

  it('long instruction ends at a word', () => {
    assert.equal(stepLabel('RUN apt-get update && apt-get install -y curl', '12 kB · +3'), 'RUN apt-get update…');
  });

  it('long first word is cut inside', () => {
    assert.equal(stepLabel('LABEL org.opencontainers.image.title="pyapp"', 'no layer'), 'LABEL org.opencontain…');
  });

  it('FROM of a read base image, not run', () => {
    const facts = '2.0 MB · +282 · not run';
    const label = stepLabel('FROM node:20-alpine AS base', facts);

    assert.equal(label, 'FROM no…');
    assert.ok(textWidth(label) + textWidth(facts) * 0.9 + 0.8 <= stepRowCharacters, label);
  });

  it('FROM keeps its keyword beside a long size', () => {
    const facts = 'size unknown · ~1 · not run';
    const label = stepLabel('FROM registry.example.com/team/node:20-alpine', facts);

    assert.equal(label, 'FROM…');
    assert.ok(textWidth(label) + textWidth(facts) * 0.9 + 0.8 <= stepRowCharacters, label);
  });

  it('COPY --from keeps a size and not run', () => {
    const facts = '262 kB · +224 · not run';
    const label = stepLabel('COPY --from=build /build/app/src ./src', facts);

    assert.equal(label, 'COPY ←b…');
    assert.ok(textWidth(label) + textWidth(facts) * 0.9 + 0.8 <= stepRowCharacters, label);
  });

  it('RUN beside copy-up counts: keyword only', () => {
    // The counts of a linked image's layer, with the folders its RUN copied up.
    const facts = '8 B · +1 ~106 -101 · not run';

    assert.equal(stepLabel('RUN rm -rf node_modules/*/test dist/static/old && echo cleaned > /tmp/marker', facts), 'RUN…');
    assertFits('RUN…', facts);
  });

  it('facts too long beside any label', () => {
    // Even `COPY…` leaves too little room, so the label keeps its source stage and the state goes past the edge.
    const facts = '28.2 kB · +3,002 ~2 · not run';
    const label = stepLabel('COPY --from=build /app/node_modules ./node_modules', facts);

    assert.equal(label, 'COPY ←b…');
    assert.ok(textWidth('COPY…') + textWidth(facts) * 0.9 + 0.8 > stepRowCharacters);
  });

  it('rejected flag beside a predicted mark: name without =', () => {
    const facts = 'fails here · predicted';

    assert.equal(stepLabel('COPY --frm=build /app/dist ./d2', facts, new Set(['frm'])), 'COPY --frm…');
    assertFits('COPY --frm…', facts);
  });

  it('rejected flag stays whole', () => {
    const label = stepLabel('COPY --chown=app --frm=build /build/vendor /srv/vendor', 'fails here', new Set(['frm']));

    assert.equal(label, 'COPY --frm=build…');
  });

  it('rejected flag too long: name only', () => {
    const facts = 'would fail';
    const label = stepLabel('RUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y nginx', facts, new Set(['mount']));

    assert.equal(label, 'RUN --mount=…');
    assert.ok(textWidth(label) + textWidth(facts) * 0.9 + 0.8 <= stepRowCharacters, label);
  });

  it('rejected flag beside a long size: name only', () => {
    const label = stepLabel('COPY --chown=app --frm=build /build/vendor /srv/vendor', 'size unknown · +1 · not run', new Set(['frm']));

    assert.equal(label, 'COPY --frm=…');
  });

  it('rejected flag alone stays whole', () => {
    assert.equal(stepLabel('RUN --network=none', 'would fail', new Set(['network'])), 'RUN --network=none');
  });

  it('labels leave room for the facts', () => {
    for (const facts of ['no layer', 'size unknown · +2', 'at least 1.2 MB · +1,204 ~3 -2']) {
      for (const text of ['COPY deploy/default.json ./config/default.json', 'CMD ["gunicorn", "-b", "0.0.0.0:8000", "app.main:app"]', 'X'.repeat(100)]) {
        const label = stepLabel(text, facts);
        assert.ok(label.length <= labelLength(compactInstruction(text), facts, 1), `${label} — ${facts}`);
      }
    }
    const label = stepLabel('COPY deploy/default.json ./config/default.json', 'size unknown · +2');
    assert.ok(textWidth(label) + textWidth('size unknown · +2') * 0.9 + 0.8 <= stepRowCharacters, label);
  });
});

describe('stepAccessibilityLabel', () => {
  it('reads the whole instruction', () => {
    assert.equal(
      stepAccessibilityLabel('RUN apt-get update && \\\n    apt-get install -y curl', 4, 8, 9, '12 kB · 3 added'),
      'RUN apt-get update && apt-get install -y curl, step #4 on lines 8–9, 12 kB · 3 added',
    );
  });
});
