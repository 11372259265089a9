/**
 * Quick fixes for the RUN waste hints: converts the range, requests the analysis, calls the core
 * for the fixes (`wasteQuickFixes`) and converts its text edits into a `WorkspaceEdit`. A hint
 * that `layerLens.wasteHints` hides gets no fixes.
 */
import * as vscode from 'vscode';
import { wasteQuickFixes, type QuickFix } from '../../core/predict/run/quickFixes';
import { loadShellParser, type ShellParser } from '../../core/predict/run/shellParser';
import type { AnalysisService } from '../analysisService';
import { errorMessage } from '../log';
import { shownProblemFilter } from '../settings';

export class WasteFixProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(
    private readonly service: AnalysisService,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.CodeAction[]> {
    if (!this.service.accepts(document)) return [];
    if (context.only && !vscode.CodeActionKind.QuickFix.intersects(context.only)) return [];
    // VS Code requests code actions after every keystroke, so they must not start an analysis
    // before `layerLens.refreshDelay` has passed. It requests them again when the new diagnostics arrive.
    if (this.service.hasPendingEdit(document.uri)) return [];
    const analysis = await this.service.analysisFor(document.uri);
    if (!analysis || token.isCancellationRequested) return [];
    const isShown = shownProblemFilter(document.uri);
    const hints = analysis.problems.filter((problem) => problem.writtenBy && isShown(problem) && problem.line - 1 <= range.end.line && range.start.line <= problem.endLine - 1);
    if (hints.length === 0) return [];

    const parser = await this.parser();
    if (!parser || token.isCancellationRequested) return [];
    const text = document.getText();
    return hints.flatMap((problem) => {
      const fixes = wasteQuickFixes(text, problem, parser);
      const diagnostic = context.diagnostics.find((candidate) => candidate.range.start.line === problem.line - 1 && candidate.message === problem.message);
      return fixes.map((fix) => toAction(document, fix, diagnostic, fixes.length === 1 || fix.title.startsWith('Move')));
    });
  }

  private async parser(): Promise<ShellParser | undefined> {
    try {
      return await loadShellParser();
    } catch (error) {
      this.log.error(`Layer Lens offers no quick fixes for waste hints, because the shell parser failed to load: ${errorMessage(error)}`);
      return undefined;
    }
  }
}

/** Converts a core fix into a code action; a fix that cannot apply keeps its reason. */
function toAction(document: vscode.TextDocument, fix: QuickFix, diagnostic: vscode.Diagnostic | undefined, preferred: boolean): vscode.CodeAction {
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  if (diagnostic) action.diagnostics = [diagnostic];
  if ('disabledReason' in fix) {
    action.disabled = { reason: fix.disabledReason };
    return action;
  }
  const edit = new vscode.WorkspaceEdit();
  for (const change of fix.edits) {
    edit.replace(document.uri, new vscode.Range(document.positionAt(change.start), document.positionAt(change.end)), change.newText);
  }
  action.edit = edit;
  action.isPreferred = preferred;
  return action;
}
