/** Hovers on Dockerfile instructions: converts the position, requests the analysis, renders it. */
import * as vscode from 'vscode';
import { findStageStep } from '../../core/analysis/stageViews';
import type { Analysis } from '../../core/analysis/types';
import type { AnalysisService } from '../analysisService';
import { RenderedHovers } from './renderedHovers';
import { hoverCommands, renderGlobalArgHover, renderStepHover } from './renderHover';

export class LayerHoverProvider implements vscode.HoverProvider {
  private readonly rendered = new RenderedHovers();

  constructor(private readonly service: AnalysisService) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    if (!this.service.accepts(document)) return undefined;
    const analysis = await this.service.analysisFor(document.uri);
    if (!analysis || token.isCancellationRequested) return undefined;

    const found = findStageStep(analysis, position.line + 1);
    if (!found) return globalArgHover(document, position.line, analysis);
    const { view, step } = found;
    const range = new vscode.Range(step.line - 1, 0, step.endLine - 1, document.lineAt(Math.min(step.endLine, document.lineCount) - 1).text.length);
    const markdown = this.rendered.get(analysis, step.line, () => renderStepHover(view, step, document.uri.toString(), analysis));
    return new vscode.Hover(trustedMarkdown(markdown), range);
  }
}

/** Returns the hover of an `ARG` line above the first FROM, which belongs to no step. */
function globalArgHover(document: vscode.TextDocument, line: number, analysis: Analysis): vscode.Hover | undefined {
  const text = document.lineAt(line).text;
  const firstFrom = analysis.stages[0]?.line;
  if (!/^\s*ARG\s/i.test(text) || (firstFrom !== undefined && line + 1 > firstFrom)) return undefined;
  const values = analysis.globalArgs?.find((arg) => arg.line === line + 1)?.variables;
  return new vscode.Hover(trustedMarkdown(renderGlobalArgHover(text, values)), new vscode.Range(line, 0, line, text.length));
}

/** Wraps markdown whose command links may run our hover commands and nothing else. */
function trustedMarkdown(markdown: string): vscode.MarkdownString {
  const result = new vscode.MarkdownString(markdown);
  result.isTrusted = { enabledCommands: [...hoverCommands] };
  return result;
}
