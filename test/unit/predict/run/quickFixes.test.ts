import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../../src/core/analysis/analyze';
import type { Problem } from '../../../../src/core/analysis/types';
import { wasteQuickFixes, type QuickFix } from '../../../../src/core/predict/run/quickFixes';
import { loadShellParser, type ShellParser } from '../../../../src/core/predict/run/shellParser';
import { applyEdits, testImages } from '../helpers';

const fixture = path.resolve(__dirname, '../../../fixtures/quick-fixes');

/** Analyses a Dockerfile against the fixture context and returns its waste hints that name an earlier step. */
async function hintsOf(text: string): Promise<Problem[]> {
  const analysis = await analyze({ dockerfilePath: path.join(fixture, 'Dockerfile'), text, images: testImages });
  return analysis.problems.filter((problem) => problem.writtenBy !== undefined);
}


/** Returns the text after each fix, or its disabled reason, keyed by title. */
function outcomes(text: string, fixes: QuickFix[]): Record<string, string> {
  return Object.fromEntries(fixes.map((fix) => [fix.title, 'edits' in fix ? applyEdits(text, fix.edits) : `disabled: ${fix.disabledReason}`]));
}

describe('wasteQuickFixes', () => {
  let parser: ShellParser;

  before(async () => {
    parser = await loadShellParser();
  });

  /** Returns the outcomes of the fixes for the only hint of a Dockerfile. */
  async function fixesOf(text: string): Promise<Record<string, string>> {
    const hints = await hintsOf(text);
    assert.equal(hints.length, 1, `hints: ${JSON.stringify(hints)}`);
    return outcomes(text, wasteQuickFixes(text, hints[0], parser));
  }

  it('RUN rm -rf /var/cache/app', async () => {
    const before = 'FROM shell-only\nRUN mkdir -p /var/cache/app && echo data > /var/cache/app/blob\nRUN rm -rf /var/cache/app\n';
    assert.deepEqual(await fixesOf(before), {
      'Merge into the RUN on line 2': 'FROM shell-only\nRUN mkdir -p /var/cache/app && echo data > /var/cache/app/blob && \\\n    rm -rf /var/cache/app\n',
    });
  });

  it('RUN rm -rf /var/cache/app && echo done > /done.txt', async () => {
    const before = 'FROM shell-only\nRUN mkdir -p /var/cache/app && echo data > /var/cache/app/blob\nRUN rm -rf /var/cache/app && echo done > /done.txt\n';
    assert.deepEqual(await fixesOf(before), {
      'Merge into the RUN on line 2':
        'FROM shell-only\nRUN mkdir -p /var/cache/app && echo data > /var/cache/app/blob && \\\n    rm -rf /var/cache/app && echo done > /done.txt\n',
      'Move the cleanup into the RUN on line 2':
        'FROM shell-only\nRUN mkdir -p /var/cache/app && echo data > /var/cache/app/blob && \\\n    rm -rf /var/cache/app\nRUN echo done > /done.txt\n',
    });
  });

  it('continuation lines and a glob', async () => {
    const before = [
      'FROM shell-only',
      'RUN mkdir -p /var/lib/apt/lists \\',
      ' && echo index > /var/lib/apt/lists/main;',
      'LABEL stage=deps',
      'RUN touch /ready \\',
      ' && rm -rf /var/lib/apt/lists/* \\',
      ' && echo ok > /ok',
      '',
    ].join('\n');
    assert.deepEqual(await fixesOf(before), {
      'Merge into the RUN on line 2': [
        'FROM shell-only',
        'RUN mkdir -p /var/lib/apt/lists \\',
        ' && echo index > /var/lib/apt/lists/main \\',
        ' && touch /ready \\',
        ' && rm -rf /var/lib/apt/lists/* \\',
        ' && echo ok > /ok',
        'LABEL stage=deps',
        '',
      ].join('\n'),
      'Move the cleanup into the RUN on line 2': [
        'FROM shell-only',
        'RUN mkdir -p /var/lib/apt/lists \\',
        ' && echo index > /var/lib/apt/lists/main \\',
        ' && rm -rf /var/lib/apt/lists/*',
        'LABEL stage=deps',
        'RUN touch /ready \\',
        ' && echo ok > /ok',
        '',
      ].join('\n'),
    });
  });

  it('later RUN of several statements is grouped', async () => {
    const before = 'FROM shell-only\nRUN mkdir /cache && echo x > /cache/x\nRUN rm -rf /cache; echo done > /done.txt\n';
    assert.deepEqual(await fixesOf(before), {
      'Merge into the RUN on line 2': 'FROM shell-only\nRUN mkdir /cache && echo x > /cache/x && \\\n    ( rm -rf /cache; echo done > /done.txt )\n',
    });
  });

  it('CRLF line endings', async () => {
    const before = 'FROM shell-only\r\nRUN mkdir /cache && echo x > /cache/x\r\nRUN rm -rf /cache && echo y > /y\r\n';
    assert.deepEqual(await fixesOf(before), {
      'Merge into the RUN on line 2': 'FROM shell-only\r\nRUN mkdir /cache && echo x > /cache/x && \\\r\n    rm -rf /cache && echo y > /y\r\n',
      'Move the cleanup into the RUN on line 2': 'FROM shell-only\r\nRUN mkdir /cache && echo x > /cache/x && \\\r\n    rm -rf /cache\r\nRUN echo y > /y\r\n',
    });
  });

  it('last line without a newline', async () => {
    const before = 'FROM shell-only\nRUN mkdir /cache && echo x > /cache/x\nRUN rm -rf /cache';
    assert.deepEqual(await fixesOf(before), {
      'Merge into the RUN on line 2': 'FROM shell-only\nRUN mkdir /cache && echo x > /cache/x && \\\n    rm -rf /cache\n',
    });
  });

  it('RUN chmod 755 /usr/local/bin/tool', async () => {
    const before = 'FROM shell-only\nRUN mkdir -p /usr/local/bin && echo "#!/bin/sh" > /usr/local/bin/tool\nRUN chmod 755 /usr/local/bin/tool\n';
    assert.deepEqual(await fixesOf(before), {
      'Merge into the RUN on line 2': 'FROM shell-only\nRUN mkdir -p /usr/local/bin && echo "#!/bin/sh" > /usr/local/bin/tool && \\\n    chmod 755 /usr/local/bin/tool\n',
    });
  });

  it('ENV between the RUNs', async () => {
    const before = 'FROM shell-only\nRUN mkdir /cache && echo x > /cache/x\nENV MODE=prod\nRUN rm -rf /cache\n';
    assert.deepEqual(await fixesOf(before), {
      'Merge into the RUN on line 2': 'disabled: The ENV on line 3 runs between the two RUNs, and moving commands across it may change what they do.',
      // The cleanup is the whole later RUN, so moving it removes that RUN.
      'Move the cleanup into the RUN on line 2': 'FROM shell-only\nRUN mkdir /cache && echo x > /cache/x && \\\n    rm -rf /cache\nENV MODE=prod\n',
    });
  });

  it('COPY elsewhere between the RUNs', async () => {
    const before = 'FROM shell-only\nRUN mkdir /cache && echo x > /cache/x\nCOPY data.bin /opt/data.bin\nRUN rm -rf /cache && echo y > /y\n';
    assert.deepEqual(await fixesOf(before), {
      'Merge into the RUN on line 2': 'disabled: The COPY on line 3 runs between the two RUNs, and moving commands across it may change what they do.',
      'Move the cleanup into the RUN on line 2': 'FROM shell-only\nRUN mkdir /cache && echo x > /cache/x && \\\n    rm -rf /cache\nCOPY data.bin /opt/data.bin\nRUN echo y > /y\n',
    });
  });

  it('COPY into the deleted folder between the RUNs', async () => {
    const before = 'FROM shell-only\nRUN mkdir /cache && echo x > /cache/x\nCOPY data.bin /cache/data.bin\nRUN rm -rf /cache && echo y > /y\n';
    const hints = (await hintsOf(before)).filter((hint) => hint.writtenBy?.line === 2);
    assert.equal(hints.length, 1);
    assert.match(hints[0].message, /\(merge the two RUNs, or move the cleanup there\)\. Either change needs care, because the COPY on line 3 sits between them and writes \/cache\/data\.bin, where the cleanup deletes \/cache\.$/);
    // The CLI prints the same hint, and it has no quick fixes.
    assert.doesNotMatch(hints[0].message, /quick fix/);
    assert.deepEqual(outcomes(before, wasteQuickFixes(before, hints[0], parser)), {
      'Merge into the RUN on line 2': 'disabled: The COPY on line 3 runs between the two RUNs, and moving commands across it may change what they do.',
      'Move the cleanup into the RUN on line 2': 'disabled: The COPY on line 3 sits between them and writes /cache/data.bin, where the cleanup deletes /cache.',
    });
  });

  it('COPY to a parent of a glob between the RUNs', async () => {
    const before = 'FROM shell-only\nRUN mkdir /cache && echo x > /cache/x\nCOPY data.bin /\nRUN rm -rf /cache/* && echo y > /y\n';
    const fixes = await fixesOf(before);
    assert.equal(fixes['Move the cleanup into the RUN on line 2'], 'disabled: The COPY on line 3 sits between them and writes /, where the cleanup deletes /cache/*.');
  });

  it('RUN between the RUNs', async () => {
    const before = 'FROM shell-only\nRUN mkdir /cache && echo x > /cache/x\nRUN echo z > /z\nRUN rm -rf /cache && echo y > /y\n';
    const hints = (await hintsOf(before)).filter((hint) => hint.line === 4);
    assert.equal(hints.length, 1);
    assert.deepEqual(outcomes(before, wasteQuickFixes(before, hints[0], parser)), {
      'Merge into the RUN on line 2': 'disabled: The RUN on line 3 runs between the two RUNs, and moving commands across it may change what they do.',
      'Move the cleanup into the RUN on line 2': 'disabled: The RUN on line 3 sits between them and may read or write those paths.',
    });
  });

  it('WORKDIR of the deleted folder between the RUNs', async () => {
    const before = 'FROM shell-only\nRUN mkdir /cache && echo x > /cache/x\nWORKDIR /cache\nRUN rm -rf /cache && echo y > /y\n';
    const fixes = await fixesOf(before);
    assert.equal(fixes['Move the cleanup into the RUN on line 2'], 'disabled: The WORKDIR on line 3 sits between them and writes /cache, where the cleanup deletes /cache.');
  });

  it('USER between the RUNs', async () => {
    const before = 'FROM shell-only\nRUN mkdir /cache && echo x > /cache/x\nUSER 1000\nRUN rm -rf /cache && echo y > /y\n';
    const fixes = await fixesOf(before);
    assert.equal(fixes['Move the cleanup into the RUN on line 2'], 'disabled: The USER on line 3 sits between them and changes the user that runs the cleanup.');
  });

  it('hint names the move when a merge is ruled out', async () => {
    const before = 'FROM shell-only\nRUN mkdir /cache && echo x > /cache/x\nCOPY data.bin /opt/data.bin\nRUN rm -rf /cache && echo y > /y\n';
    const hints = await hintsOf(before);
    assert.match(hints[0].message, /; delete them in the same step that creates them: move the cleanup into the RUN on line 2, since merging the two RUNs would move the other commands across the COPY on line 3\.$/);
  });

  it('hint without steps between offers both', async () => {
    const before = 'FROM shell-only\nRUN mkdir /cache && echo x > /cache/x\nRUN rm -rf /cache && echo y > /y\n';
    const hints = await hintsOf(before);
    assert.match(hints[0].message, /; delete them in the same step that creates them \(merge the two RUNs, or move the cleanup there\)\.$/);
  });

  it('moved cleanup leaves no hint', async () => {
    const before = 'FROM shell-only\nRUN mkdir /cache && echo x > /cache/x\nCOPY data.bin /opt/data.bin\nRUN rm -rf /cache && echo y > /y\n';
    const hints = await hintsOf(before);
    const move = wasteQuickFixes(before, hints[0], parser).find((fix) => fix.title.startsWith('Move'));
    assert.ok(move, 'no move fix');
    assert.ok('edits' in move, 'the move fix is disabled');
    assert.deepEqual(await hintsOf(applyEdits(before, move.edits)), []);
  });

  it('shell comment in the earlier RUN', async () => {
    const before = 'FROM shell-only\nRUN mkdir /cache && echo x > /cache/x # fill the cache\nRUN rm -rf /cache\n';
    assert.deepEqual(await fixesOf(before), {
      'Merge into the RUN on line 2': 'disabled: The RUN on line 2 contains a shell comment, which would swallow the joined commands.',
    });
  });

  it('exec form earlier RUN', async () => {
    const before = 'FROM shell-only\nRUN ["/bin/sh", "-c", "mkdir /cache && echo x > /cache/x"]\nRUN rm -rf /cache\n';
    assert.deepEqual(await fixesOf(before), {
      'Merge into the RUN on line 2': 'disabled: The RUN on line 2 is in exec form (JSON), which has no shell to join commands with.',
    });
  });

  it('RUN --network=none differs', async () => {
    const before = 'FROM shell-only\nRUN mkdir /cache && echo x > /cache/x\nRUN --network=none rm -rf /cache\n';
    assert.deepEqual(await fixesOf(before), {
      'Merge into the RUN on line 2': 'disabled: The RUNs on lines 2 and 3 have different flags, so their commands would run with other mounts or network settings.',
    });
  });

  it('COPY data.bin then RUN rm', async () => {
    const text = readFileSync(path.join(fixture, 'Dockerfile'), 'utf8');
    const hints = await hintsOf(text);
    assert.equal(hints.length, 1);
    assert.deepEqual(hints[0].writtenBy, { line: 2, paths: ['/tmp/data.bin'] });
    assert.deepEqual(wasteQuickFixes(text, hints[0], parser), []);
  });

  it('problem without an earlier step', () => {
    const problem: Problem = { line: 3, endLine: 3, severity: 'info', message: 'no step named' };
    assert.deepEqual(wasteQuickFixes('FROM shell-only\nRUN true\nRUN true\n', problem, parser), []);
  });

  it('COPY to a relative destination under WORKDIR between the RUNs', async () => {
    const before = 'FROM shell-only\nWORKDIR /app\nRUN mkdir /cache && echo x > /cache/x\nCOPY data.bin ./src/\nRUN rm -rf /cache && echo y > /y\n';
    const hints = await hintsOf(before);
    assert.match(hints[0].message, /: move the cleanup into the RUN on line 3, since merging the two RUNs would move the other commands across the COPY on line 4\.$/);
    assert.equal((await fixesOf(before))['Move the cleanup into the RUN on line 3'],
      'FROM shell-only\nWORKDIR /app\nRUN mkdir /cache && echo x > /cache/x && \\\n    rm -rf /cache\nCOPY data.bin ./src/\nRUN echo y > /y\n');
  });

  it('COPY to a relative destination under a WORKDIR set from ENV', async () => {
    const before = 'FROM shell-only\nENV APP_HOME=/srv/app\nWORKDIR $APP_HOME\nRUN mkdir /cache && echo x > /cache/x\nCOPY data.bin ./config/\nRUN rm -rf /cache && echo y > /y\n';
    assert.equal((await fixesOf(before))['Move the cleanup into the RUN on line 4'],
      'FROM shell-only\nENV APP_HOME=/srv/app\nWORKDIR $APP_HOME\nRUN mkdir /cache && echo x > /cache/x && \\\n    rm -rf /cache\nCOPY data.bin ./config/\nRUN echo y > /y\n');
  });

  it('COPY to a relative destination under a WORKDIR from a variable the base image may set', async () => {
    const before = 'FROM shell-only\nWORKDIR $APP_HOME\nRUN mkdir /cache && echo x > /cache/x\nCOPY data.bin ./config/\nRUN rm -rf /cache && echo y > /y\n';
    assert.match((await fixesOf(before))['Move the cleanup into the RUN on line 3'], /^disabled: The COPY on line 4 sits between them and writes \.\/config\//);
  });

  it('COPY to a relative destination inside the deleted folder', async () => {
    const before = 'FROM shell-only\nWORKDIR /cache\nRUN echo x > /cache/x\nCOPY data.bin ./\nRUN rm -rf /cache/x && echo y > /y\n';
    const hints = await hintsOf(before);
    assert.match(hints[0].message, /because the COPY on line 4 sits between them and writes \/cache, where the cleanup deletes \/cache\/x\.$/);
    assert.equal((await fixesOf(before))['Move the cleanup into the RUN on line 3'], 'disabled: The COPY on line 4 sits between them and writes /cache, where the cleanup deletes /cache/x.');
  });

  it('COPY to a destination with a variable between the RUNs', async () => {
    const before = 'FROM shell-only\nWORKDIR /app\nARG DEST=out\nRUN mkdir /cache && echo x > /cache/x\nCOPY data.bin $DEST/\nRUN rm -rf /cache && echo y > /y\n';
    assert.equal((await fixesOf(before))['Move the cleanup into the RUN on line 4'], 'disabled: The COPY on line 5 sits between them and writes $DEST/, which is not a plain absolute path.');
  });

  it('relative rm under the same WORKDIR', async () => {
    const before = 'FROM shell-only\nWORKDIR /app\nRUN mkdir build && echo x > build/x\nCOPY data.bin /opt/data.bin\nRUN rm -rf build && echo y > /y\n';
    assert.equal((await fixesOf(before))['Move the cleanup into the RUN on line 3'],
      'FROM shell-only\nWORKDIR /app\nRUN mkdir build && echo x > build/x && \\\n    rm -rf build\nCOPY data.bin /opt/data.bin\nRUN echo y > /y\n');
  });

  it('relative rm after a RUN that changes folder', async () => {
    const before = 'FROM shell-only\nWORKDIR /app\nRUN mkdir build && cd build && echo x > x\nCOPY data.bin /opt/data.bin\nRUN rm -rf build && echo y > /y\n';
    assert.equal((await fixesOf(before))['Move the cleanup into the RUN on line 3'],
      'disabled: The cleanup deletes build in /app, and the RUN on line 3 changes folder with cd.');
  });

  it('relative rm under another WORKDIR', async () => {
    const before = 'FROM shell-only\nWORKDIR /app\nRUN mkdir build && echo x > build/x\nWORKDIR /app/build\nRUN rm -rf ../build && echo y > /y\n';
    assert.equal((await fixesOf(before))['Move the cleanup into the RUN on line 3'],
      'disabled: The cleanup deletes ../build in /app/build, and the RUN on line 3 runs in another folder.');
  });

  describe('continuation style', () => {
    it('leading && lines of the runtime stage', async () => {
      // The RUN on line 18 writes /var/cache/apk, and the RUN on line 26, after four COPYs, deletes it.
      const project = path.resolve(__dirname, '../../../fixtures/waste-advice/rejected-instruction');
      const text = readFileSync(path.join(project, 'Dockerfile'), 'utf8');
      const analysis = await analyze({ dockerfilePath: path.join(project, 'Dockerfile'), text, images: testImages });
      const hint = analysis.problems.find((problem) => problem.line === 26 && problem.writtenBy?.line === 18 && problem.writtenBy.paths.includes('/var/cache/apk/APKINDEX.tar.gz'));
      assert.ok(hint, JSON.stringify(analysis.problems));
      const move = outcomes(text, wasteQuickFixes(text, hint, parser))['Move the cleanup into the RUN on line 18'];
      assert.deepEqual(move.split('\n').slice(17, 29), [
        'RUN mkdir -p /var/cache/apk \\',
        ' && echo pkgindex > /var/cache/apk/APKINDEX.tar.gz \\',
        ' && echo "welcome $APP_VERSION" > /etc/motd \\',
        ' && rm -rf /var/cache/apk/*',
        'COPY --chown=app:app config/settings.ini ./config/',
        'COPY --from=build --chown=1000:1000 /out/ ./',
        'ADD vendor/assets.tar.gz ./',
        'COPY scripts/ ./scripts/',
        'COPY link-to-settings *.md ./',
        'RUN rm ./config/settings.ini \\',
        ' && rm -rf ./static/old && mkdir ./static/old \\',
        ' && chmod 600 /etc/motd',
      ]);
    });

    const leadingOperators = [
      { name: '; lines indented by two', run: 'RUN mkdir -p /var/cache/app \\\n  ; echo data > /var/cache/app/blob\n', added: ' \\\n  && rm -rf /var/cache/app' },
      { name: '|| line indented by a tab', run: 'RUN mkdir -p /var/cache/app \\\n\t&& echo data > /var/cache/app/blob \\\n\t|| echo "no cache" >&2\n', added: ' \\\n\t&& rm -rf /var/cache/app' },
      { name: 'trailing then leading line', run: 'RUN mkdir -p /var/cache/app && \\\n    echo data > /var/cache/app/blob \\\n &&   echo done\n', added: ' \\\n &&   rm -rf /var/cache/app' },
    ];
    for (const { name, run, added } of leadingOperators) {
      it(`merge after ${name}`, async () => {
        const before = `FROM shell-only\n${run}RUN rm -rf /var/cache/app\n`;
        assert.deepEqual(await fixesOf(before), { 'Merge into the RUN on line 2': `FROM shell-only\n${run.slice(0, -1)}${added}\n` });
      });
    }

    it('trailing line after leading ones', async () => {
      const before = 'FROM shell-only\nRUN mkdir /cache \\\n && echo x > /cache/x && \\\n    echo y > /cache/y\nRUN rm -rf /cache\n';
      assert.deepEqual(await fixesOf(before), {
        'Merge into the RUN on line 2': 'FROM shell-only\nRUN mkdir /cache \\\n && echo x > /cache/x && \\\n    echo y > /cache/y && \\\n    rm -rf /cache\n',
      });
    });

    it('CRLF leading lines', async () => {
      const before = 'FROM shell-only\r\nRUN mkdir /cache \\\r\n && echo x > /cache/x\r\nRUN rm -rf /cache \\\r\n && echo y > /y\r\n';
      assert.deepEqual(await fixesOf(before), {
        'Merge into the RUN on line 2': 'FROM shell-only\r\nRUN mkdir /cache \\\r\n && echo x > /cache/x \\\r\n && rm -rf /cache \\\r\n && echo y > /y\r\n',
        'Move the cleanup into the RUN on line 2': 'FROM shell-only\r\nRUN mkdir /cache \\\r\n && echo x > /cache/x \\\r\n && rm -rf /cache\r\nRUN echo y > /y\r\n',
      });
    });

    it('escape=` with leading && lines', async () => {
      const before = [
        '# escape=`',
        'FROM shell-only',
        'RUN mkdir -p /var/cache/app `',
        ' && echo data > /var/cache/app/blob',
        'RUN rm -rf /var/cache/app `',
        ' && echo done > /done.txt',
        '',
      ].join('\n');
      assert.deepEqual(await fixesOf(before), {
        'Merge into the RUN on line 3': [
          '# escape=`',
          'FROM shell-only',
          'RUN mkdir -p /var/cache/app `',
          ' && echo data > /var/cache/app/blob `',
          ' && rm -rf /var/cache/app `',
          ' && echo done > /done.txt',
          '',
        ].join('\n'),
        'Move the cleanup into the RUN on line 3': [
          '# escape=`',
          'FROM shell-only',
          'RUN mkdir -p /var/cache/app `',
          ' && echo data > /var/cache/app/blob `',
          ' && rm -rf /var/cache/app',
          'RUN echo done > /done.txt',
          '',
        ].join('\n'),
      });
    });

    it('comment lines inside leading RUNs', async () => {
      const before = [
        'FROM shell-only',
        'RUN mkdir -p /var/cache/app \\',
        '# the index the package manager reads',
        '    && echo data > /var/cache/app/blob',
        'COPY data.bin /opt/data.bin',
        'RUN echo start > /start.txt \\',
        '',
        '    && rm -rf /var/cache/app \\',
        '    # stamp the build',
        '    && echo done > /done.txt',
        '',
      ].join('\n');
      assert.deepEqual(await fixesOf(before), {
        'Merge into the RUN on line 2': 'disabled: The COPY on line 5 runs between the two RUNs, and moving commands across it may change what they do.',
        'Move the cleanup into the RUN on line 2': [
          'FROM shell-only',
          'RUN mkdir -p /var/cache/app \\',
          '# the index the package manager reads',
          '    && echo data > /var/cache/app/blob \\',
          '    && rm -rf /var/cache/app',
          'COPY data.bin /opt/data.bin',
          'RUN echo start > /start.txt \\',
          '    # stamp the build',
          '    && echo done > /done.txt',
          '',
        ].join('\n'),
      });
    });

    const middleCommands = [
      { name: 'sharing a line with the next', run: 'RUN touch /a \\\n && rm -rf /cache && touch /b \\\n && touch /c\n', left: 'RUN touch /a \\\n && touch /b \\\n && touch /c\n' },
      { name: 'ending a line', run: 'RUN touch /a && rm -rf /cache \\\n && touch /c\n', left: 'RUN touch /a \\\n && touch /c\n' },
    ];
    for (const { name, run, left } of middleCommands) {
      it(`moved command ${name}`, async () => {
        const before = `FROM shell-only\nRUN mkdir /cache && echo x > /cache/x\nCOPY data.bin /opt/data.bin\n${run}`;
        assert.equal((await fixesOf(before))['Move the cleanup into the RUN on line 2'],
          `FROM shell-only\nRUN mkdir /cache && echo x > /cache/x && \\\n    rm -rf /cache\nCOPY data.bin /opt/data.bin\n${left}`);
      });
    }

    it('last command moved with its redirect', async () => {
      const before = 'FROM shell-only\nRUN mkdir /cache \\\n && echo x > /cache/x\nCOPY data.bin /opt/data.bin\nRUN echo y > /y \\\n && rm -rf /cache 2>/dev/null\n';
      assert.equal((await fixesOf(before))['Move the cleanup into the RUN on line 2'],
        'FROM shell-only\nRUN mkdir /cache \\\n && echo x > /cache/x \\\n && rm -rf /cache 2>/dev/null\nCOPY data.bin /opt/data.bin\nRUN echo y > /y\n');
    });

    it('trailing RUN keeps a wrapped command', async () => {
      const before = [
        'FROM shell-only',
        'RUN mkdir -p /var/lib/apt/lists && \\',
        '    echo index > /var/lib/apt/lists/main',
        'COPY data.bin /opt/data.bin',
        'RUN rm -rf /var/lib/apt/lists/* && \\',
        '    cp /opt/data.bin \\',
        '       /opt/data.copy && \\',
        '    echo ok > /ok',
        '',
      ].join('\n');
      assert.equal((await fixesOf(before))['Move the cleanup into the RUN on line 2'], [
        'FROM shell-only',
        'RUN mkdir -p /var/lib/apt/lists && \\',
        '    echo index > /var/lib/apt/lists/main && \\',
        '    rm -rf /var/lib/apt/lists/*',
        'COPY data.bin /opt/data.bin',
        'RUN cp /opt/data.bin \\',
        '       /opt/data.copy && \\',
        '    echo ok > /ok',
        '',
      ].join('\n'));
    });

    it('flag on its own line stays', async () => {
      const before = 'FROM shell-only\nRUN --network=none mkdir /cache \\\n && echo x > /cache/x\nCOPY data.bin /opt/data.bin\nRUN --network=none \\\n    rm -rf /cache \\\n && echo y > /y\n';
      assert.equal((await fixesOf(before))['Move the cleanup into the RUN on line 2'],
        'FROM shell-only\nRUN --network=none mkdir /cache \\\n && echo x > /cache/x \\\n && rm -rf /cache\nCOPY data.bin /opt/data.bin\nRUN --network=none \\\n    echo y > /y\n');
    });

    it('heredoc later RUN', async () => {
      const before = 'FROM shell-only\nRUN mkdir /cache \\\n && echo x > /cache/x\nRUN <<EOF\nrm -rf /cache\necho y > /y\nEOF\n';
      assert.deepEqual(await fixesOf(before), {
        'Merge into the RUN on line 2': 'disabled: The RUN on line 4 uses a heredoc, which a quick fix does not rewrite.',
      });
    });
  });

  it('merged Dockerfile has no hint left', async () => {
    const before = 'FROM shell-only\nRUN mkdir /cache && echo x > /cache/x\nRUN rm -rf /cache && echo y > /y\n';
    const hints = await hintsOf(before);
    for (const fix of wasteQuickFixes(before, hints[0], parser)) {
      assert.ok('edits' in fix, fix.title);
      assert.deepEqual(await hintsOf(applyEdits(before, fix.edits)), [], fix.title);
    }
  });
});
