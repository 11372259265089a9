/**
 * Publishes each analysis's problems as diagnostics, without the waste hints when
 * `layerLens.wasteHints` is off, and logs the build context problems.
 */
import * as vscode from 'vscode';
import type { Analysis, Problem } from '../core/analysis/types';
import type { AnalysisChange, AnalysisService } from './analysisService';
import { plural } from './format';
import { shortenContextPaths } from './problemText';
import { shownProblemFilter } from './settings';

const severities: Record<Problem['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export class ProblemDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('layerLens');
  /** The context problems last logged per Dockerfile, so an edit does not log them again. */
  private readonly loggedContextProblems = new Map<string, string>();
  /** The analysis last published per open Dockerfile, so a change of `layerLens.wasteHints` can publish it again. */
  private readonly published = new Map<string, AnalysisChange>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    service: AnalysisService,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions = [
      service.onDidChangeAnalysis((change) => this.publish(change)),
      // The hints are in the analysis whatever the setting, so hiding or showing them needs no new analysis.
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration('layerLens.wasteHints')) return;
        for (const change of this.published.values()) this.publish(change);
      }),
    ];
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.collection.dispose();
  }

  private publish(change: AnalysisChange): void {
    const { uri, analysis } = change;
    const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri.toString());
    // Problems of a closed Dockerfile would stay for good, because its close event has passed.
    if (!analysis || !document) {
      this.collection.delete(uri);
      this.loggedContextProblems.delete(uri.toString());
      this.published.delete(uri.toString());
      return;
    }
    this.published.set(uri.toString(), change);
    const shownProblems = analysis.problems.filter(shownProblemFilter(uri));
    this.collection.set(uri, shownProblems.map((problem) => toDiagnostic(problem, document, analysis.contextPath)));
    this.logContextProblems(uri, analysis);
  }

  private logContextProblems(uri: vscode.Uri, analysis: Analysis): void {
    const problems = analysis.contextProblems;
    const text = problems.map((problem) => `${problem.path}: ${problem.message}`).join('\n');
    if (this.loggedContextProblems.get(uri.toString()) === text) return;
    this.loggedContextProblems.set(uri.toString(), text);
    if (problems.length === 0) return;
    this.log.warn(`${plural(problems.length, 'path')} of the build context ${analysis.contextPath} could not be read (for ${uri.fsPath}):\n${text}`);
  }
}

/** Converts a problem's 1-based lines into a range that ends at the end of its last line. */
function toDiagnostic(problem: Problem, document: vscode.TextDocument, contextPath: string): vscode.Diagnostic {
  const lastLine = document.lineCount - 1;
  const start = clamp(problem.line - 1, 0, lastLine);
  const end = clamp(problem.endLine - 1, start, lastLine);
  const endCharacter = document.lineAt(end).text.length;
  const diagnostic = new vscode.Diagnostic(new vscode.Range(start, 0, end, endCharacter), shortenContextPaths(problem.message, contextPath), severities[problem.severity]);
  diagnostic.source = 'Layer Lens';
  return diagnostic;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
