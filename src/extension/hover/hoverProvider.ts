/** Hovers on Dockerfile instructions: converts the position, requests the analysis, renders it. */
import * as vscode from 'vscode';
import type { AnalysisService } from '../analysisService';
import { hoverCommands, renderOutsideChainHover, renderStepHover, stageAtLine, stepAtLine } from './renderHover';

export class LayerHoverProvider implements vscode.HoverProvider {
  constructor(private readonly service: AnalysisService) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    if (!this.service.accepts(document)) return undefined;
    const analysis = await this.service.analysisFor(document.uri);
    if (!analysis || token.isCancellationRequested) return undefined;

    const line = position.line + 1;
    const step = stepAtLine(analysis, line);
    if (step) {
      const range = new vscode.Range(step.line - 1, 0, step.endLine - 1, document.lineAt(Math.min(step.endLine, document.lineCount) - 1).text.length);
      return new vscode.Hover(trustedMarkdown(renderStepHover(analysis, step, document.uri.toString())), range);
    }

    // Lines of stages outside the target's chain have no step, so the hover explains why.
    const stage = stageAtLine(analysis, line);
    const text = document.lineAt(position.line).text.trim();
    const inChain = analysis.steps.some((candidate) => candidate.stage === stage?.index);
    if (!stage || inChain || text === '' || text.startsWith('#')) return undefined;
    return new vscode.Hover(trustedMarkdown(renderOutsideChainHover(analysis, stage)));
  }
}

/** Wraps markdown whose command links may run our hover commands and nothing else. */
function trustedMarkdown(markdown: string): vscode.MarkdownString {
  const result = new vscode.MarkdownString(markdown);
  result.isTrusted = { enabledCommands: [...hoverCommands] };
  return result;
}
