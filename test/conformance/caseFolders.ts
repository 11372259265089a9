/**
 * The conformance cases: where they live, what each `case.json` holds, and how a case becomes a
 * build context on disk. The first cases are shared with `test/unit/cases.test.ts` and stay in
 * `test/fixtures/cases/`; the cases added for the conformance suite live in `cases/` here.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const conformanceRoot = __dirname;
export const recordingsRoot = join(__dirname, 'recordings');
const caseRoots = [join(__dirname, '..', 'fixtures', 'cases'), join(__dirname, 'cases')];

/** The mtime every context path gets before a build or an analysis, as the recordings used. */
export const contextMtime = 1600000000;

export interface CaseSettings {
  description: string;
  target?: string;
  buildArgs?: Record<string, string>;
  /** Where no builder here can show the rule: the documented BuildKit behaviour it is held to. */
  buildkitOnly?: string;
}

export interface CaseFolder {
  name: string;
  /** The folder as stored in the repository (never built in place). */
  source: string;
  settings: CaseSettings;
}

/** Lists every case, shared fixture cases first, in name order. */
export function listCases(): CaseFolder[] {
  const cases: CaseFolder[] = [];
  for (const root of caseRoots) {
    if (!existsSync(root)) continue;
    for (const name of readdirSync(root).sort()) {
      const settingsPath = join(root, name, 'case.json');
      if (!existsSync(settingsPath)) continue;
      cases.push({ name, source: join(root, name), settings: JSON.parse(readFileSync(settingsPath, 'utf8')) as CaseSettings });
    }
  }
  return cases;
}

/**
 * Copies a case into a new temporary folder, runs its `gen.sh` (which makes what git cannot
 * hold: big files, empty folders, owners, modes, archives) and gives every path the context
 * mtime. `gen.sh` calls `../mkblob.py`, so the helper is copied beside the case. Returns the
 * prepared folder; the caller removes its parent.
 */
export function prepareCase(folder: CaseFolder): string {
  const scratch = mkdtempSync(join(tmpdir(), 'layer-lens-conformance-'));
  const prepared = join(scratch, folder.name);
  cpSync(folder.source, prepared, { recursive: true, verbatimSymlinks: true });
  cpSync(join(caseRoots[0], 'mkblob.py'), join(scratch, 'mkblob.py'));
  if (existsSync(join(prepared, 'gen.sh'))) execFileSync('sh', ['gen.sh'], { cwd: prepared, stdio: 'pipe' });
  execFileSync('find', ['.', '-exec', 'touch', '-h', '-d', `@${contextMtime}`, '{}', '+'], { cwd: prepared, stdio: 'pipe' });
  return prepared;
}
