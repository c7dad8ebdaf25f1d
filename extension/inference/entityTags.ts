/**
 * Tagged entities drawn in the editor: each on its exact characters, coloured by type with the type after it,
 * and a hover with type and score. One tagging is kept (a new run replaces it); any edit of its document
 * clears it, since offsets and the model's reading no longer hold. The hover answers only for the ranges it
 * decorated in that document's version.
 */
import * as vscode from 'vscode';
import type { Register } from '../context';
import { PlacedEntity, TYPE_COLOURS, typeColours } from './entities';
import { modelLabel, percent } from './results';

/** Chart colours follow the theme (light, dark, high contrast); the background tint is the extension's own themable colour. */
const CHART_COLOURS = ['charts.blue', 'charts.orange', 'charts.green', 'charts.purple', 'charts.red', 'charts.yellow'];

interface Tagging {
  uri: string;
  version: number;
  model: string;
  entities: PlacedEntity[];
  ranges: vscode.Range[];
}

export class EntityTags implements vscode.Disposable {
  private static instance: EntityTags | null = null;
  private readonly styles: vscode.TextEditorDecorationType[];
  private tagging: Tagging | null = null;
  private readonly subscriptions: vscode.Disposable[];

  static register: Register = () => {
    EntityTags.instance = new EntityTags();
    return EntityTags.instance;
  };

  /** The one registered at activation. */
  static current(): EntityTags {
    if (!EntityTags.instance) throw new Error('entity tagging is not registered');
    return EntityTags.instance;
  }

  private constructor() {
    this.styles = Array.from({ length: TYPE_COLOURS }, (_, i) =>
      vscode.window.createTextEditorDecorationType({
        backgroundColor: new vscode.ThemeColor(`bertStudio.entity${i + 1}Background`),
        border: '1px solid',
        borderColor: new vscode.ThemeColor(CHART_COLOURS[i]),
        borderRadius: '2px',
        overviewRulerColor: new vscode.ThemeColor(CHART_COLOURS[i]),
        overviewRulerLane: vscode.OverviewRulerLane.Right,
        // The label in the editor's own text colour (chart colours on the editor's background miss 4.5:1), framed in the type's.
        after: {
          color: new vscode.ThemeColor('editor.foreground'),
          border: '1px solid',
          borderColor: new vscode.ThemeColor(CHART_COLOURS[i]),
          margin: '0 0.3em 0 0.2em',
          fontStyle: 'italic',
          fontWeight: 'bold',
        },
        rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
      }),
    );
    this.subscriptions = [
      vscode.languages.registerHoverProvider('*', { provideHover: (doc, pos) => this.hover(doc, pos) }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length && e.document.uri.toString() === this.tagging?.uri) this.clear();
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        if (doc.uri.toString() === this.tagging?.uri) this.clear();
      }),
      // An editor shown again (another tab, a split) is a new TextEditor: draw the tagging on it too.
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.draw(e))),
    ];
  }

  /** Replaces any earlier tagging with `entities` (document offsets) in `editor`'s document as it is now. */
  show(editor: vscode.TextEditor, model: string, entities: PlacedEntity[]): vscode.Range[] {
    this.clear();
    const doc = editor.document;
    const ranges = entities.map((e) => new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)));
    this.tagging = { uri: doc.uri.toString(), version: doc.version, model, entities, ranges };
    vscode.window.visibleTextEditors.forEach((e) => this.draw(e));
    return ranges;
  }

  /** Whether `doc` still is what was tagged (same document, no edit since). */
  holds(doc: vscode.TextDocument): boolean {
    return !!this.tagging && this.tagging.uri === doc.uri.toString() && this.tagging.version === doc.version;
  }

  clear(): void {
    this.tagging = null;
    for (const editor of vscode.window.visibleTextEditors) for (const s of this.styles) editor.setDecorations(s, []);
  }

  private draw(editor: vscode.TextEditor): void {
    const t = this.tagging;
    if (!t || !this.holds(editor.document)) return;
    const colours = typeColours(t.entities.map((e) => e.type));
    const byStyle = this.styles.map((): vscode.DecorationOptions[] => []);
    t.entities.forEach((e, i) =>
      byStyle[colours.get(e.type)!].push({ range: t.ranges[i], renderOptions: { after: { contentText: e.type } } }),
    );
    this.styles.forEach((s, i) => editor.setDecorations(s, byStyle[i]));
  }

  private hover(doc: vscode.TextDocument, pos: vscode.Position): vscode.Hover | undefined {
    const t = this.tagging;
    if (!t || !this.holds(doc)) return undefined;
    const i = t.ranges.findIndex((r) => r.contains(pos));
    if (i < 0) return undefined;
    const e = t.entities[i];
    const md = new vscode.MarkdownString();
    md.appendMarkdown('**');
    md.appendText(e.type);
    md.appendMarkdown(`** · ${percent(e.score, 1)}\n\n`);
    md.appendText(`"${e.text}" · ${modelLabel(t.model)}`);
    return new vscode.Hover(md, t.ranges[i]);
  }

  dispose(): void {
    this.clear();
    this.subscriptions.forEach((s) => s.dispose());
    this.styles.forEach((s) => s.dispose());
    if (EntityTags.instance === this) EntityTags.instance = null;
  }
}
