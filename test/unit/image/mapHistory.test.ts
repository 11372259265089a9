import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import { planBuild } from '../../../src/core/dockerfile/plan';
import { mapHistory, type HistoryMapping } from '../../../src/core/image/mapHistory';
import { readImage } from '../../../src/core/image/readImage';
import type { HistoryEntry } from '../../../src/core/image/types';

const fixtures = join(__dirname, '../../fixtures');

function dockerfileOf(name: string): string {
  return readFileSync(join(fixtures, 'cases', name, 'Dockerfile'), 'utf8');
}

/** Reads a recorded history the way `readImage` parses a config's `history`. */
function recordedHistory(name: string, builder: string): HistoryEntry[] {
  const file = JSON.parse(readFileSync(join(fixtures, 'history', `${name}.${builder}.json`), 'utf8')) as {
    history: Array<{ created_by?: string; empty_layer?: boolean; comment?: string }>;
  };
  return file.history.map((item) => ({ createdBy: item.created_by ?? '', emptyLayer: item.empty_layer === true, ...(item.comment ? { comment: item.comment } : {}) }));
}

/** Describes each history entry as `base`, `line N` (`line N changed`), `unmatched` or `ambiguous`. */
function describeEntries(mapping: HistoryMapping): string[] {
  return mapping.entries.map((link) => {
    if (link.role === 'step') return `line ${link.line}${link.match === 'changed' ? ' changed' : ''}`;
    return link.role;
  });
}

function problemsOf(mapping: HistoryMapping): string[] {
  return mapping.problems.map((problem) => `${problem.line}: ${problem.message}`);
}

const classic = (text: string, emptyLayer = false): HistoryEntry => ({ createdBy: `/bin/sh -c ${text}`, emptyLayer });
const baseEntry: HistoryEntry = { createdBy: '', emptyLayer: false, comment: 'Imported from -' };

