/** Hovers on Dockerfile instructions: converts the position, requests the analysis, renders it. */
import * as vscode from 'vscode';
import { findStageStep } from '../../core/analysis/stageViews';
import type { AnalysisService } from '../analysisService';
import { hoverCommands, renderStepHover } from './renderHover';

export class LayerHoverProvider implements vscode.HoverProvider {
  constructor(private readonly service: AnalysisService) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    if (!this.service.accepts(document)) return undefined;
    const analysis = await this.service.analysisFor(document.uri);
    if (!analysis || token.isCancellationRequested) return undefined;

    const found = findStageStep(analysis, position.line + 1);
    if (!found) return undefined;
    const { view, step } = found;
    const range = new vscode.Range(step.line - 1, 0, step.endLine - 1, document.lineAt(Math.min(step.endLine, document.lineCount) - 1).text.length);
    return new vscode.Hover(trustedMarkdown(renderStepHover(view, step, document.uri.toString(), analysis)), range);
  }
}

/** Wraps markdown whose command links may run our hover commands and nothing else. */
function trustedMarkdown(markdown: string): vscode.MarkdownString {
  const result = new vscode.MarkdownString(markdown);
  result.isTrusted = { enabledCommands: [...hoverCommands] };
  return result;
}
