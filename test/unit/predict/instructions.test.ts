import * as assert from 'node:assert/strict';
import { changesAt, predict, removeContexts, stepSummary } from './helpers';

describe('instructions and layers', () => {
  after(removeContexts);

  it('FROM shell-only\\nCOPY a /a\\nRUN true\\nADD a /b\\nENV X=1\\nLABEL k=v\\nUSER 1\\nCMD ["x"]', async () => {
    const analysis = await predict('FROM shell-only\nCOPY a /a\nRUN true\nADD a /b\nENV X=1\nLABEL k=v\nUSER 1\nCMD ["x"]\n', { a: 'x' });
    assert.deepEqual(stepSummary(analysis), ['1 FROM layer', '2 COPY layer', '3 RUN layer', '4 ADD layer', '5 ENV empty', '6 LABEL empty', '7 USER empty', '8 CMD empty']);
  });

  it('EXPOSE, ENTRYPOINT, VOLUME, STOPSIGNAL, HEALTHCHECK, SHELL, MAINTAINER, ONBUILD, ARG make no layer', async () => {
    const text = 'FROM scratch\nEXPOSE 80\nENTRYPOINT ["a"]\nVOLUME /data\nSTOPSIGNAL SIGTERM\nHEALTHCHECK NONE\nSHELL ["/bin/sh", "-c"]\nMAINTAINER me\nONBUILD RUN true\nARG A=1\n';
    const analysis = await predict(text);
    assert.ok(analysis.steps.slice(1).every((step) => step.emptyLayer));
    assert.equal(analysis.steps.length, 10);
  });

  it('WORKDIR /app/src makes a layer with the missing folders', async () => {
    const analysis = await predict('FROM scratch\nWORKDIR /app/src\n');
    assert.deepEqual(changesAt(analysis, 2, 'owner'), ['/app added directory 0755 0:0', '/app/src added directory 0755 0:0']);
  });

  it('WORKDIR / makes no layer', async () => {
    const analysis = await predict('FROM scratch\nWORKDIR /\n');
    assert.deepEqual(stepSummary(analysis), ['1 FROM empty', '2 WORKDIR empty']);
  });

  it('WORKDIR a\\nWORKDIR b resolves relative to the previous one', async () => {
    const analysis = await predict('FROM scratch\nWORKDIR /a\nWORKDIR b\n');
    assert.deepEqual(changesAt(analysis, 3), ['/a/b added directory']);
  });

  it('FROM node:${V}-slim shows the base as written and expanded', async () => {
    const analysis = await predict('ARG V=20\nFROM node:${V}-slim\n');
    assert.equal(analysis.stages[0].base, 'node:${V}-slim');
    assert.equal(analysis.stages[0].baseResolved, 'node:20-slim');
    assert.equal(analysis.steps[0].certainty, 'unknown');
    assert.match(analysis.steps[0].notes[0], /node:20-slim \(written as node:\$\{V\}-slim\)/);
  });

  it('FROM --platform=linux/arm64 alpine AS build records the platform', async () => {
    const analysis = await predict('FROM --platform=linux/arm64 alpine AS build\n');
    assert.equal(analysis.stages[0].platform, 'linux/arm64');
    assert.equal(analysis.stages[0].name, 'build');
  });

  it('FROM alpine assumes standard folders, marked estimated', async () => {
    const analysis = await predict('FROM alpine\nCOPY app.conf /etc/\n', { 'app.conf': 'x=1' });
    assert.deepEqual(changesAt(analysis, 2), ['/etc/app.conf added file']);
    const etc = analysis.stack.lookup('/etc');
    assert.equal(etc?.entry.certainty, 'estimated');
  });

  it('FROM build continues the stage: its steps come first', async () => {
    const text = 'FROM scratch AS build\nCOPY a /a\nFROM build\nCOPY b /b\n';
    const analysis = await predict(text, { a: '1', b: '2' });
    assert.deepEqual(stepSummary(analysis), ['1 FROM empty', '2 COPY layer', '3 FROM empty', '4 COPY layer']);
    assert.equal(analysis.stages[1].parentStage, 0);
  });

  it('FROM 0 names the first stage by index', async () => {
    const analysis = await predict('FROM scratch\nCOPY a /a\nFROM 0\n', { a: '1' });
    assert.equal(analysis.stages[1].parentStage, 0);
    assert.deepEqual(analysis.steps.map((step) => step.line), [1, 2, 3]);
  });

  it('--target picks a stage; the last stage is the default', async () => {
    const text = 'FROM scratch AS one\nCOPY a /a\nFROM scratch AS two\nCOPY b /b\n';
    const files = { a: '1', b: '2' };
    assert.deepEqual(stepSummary(await predict(text, files, { target: 'one' })), ['1 FROM empty', '2 COPY layer']);
    assert.deepEqual(stepSummary(await predict(text, files)), ['3 FROM empty', '4 COPY layer']);
  });

  it('--target that does not exist is a problem', async () => {
    const analysis = await predict('FROM scratch AS one\n', {}, { target: 'nope' });
    assert.match(analysis.problems[0].message, /Target stage "nope" not found/);
  });

  it('COPY before FROM and unknown instructions are problems on their lines', async () => {
    const analysis = await predict('COPY a /a\nFROM scratch\nFROBNICATE x\n', { a: '1' });
    assert.deepEqual(analysis.problems.map((problem) => problem.line), [1, 3]);
  });

  it('a Dockerfile without FROM is a problem', async () => {
    const analysis = await predict('# nothing here\n');
    assert.equal(analysis.steps.length, 0);
    assert.match(analysis.problems[0].message, /no FROM/);
  });

  it('RUN is a layer of unknown contents', async () => {
    const analysis = await predict('FROM shell-only\nRUN make\n');
    assert.equal(analysis.steps[1].certainty, 'unknown');
    assert.deepEqual(changesAt(analysis, 2), []);
  });
});

