import { strict as assert } from 'node:assert';
import { builtImageReferences, externalImageReferences, normalizeReference, tagMatchesReference } from '../../../src/core/image/imageReferences';

describe('externalImageReferences', () => {
  it('base image of the target chain', () => {
    assert.deepEqual(externalImageReferences('FROM alpine:3.20\nRUN true\n'), ['alpine:3.20']);
  });

  it('stages and scratch are left out', () => {
    const text = [
      'FROM golang:1.22 AS build',
      'RUN go build',
      'FROM scratch',
      'COPY --from=build /out /out',
      'COPY --from=nginx:1.27 /etc/nginx /etc/nginx',
      'COPY --from=0 /x /x',
    ].join('\n');

    assert.deepEqual(externalImageReferences(text), ['nginx:1.27']);
  });

  it('FROM stage uses the root base', () => {
    const text = 'ARG TAG=3.20\nFROM alpine:${TAG} AS base\nFROM base\nCOPY --from=busybox /bin/sh /bin/sh\n';

    assert.deepEqual(externalImageReferences(text), ['alpine:3.20', 'busybox']);
  });

  it('other target chain', () => {
    const text = 'FROM debian:12 AS one\nFROM ubuntu:24.04 AS two\n';

    assert.deepEqual(externalImageReferences(text, { target: 'one' }), ['debian:12']);
  });

  it('unexpanded variable is left out', () => {
    assert.deepEqual(externalImageReferences('FROM ${IMAGE}\n'), []);
  });

  it('empty Dockerfile', () => {
    assert.deepEqual(externalImageReferences(''), []);
  });
});

describe('builtImageReferences', () => {
  const dockerfile = 'FROM busybox:1.36 AS unused\nFROM node:20 AS build\nRUN true\nFROM alpine:3.20\nCOPY --from=build /app /app\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\n';

  it('base of a copied stage', () => {
    assert.deepEqual(builtImageReferences(dockerfile, {}), ['node:20', 'alpine:3.20', 'nginx:1.27']);
  });

  it('classic builds every earlier stage', () => {
    assert.deepEqual(builtImageReferences(dockerfile, { builder: 'classic' }), ['busybox:1.36', 'node:20', 'alpine:3.20', 'nginx:1.27']);
  });
});

describe('normalizeReference', () => {
  const cases: Array<[string, string]> = [
    ['busybox', 'docker.io/library/busybox:latest'],
    ['busybox-local:2', 'docker.io/library/busybox-local:2'],
    ['library/busybox:1', 'docker.io/library/busybox:1'],
    ['oracle/app:x', 'docker.io/oracle/app:x'],
    ['ghcr.io/org/app', 'ghcr.io/org/app:latest'],
    ['localhost:5000/app', 'localhost:5000/app:latest'],
    ['alpine@sha256:abc', 'docker.io/library/alpine@sha256:abc'],
  ];
  for (const [reference, expected] of cases) {
    it(reference, () => {
      assert.equal(normalizeReference(reference), expected);
    });
  }

  it('tag matches short name', () => {
    assert.equal(tagMatchesReference('busybox:latest', 'docker.io/library/busybox'), true);
    assert.equal(tagMatchesReference('busybox:1.36', 'busybox'), false);
  });
});