describe('mapHistory', () => {
  describe('real builds', () => {
    const cases: Array<[string, string[]]> = [
      ['06-workdir-relative-dest', ['base', 'line 2', 'line 3', 'line 4', 'line 5', 'line 6', 'line 7', 'line 8']],
      ['07-env-arg-subst', ['base', 'line 2', 'line 3', 'line 4', 'line 5', 'line 6', 'line 7', 'line 8', 'line 10']],
      ['09-multistage-named', ['base', 'line 7', 'line 8', 'line 9']],
      ['13-workdir-nested', ['base', 'line 3', 'line 5', 'line 7', 'line 8', 'line 9', 'line 10']],
      ['27-copy-chown', ['base', 'line 2', 'line 3', 'line 4', 'line 5']],
      ['33-continuations-comments', ['base', 'line 2', 'line 9']],
      ['34-metadata-only', ['base', 'line 2', 'line 3', 'line 4', 'line 5', 'line 6', 'line 7', 'line 8', 'line 9', 'line 10', 'line 11', 'line 12', 'line 13']],
      ['38-from-scratch', ['line 2', 'line 3', 'line 4']],
    ];
    for (const [name, expected] of cases) {
      for (const builder of ['docker', 'buildah']) {
        it(`${name} ${builder}`, () => {
          const mapping = mapHistory(recordedHistory(name, builder), planBuild(dockerfileOf(name)));
          assert.deepEqual(describeEntries(mapping), expected);
          assert.deepEqual(problemsOf(mapping), []);
          assert.equal(mapping.builder, builder === 'docker' ? 'classic' : 'buildah');
          assert.equal(mapping.baseEntries, expected.filter((item) => item === 'base').length);
        });
      }
    }

    it('buildah exec-form RUN', () => {
      // buildah 1.28.2 records an exec-form RUN as `/bin/sh -c` and the JSON as written, after its `|N` prefix.
      const dockerfile = [
        'FROM bbl19:1',
        'ARG Q="a b"',
        'SHELL ["/bin/sh", "-ec"]',
        'RUN echo "$Q" > /q.txt && echo "$0" > /zero.txt',
        'ARG R=plain',
        'RUN echo "$R $Q" > /r.txt',
        'RUN ["/bin/sh", "-c", "echo exec > /exec.txt"]',
        '',
      ].join('\n');
      const mapping = mapHistory(recordedHistory('exec-form-run', 'buildah'), planBuild(dockerfile));

      assert.deepEqual(describeEntries(mapping), ['base', 'line 2', 'line 3', 'line 4', 'line 5', 'line 6', 'line 7']);
      assert.deepEqual(problemsOf(mapping), []);
    });

    it('ENV read from an unrecorded build argument', () => {
      // Docker Engine 20.10's classic builder built this with `--build-arg SUFFIX=blue`. No RUN records SUFFIX.
      const dockerfile = [
        'FROM bbl19:1',
        'ARG SUFFIX',
        'ARG FLAVOR=${SUFFIX:-dflt}',
        'ARG OWNER=app',
        'ENV MODE=${FLAVOR}-x HOME_DIR=/home/${OWNER}',
        'USER ${OWNER}:${OWNER}',
        'COPY --chown=${OWNER}:app app.conf link.conf /etc/myapp/',
        'COPY --chown=4242:${OWNER} d/ /srv/d/',
        'USER 1000',
        '',
      ].join('\n');
      const history = recordedHistory('unrecorded-build-arg', 'docker');

      const mapping = mapHistory(history, planBuild(dockerfile));
      assert.deepEqual(describeEntries(mapping), ['base', 'line 2', 'line 3', 'line 4', 'line 5 changed', 'line 6', 'line 7', 'line 8', 'line 9']);
      assert.deepEqual(problemsOf(mapping), [
        '5: The image\'s history entry 4 records "/bin/sh -c #(nop) ENV MODE=blue-x HOME_DIR=/home/app", which does not match this line. '
        + 'This line reads the build arguments FLAVOR, OWNER and SUFFIX, whose values the image\'s history does not record, so a value passed at build time may explain the difference. '
        + 'Pass the values the image was built with (--build-arg FLAVOR=... --build-arg OWNER=... --build-arg SUFFIX=...). '
        + 'Otherwise the Dockerfile changed since the image was built.',
      ]);
      assert.deepEqual(problemsOf(mapHistory(history, planBuild(dockerfile, { buildArgs: { SUFFIX: 'blue' } }))), []);
    });

    it('base entries point at FROM', () => {
      const mapping = mapHistory(recordedHistory('09-multistage-named', 'docker'), planBuild(dockerfileOf('09-multistage-named')));
      assert.deepEqual(mapping.entries[0], { role: 'base', step: 0, line: 6, endLine: 6, match: null });
    });

    for (const archive of ['21-run-chains.docker.tar', '21-run-chains.buildah.tar']) {
      it(`archive ${archive}`, async () => {
        const image = await readImage({ kind: 'path', path: join(fixtures, 'images', archive) });
        const mapping = mapHistory(image.steps.map((step) => step.history), planBuild(dockerfileOf('21-run-chains')));
        assert.deepEqual(describeEntries(mapping), ['base', 'line 2', 'line 3', 'line 4']);
        assert.deepEqual(mapping.stepEntries, [null, 1, 2, 3]);
        assert.deepEqual(problemsOf(mapping), []);
      });
    }

    it('stepEntries follow Analysis.steps', async () => {
      const dockerfilePath = join(fixtures, 'cases', '09-multistage-named', 'Dockerfile');
      const analysis = await analyze({ dockerfilePath, text: dockerfileOf('09-multistage-named') });
      const mapping = mapHistory(recordedHistory('09-multistage-named', 'docker'), planBuild(dockerfileOf('09-multistage-named')));
      assert.equal(mapping.stepEntries.length, analysis.steps.length);
      assert.deepEqual(mapping.stepEntries, [null, 1, 2, 3]);
      mapping.stepEntries.forEach((entry, step) => {
        if (entry !== null) assert.equal(mapping.entries[entry].line, analysis.steps[step].line);
      });
    });
  });

  describe('buildah ARG entries', () => {
    // buildah 1.28.2 built test/fixtures/images/buildah-args/Dockerfile FROM scratch. Each ARG
    // entry lists the sorted names of the stage's arguments that have a value so far, not the
    // line: `ARG ` for line 2 (UNSET has no default), `ARG APP VERSION` for line 4
    // (`ARG APP=widget`), `ARG APP VERSION X Y` for lines 5, 6 and 9. With `--build-arg UNSET=u
    // --build-arg HTTP_PROXY=p` every entry also lists HTTP_PROXY and UNSET.
    const folder = join(fixtures, 'images', 'buildah-args');
    const dockerfile = readFileSync(join(folder, 'Dockerfile'), 'utf8');
    const lines = ['line 2', 'line 3', 'line 4', 'line 5', 'line 6', 'line 7', 'line 8', 'line 9'];

    for (const archive of ['args.buildah.tar', 'args-build-args.buildah.oci.tar']) {
      it(`archive ${archive}`, async () => {
        const image = await readImage({ kind: 'path', path: join(folder, archive) });
        const mapping = mapHistory(image.steps.map((step) => step.history), planBuild(dockerfile));
        assert.equal(mapping.builder, 'buildah');
        assert.deepEqual(describeEntries(mapping), lines);
        assert.deepEqual(problemsOf(mapping), []);
      });
    }

    it('renamed argument reads as changed', async () => {
      const image = await readImage({ kind: 'path', path: join(folder, 'args.buildah.tar') });
      const edited = dockerfile.replace('ARG APP=widget', 'ARG NAME=widget');
      const mapping = mapHistory(image.steps.map((step) => step.history), planBuild(edited));
      assert.deepEqual(describeEntries(mapping), ['line 2', 'line 3', 'line 4 changed', 'line 5 changed', 'line 6 changed', 'line 7', 'line 8', 'line 9 changed']);
    });

    const buildah = (createdBy: string): HistoryEntry => ({ createdBy: `/bin/sh -c #(nop) ${createdBy}`, emptyLayer: true, comment: 'FROM 516d63e73e8d' });
    const twoArgs = 'FROM busybox-local:2\nARG APP=widget\nARG VERSION=1.2.3\nUSER app\n';

    it('names in sorted order', () => {
      const history = [baseEntry, buildah('ARG APP'), buildah('ARG APP VERSION'), buildah('USER app')];
      const mapping = mapHistory(history, planBuild(twoArgs));
      assert.deepEqual(describeEntries(mapping), ['base', 'line 2', 'line 3', 'line 4']);
      assert.deepEqual(problemsOf(mapping), []);
      const withoutVersion = [baseEntry, buildah('ARG APP'), buildah('ARG APP'), buildah('USER app')];
      assert.deepEqual(describeEntries(mapHistory(withoutVersion, planBuild(twoArgs))), ['base', 'line 2', 'line 3 changed', 'line 4']);
      // The classic builder records each ARG line as written, so the same text is another line there.
      const classicHistory = [baseEntry, classic('#(nop)  ARG APP=widget', true), classic('#(nop)  ARG APP VERSION', true), classic('#(nop)  USER app', true)];
      assert.deepEqual(describeEntries(mapHistory(classicHistory, planBuild(twoArgs))), ['base', 'line 2', 'line 3 changed', 'line 4']);
    });

    it('several names on one line', () => {
      const history = [baseEntry, buildah('ARG A B'), buildah('USER app')];
      assert.deepEqual(describeEntries(mapHistory(history, planBuild('FROM b\nARG B=2 A=1 C\nUSER app\n'))), ['base', 'line 2', 'line 3']);
      assert.deepEqual(describeEntries(mapHistory(history, planBuild('FROM b\nARG B=2 A=1 D=4\nUSER app\n'))), ['base', 'line 2 changed', 'line 3']);
    });

    it('proxy argument without ARG', () => {
      const history = [baseEntry, buildah('ARG APP HTTP_PROXY'), buildah('ARG APP HTTP_PROXY VERSION'), buildah('USER app')];
      assert.deepEqual(describeEntries(mapHistory(history, planBuild(twoArgs))), ['base', 'line 2', 'line 3', 'line 4']);
    });
  });

  describe('Dockerfile changed since the build', () => {
    const history = [baseEntry, classic('mkdir /chain'), classic('echo c > /chain/c'), classic('echo d > /chain/d')];

    it('edited line', () => {
      const mapping = mapHistory(history, planBuild('FROM b\nRUN mkdir /chain\nRUN echo C > /chain/c\nRUN echo d > /chain/d\n'));
      assert.deepEqual(describeEntries(mapping), ['base', 'line 2', 'line 3 changed', 'line 4']);
      assert.deepEqual(problemsOf(mapping), [
        '3: The image\'s history entry 2 records "/bin/sh -c echo c > /chain/c", which does not match this line: the Dockerfile changed since the image was built.',
      ]);
    });

    it('added line', () => {
      const mapping = mapHistory(history, planBuild('FROM b\nRUN mkdir /chain\nRUN echo new\nRUN echo c > /chain/c\nRUN echo d > /chain/d\n'));
      assert.deepEqual(describeEntries(mapping), ['base', 'line 2', 'line 4', 'line 5']);
      assert.deepEqual(mapping.stepEntries, [null, 1, null, 2, 3]);
      assert.deepEqual(problemsOf(mapping), ['3: No history entry of the image matches this RUN: the line was added or changed since the image was built.']);
    });

    it('removed line', () => {
      const mapping = mapHistory(history, planBuild('FROM b\nRUN mkdir /chain\nRUN echo d > /chain/d\n'));
      assert.deepEqual(describeEntries(mapping), ['base', 'line 2', 'unmatched', 'line 3']);
      assert.deepEqual(problemsOf(mapping), [
        '3: History entry 2 (/bin/sh -c echo c > /chain/c) matches no line of the Dockerfile: a line was removed or changed since the image was built.',
      ]);
    });

    it('repeated line', () => {
      const mapping = mapHistory(history, planBuild('FROM b\nRUN mkdir /chain\nRUN echo c > /chain/c\nRUN echo c > /chain/c\nRUN echo d > /chain/d\n'));
      assert.deepEqual(describeEntries(mapping), ['base', 'line 2', 'ambiguous', 'line 5']);
      assert.deepEqual(mapping.stepEntries, [null, 1, null, null, 3]);
      const message = 'This RUN may or may not be history entry 2, so no layer is linked to it. Lines with the same text are distinguished only by the lines around them.';
      assert.deepEqual(problemsOf(mapping), [`3: ${message}`, `4: ${message}`]);
    });

    it('another Dockerfile', () => {
      const mapping = mapHistory(history, planBuild('FROM b\nCOPY a /a\nENV X=1\n'));
      assert.deepEqual(describeEntries(mapping), ['unmatched', 'unmatched', 'unmatched', 'unmatched']);
      assert.equal(mapping.baseEntries, 0);
      assert.deepEqual(problemsOf(mapping), [
        '1: No history entry of the image matches a line of this Dockerfile: check that the image was built from it, with the same target.',
      ]);
    });

    it('edited COPY quote keeps destination', () => {
      // Docker 20.10 records this COPY --chown as `--chown=app:nogroupfile:<64 hex digits> in /srv/named.conf`.
      const edited = dockerfileOf('27-copy-chown').replace('server.conf /srv/named.conf', 'server.conf /etc/named.conf');
      const mapping = mapHistory(recordedHistory('27-copy-chown', 'docker'), planBuild(edited));
      assert.deepEqual(describeEntries(mapping), ['base', 'line 2', 'line 3', 'line 4 changed', 'line 5']);
      assert.deepEqual(problemsOf(mapping), [
        '4: The image\'s history entry 3 records "/bin/sh -c #(nop) COPY --chown=app:nogroupfile:64efaa9e… in /srv/named.conf", which does not match this line: the Dockerfile changed since the image was built.',
      ]);
    });

    it('removed COPY quote keeps destination', () => {
      const removed = dockerfileOf('27-copy-chown').replace('COPY --chown=4242 server.conf /srv/\n', '');
      const mapping = mapHistory(recordedHistory('27-copy-chown', 'docker'), planBuild(removed));
      assert.deepEqual(describeEntries(mapping), ['base', 'line 2', 'unmatched', 'line 3', 'line 4']);
      assert.deepEqual(problemsOf(mapping), [
        '3: History entry 2 (/bin/sh -c #(nop) COPY --chown=4242file:64efaa9e… in /srv/) matches no line of the Dockerfile: a line was removed or changed since the image was built.',
      ]);
    });

    it('FROM alone maps base entries', () => {
      const mapping = mapHistory(history, planBuild('FROM b\n'));
      assert.deepEqual(describeEntries(mapping), ['base', 'base', 'base', 'base']);
      assert.deepEqual(problemsOf(mapping), []);
    });

    it('image without history', () => {
      const blank: HistoryEntry = { createdBy: '', emptyLayer: false };
      const mapping = mapHistory([blank, blank], planBuild('FROM b\nRUN mkdir /chain\n'));
      assert.deepEqual(describeEntries(mapping), ['unmatched', 'unmatched']);
      assert.deepEqual(problemsOf(mapping), ['1: The image records no build commands in its history, so its layers cannot be mapped to lines.']);
    });

    it('FROM scratch has no base entries', () => {
      const mapping = mapHistory(history, planBuild('FROM scratch\nRUN echo c > /chain/c\nRUN echo d > /chain/d\n'));
      assert.deepEqual(describeEntries(mapping), ['unmatched', 'unmatched', 'line 2', 'line 3']);
      assert.equal(mapping.baseEntries, 0);
      assert.equal(mapping.problems.length, 2);
    });
  });

  describe('text must match', () => {
    // Written after an image built from another Dockerfile that shares only some instruction
    // kinds with examples/node-service/Dockerfile, and one line (EXPOSE 8080).
    const otherImage = [
      baseEntry,
      classic('#(nop) WORKDIR /app'),
      classic('#(nop) COPY file:00ec16333078d287782d462baefc8bb9eb0231dc3aefba3ca3e2f7e5cf0cadda in /app/ '),
      classic('#(nop)  USER app', true),
      classic('#(nop)  EXPOSE 8080', true),
      classic('#(nop)  CMD ["sh"]', true),
    ];
    const nodeService = readFileSync(join(__dirname, '../../../examples/node-service/Dockerfile'), 'utf8');

    it('other Dockerfile of same kinds', () => {
      const mapping = mapHistory(otherImage, planBuild(nodeService));
      assert.deepEqual(describeEntries(mapping), ['unmatched', 'unmatched', 'unmatched', 'unmatched', 'unmatched', 'unmatched']);
      assert.equal(mapping.baseEntries, 0);
      assert.deepEqual(mapping.stepEntries.filter((entry) => entry !== null), []);
      assert.deepEqual(problemsOf(mapping), [
        '12: Only 1 of the target\'s 12 steps after FROM matches the image\'s history by text, and at least half must match before layers are mapped to lines: check that the image was built from it, with the same target.',
      ]);
    });

    it('half the steps matching keeps the mapping', () => {
      const history = [baseEntry, classic('#(nop) WORKDIR /app'), classic('#(nop)  USER app', true), classic('#(nop)  CMD ["sh"]', true)];
      const mapping = mapHistory(history, planBuild('FROM b\nWORKDIR /app\nUSER node\nCMD ["node"]\nEXPOSE 80\n'));
      assert.deepEqual(describeEntries(mapping), ['unmatched', 'unmatched', 'unmatched', 'unmatched']);
      const halfMatched = mapHistory(history, planBuild('FROM b\nWORKDIR /app\nUSER node\nCMD ["sh"]\n'));
      assert.deepEqual(describeEntries(halfMatched), ['base', 'line 2', 'line 3 changed', 'line 4']);
      assert.deepEqual(problemsOf(halfMatched), [
        '3: The image\'s history entry 2 records "/bin/sh -c #(nop) USER app", which does not match this line: the Dockerfile changed since the image was built.',
      ]);
    });

    it('most entries matching no line', () => {
      const history = [
        baseEntry, classic('apt-get update'), classic('make'),
        classic('#(nop)  ENV A=1', true), classic('#(nop)  ENV B=2', true), classic('#(nop)  LABEL x=y', true), classic('#(nop)  USER app', true),
        classic('#(nop)  CMD ["app"]', true),
      ];
      const mapping = mapHistory(history, planBuild('FROM b\nRUN apt-get update\nRUN make\nCMD ["app"]\n'));
      assert.deepEqual(describeEntries(mapping), ['unmatched', 'unmatched', 'unmatched', 'unmatched', 'unmatched', 'unmatched', 'unmatched', 'unmatched']);
      assert.deepEqual(problemsOf(mapping), [
        '1: Only 3 of the image\'s 7 history entries after its base image match a line of this Dockerfile by text, and at least half must match before layers are mapped to lines: check that the image was built from it, with the same target.',
      ]);
    });

    it('edited lines among many', () => {
      const history = [
        baseEntry,
        classic('#(nop) WORKDIR /srv/app'),
        classic('#(nop) COPY file:00ec16333078d287782d462baefc8bb9eb0231dc3aefba3ca3e2f7e5cf0cadda in ./ '),
        classic('npm ci'),
        classic('npm run build'),
        classic('#(nop)  USER node', true),
        classic('#(nop)  CMD ["node", "dist/server.js"]', true),
      ];
      const dockerfile = 'FROM b\nWORKDIR /srv/app\nCOPY a ./\nRUN npm ci --omit=dev\nRUN npm run build\nUSER app\nCMD ["node", "dist/server.js"]\n';
      const mapping = mapHistory(history, planBuild(dockerfile));
      assert.deepEqual(describeEntries(mapping), ['base', 'line 2', 'line 3', 'line 4 changed', 'line 5', 'line 6 changed', 'line 7']);
      assert.deepEqual(problemsOf(mapping).map((problem) => problem.slice(0, problem.indexOf(':'))), ['4', '6']);
    });

    it('image built for another stage', () => {
      const dockerfile = [
        'FROM node:20 AS build', 'WORKDIR /build', 'COPY package.json ./', 'RUN npm ci', 'RUN npm run build',
        'FROM node:20 AS runtime', 'WORKDIR /app', 'COPY package.json ./', 'COPY --from=build /build/dist ./dist', 'USER node', 'CMD ["node", "dist/server.js"]',
        '',
      ].join('\n');
      const history = [
        baseEntry,
        classic('#(nop) WORKDIR /build'),
        classic('#(nop) COPY file:00ec16333078d287782d462baefc8bb9eb0231dc3aefba3ca3e2f7e5cf0cadda in ./ '),
        classic('npm ci'),
        classic('npm run build'),
      ];
      const mapping = mapHistory(history, planBuild(dockerfile));
      assert.deepEqual(describeEntries(mapping), ['unmatched', 'unmatched', 'unmatched', 'unmatched', 'unmatched']);
      assert.deepEqual(problemsOf(mapping), [
        '6: The image matches stage "build" better than the target, stage "runtime": 4 of its 4 steps after FROM match the image\'s history by text, against 1 of 5. Make build the target (--target build).',
      ]);
      const built = mapHistory(history, planBuild(dockerfile, { target: 'build' }));
      assert.deepEqual(describeEntries(built), ['base', 'line 2', 'line 3', 'line 4', 'line 5']);
      assert.deepEqual(problemsOf(built), []);
    });

    it('real image of another stage', () => {
      // The history is of the runtime stage's build, and the build stage's lines match none of it.
      const mapping = mapHistory(recordedHistory('09-multistage-named', 'docker'), planBuild(dockerfileOf('09-multistage-named'), { target: 'build' }));
      assert.deepEqual(describeEntries(mapping), ['unmatched', 'unmatched', 'unmatched', 'unmatched']);
      assert.deepEqual(problemsOf(mapping), [
        '1: The image matches stage "runtime" better than the target, stage "build": 3 of its 3 steps after FROM match the image\'s history by text, against 0 of 3. Make runtime the target (--target runtime).',
      ]);
    });

    it('stage hint keeps build argument hint', () => {
      const buildArgDifferences = [{ name: 'MODE', recorded: 'dev', used: undefined }];
      const plan = planBuild(dockerfileOf('09-multistage-named'), { target: 'build' });
      const mapping = mapHistory(recordedHistory('09-multistage-named', 'docker'), plan, { buildArgDifferences });
      assert.deepEqual(problemsOf(mapping), [
        '1: The image matches stage "runtime" better than the target, stage "build": 3 of its 3 steps after FROM match the image\'s history by text, against 0 of 3. Make runtime the target (--target runtime). '
          + 'The image\'s history records the build argument MODE=dev, but MODE (unset) was used here. Pass the recorded value (--build-arg MODE=dev) if the image was built with it.',
      ]);
    });

    it('unnamed stage hint gives its index', () => {
      const history = [baseEntry, classic('make'), classic('make install')];
      const mapping = mapHistory(history, planBuild('FROM b\nRUN make\nRUN make install\nFROM c\nRUN other\n'));
      assert.deepEqual(describeEntries(mapping), ['unmatched', 'unmatched', 'unmatched']);
      assert.deepEqual(problemsOf(mapping), [
        '4: The image matches stage 0 better than the target, stage 1: 2 of its 2 steps after FROM match the image\'s history by text, against 0 of 1. Make 0 the target (--target 0).',
      ]);
    });

    it('edited line between candidates', () => {
      const history = [baseEntry, classic('mkdir /chain'), classic('echo x'), classic('echo d > /chain/d')];
      const mapping = mapHistory(history, planBuild('FROM b\nRUN mkdir /chain\nRUN echo a\nRUN echo b\nRUN echo d > /chain/d\n'));
      assert.deepEqual(describeEntries(mapping), ['base', 'line 2', 'ambiguous', 'line 5']);
      const message = 'This RUN may or may not be history entry 2, so no layer is linked to it. The text of history entry 2 differs from this line, which changed since the image was built, and the lines around it do not show which entry it made.';
      assert.deepEqual(problemsOf(mapping), [`3: ${message}`, `4: ${message}`]);
    });
  });

  describe('builder forms', () => {
    const dockerfile = [
      'FROM busybox-local:2',
      'ARG FLAVOR=dev',
      'WORKDIR /app',
      'COPY --chown=1000:1000 a.txt ./',
      'RUN echo $FLAVOR > /app/flavor',
      'ENV MODE=test',
      'RUN ["echo", "exec form"]',
      'CMD ["sh"]',
      '',
    ].join('\n');

    it('classic with build arguments', () => {
      // As Docker Engine 20.10's classic builder records this Dockerfile.
      const history = [
        baseEntry,
        classic('#(nop)  ARG FLAVOR=dev', true),
        classic('#(nop) WORKDIR /app'),
        classic('#(nop) COPY --chown=1000:1000file:00ec16333078d287782d462baefc8bb9eb0231dc3aefba3ca3e2f7e5cf0cadda in ./ '),
        { createdBy: '|1 FLAVOR=dev /bin/sh -c echo $FLAVOR > /app/flavor', emptyLayer: false },
        classic('#(nop)  ENV MODE=test', true),
        { createdBy: '|1 FLAVOR=dev echo exec form', emptyLayer: true },
        classic('#(nop)  CMD ["sh"]', true),
      ];
      const mapping = mapHistory(history, planBuild(dockerfile));
      assert.deepEqual(describeEntries(mapping), ['base', 'line 2', 'line 3', 'line 4', 'line 5', 'line 6', 'line 7', 'line 8']);
      assert.deepEqual(problemsOf(mapping), []);
    });

    it('one changed line alone maps nothing', () => {
      const mapping = mapHistory([baseEntry, classic('/bin/sh -c make')], planBuild('FROM b\nRUN make check\n'));
      assert.deepEqual(describeEntries(mapping), ['unmatched', 'unmatched']);
    });

    it('no line matches exactly', () => {
      const history = [baseEntry, classic('/bin/sh -c make'), classic('/bin/sh -c make install')];
      const mapping = mapHistory(history, planBuild('FROM b\nRUN ./configure\nRUN make check\n'));
      assert.deepEqual(describeEntries(mapping), ['unmatched', 'unmatched', 'unmatched']);
      assert.deepEqual(problemsOf(mapping), ['1: No history entry of the image matches a line of this Dockerfile: check that the image was built from it, with the same target.']);
    });

    it('classic chown differs', () => {
      // The unchanged WORKDIR places the changed COPY: without an exact match nothing is mapped.
      const history = [baseEntry, classic('#(nop) WORKDIR /app'), classic('#(nop) COPY --chown=0:0file:00ec16333078d287782d462baefc8bb9eb0231dc3aefba3ca3e2f7e5cf0cadda in ./ ')];
      const mapping = mapHistory(history, planBuild('FROM b\nWORKDIR /app\nCOPY --chown=1000:1000 a.txt ./\n'));
      assert.deepEqual(describeEntries(mapping), ['base', 'line 2', 'line 3 changed']);
    });

    it('buildkit', () => {
      // The forms of BuildKit's Dockerfile frontend (dockerfile2llb's commitToHistory): metadata
      // and WORKDIR without the "# buildkit" suffix, RUN and COPY with it. No BuildKit runs here,
      // so the entries are written by hand from those forms.
      const buildkit = (createdBy: string, emptyLayer = false): HistoryEntry => ({ createdBy, emptyLayer, comment: 'buildkit.dockerfile.v0' });
      const history = [
        baseEntry,
        buildkit('ARG FLAVOR=dev', true),
        buildkit('WORKDIR /app'),
        buildkit('COPY --chown=1000:1000 a.txt ./ # buildkit'),
        buildkit('RUN |1 FLAVOR=dev /bin/sh -c echo $FLAVOR > /app/flavor # buildkit'),
        buildkit('ENV MODE=test', true),
        buildkit('RUN |1 FLAVOR=dev echo exec form # buildkit'),
        buildkit('CMD ["sh"]', true),
      ];
      const mapping = mapHistory(history, planBuild(dockerfile));
      assert.equal(mapping.builder, 'buildkit');
      assert.deepEqual(describeEntries(mapping), ['base', 'line 2', 'line 3', 'line 4', 'line 5', 'line 6', 'line 7', 'line 8']);
      assert.deepEqual(problemsOf(mapping), []);
    });

    it('kaniko omits metadata steps', () => {
      // kaniko records the instruction as written, and only for steps that took a snapshot.
      const kaniko = (createdBy: string): HistoryEntry => ({ createdBy, emptyLayer: false });
      const history = [baseEntry, kaniko('COPY --chown=1000:1000 a.txt ./'), kaniko('RUN echo $FLAVOR > /app/flavor'), kaniko('RUN ["echo", "exec form"]')];
      const mapping = mapHistory(history, planBuild(dockerfile));
      assert.equal(mapping.builder, 'kaniko');
      assert.deepEqual(describeEntries(mapping), ['base', 'line 4', 'line 5', 'line 7']);
      assert.deepEqual(mapping.stepEntries, [null, null, null, 1, 2, null, 3, null]);
      assert.deepEqual(problemsOf(mapping), []);
    });
  });
});