describe('parser details', () => {
  after(removeContexts);

  it('# escape=` with backtick continuations', async () => {
    const analysis = await predict('# escape=`\nFROM scratch\nCOPY a `\n  /dest/\n', { a: '1' });
    assert.deepEqual(changesAt(analysis, 3), ['/dest added directory', '/dest/a added file']);
    assert.equal(analysis.steps[1].endLine, 4);
  });

  it('COPY a \\\\\\n# comment\\n  /dest/ skips the comment line', async () => {
    const analysis = await predict('FROM scratch\nCOPY a \\\n# comment\n  /dest/\n', { a: '1' });
    assert.deepEqual(changesAt(analysis, 2), ['/dest added directory', '/dest/a added file']);
  });

  it('COPY <<EOF /etc/motd creates the file from the heredoc', async () => {
    const analysis = await predict('FROM scratch\nCOPY <<EOF /etc/motd\nhello\nEOF\nENV A=1\n');
    assert.deepEqual(changesAt(analysis, 2), ['/etc added directory', '/etc/motd added file']);
    assert.equal(analysis.stack.lookup('/etc/motd')?.entry.size, 6);
    assert.equal(analysis.steps[1].endLine, 4);
  });

  it('COPY <<EOF with ${NAME} expands, <<"EOF" does not', async () => {
    const analysis = await predict('FROM scratch\nENV NAME=world\nCOPY <<EOF /a\nhi ${NAME}\nEOF\nCOPY <<"EOF" /b\nhi ${NAME}\nEOF\n');
    assert.equal(analysis.stack.lookup('/a')?.entry.size, 'hi world\n'.length);
    assert.equal(analysis.stack.lookup('/b')?.entry.size, 'hi ${NAME}\n'.length);
  });

  it('RUN <<EOF is a script, not a file', async () => {
    const analysis = await predict('FROM shell-only\nRUN <<EOF\necho hi > /x\nEOF\n');
    assert.equal(analysis.steps[1].instruction, 'RUN');
    assert.equal(analysis.steps[1].endLine, 4);
    // The body runs as a script: /x is what it writes, and no file is named after the heredoc.
    assert.deepEqual(changesAt(analysis, 2), ['/x added file']);
  });

  it('an unterminated heredoc is a problem', async () => {
    const analysis = await predict('FROM scratch\nCOPY <<EOF /a\nhello\n');
    assert.ok(analysis.problems.some((problem) => /closing "EOF"/.test(problem.message)));
  });

  it('COPY ["a b", "/d/"] uses the JSON form', async () => {
    const analysis = await predict('FROM scratch\nCOPY ["a b", "/d/"]\n', { 'a b': 'x' });
    assert.deepEqual(changesAt(analysis, 2), ['/d added directory', '/d/a b added file']);
  });

  it('lower-case instructions are recognised', async () => {
    const analysis = await predict('from scratch\ncopy a /a\n', { a: 'x' });
    assert.deepEqual(stepSummary(analysis), ['1 FROM empty', '2 COPY layer']);
  });
});

describe('lines the build rejects', () => {
  after(removeContexts);

  it('COPY flag without a value', async () => {
    const analysis = await predict('FROM scratch\nCOPY a /x\nCOPY --chown a /b\nCOPY --link a /c\n', { a: '1' });
    assert.deepEqual(analysis.problems.map((problem) => `${problem.line}: ${problem.message}`), [
      '3: COPY --chown needs a value, written --chown=VALUE ("Missing a value on flag: chown"). The builder rejects the whole Dockerfile on this line, so no step runs.',
    ]);
    // The rejection stops every step, the COPY before it too.
    assert.equal(analysis.steps[1].notReached?.line, 3);
  });

  it('COPY --frm=x a /a names an unknown flag', async () => {
    const analysis = await predict('FROM scratch\nCOPY --frm=x a /a\n', { a: '1' });
    assert.deepEqual(analysis.problems.map((problem) => problem.message), ['COPY has no flag --frm (did you mean --from?). Check its spelling. The prediction reads it as --from. The builder rejects the whole Dockerfile on this line, so no step runs.']);
  });
});
