/**
 * Tag Entities in Selection: a token-classification model reads the selection (or the cursor's line when
 * nothing is selected) line by line; its entities are highlighted on their exact characters, coloured by
 * type with the type after them (hover: type and score), and listed in the Results panel, where a click
 * selects one in the editor.
 */
import * as vscode from 'vscode';
import type { CommandContext } from '../context';
import { requireModel } from './selectModel';
import { withModel } from '../inference/withModel';
import { modelLabel } from '../inference/results';
import { chunksOf, entityRows, parseEntities, placeEntities } from '../inference/entities';
import { requireTask } from '../inference/taskCommands';
import { EntityTags } from '../inference/entityTags';
import { ResultsPanel } from '../panels/resultsPanel';

/** The selection, or the cursor's line when nothing is selected; null (with a message) when there is no text. */
function target(): { editor: vscode.TextEditor; range: vscode.Range } | null {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Open a text file and select the text to tag first.');
    return null;
  }
  const range = editor.selection.isEmpty
    ? editor.document.lineAt(editor.selection.active.line).range
    : editor.selection;
  if (!editor.document.getText(range).trim()) {
    void vscode.window.showInformationMessage('Select the text to tag (or put the cursor on a line with text).');
    return null;
  }
  return { editor, range: new vscode.Range(range.start, range.end) };
}

export async function tagEntities(ctx: CommandContext): Promise<void> {
  const at = target();
  if (!at) return;
  const model = await requireModel(ctx);
  if (!model) return;
  const { editor, range } = at;
  const doc = editor.document;
  const text = doc.getText(range);
  const start = doc.offsetAt(range.start);
  const version = doc.version;
  const chunks = chunksOf(text);
  const answer = await withModel(
    ctx,
    'predictor',
    model,
    `Tagging entities with ${modelLabel(model)}`,
    async (engine) => {
      // The model's task first: a model of another task gets a clear error, not its own task's complaint about the text.
      requireTask('token', (await engine.predict(model, [])).task, model);
      return engine.predict(
        model,
        chunks.map((c) => c.text),
      );
    },
  );
  if (doc.isClosed || doc.version !== version) {
    void vscode.window.showWarningMessage('The document changed while the model read it: run Tag Entities again.');
    return;
  }
  const perChunk = chunks.map((c, i) => parseEntities(answer.results[i], c.text, `line ${i + 1} of the selection`));
  const entities = placeEntities(start, chunks, perChunk);
  const tags = EntityTags.current();
  const ranges = tags.show(editor, model, entities);
  if (!entities.length) void vscode.window.showInformationMessage(`${modelLabel(model)} found no entities here.`);
  const reveal = (index: number) => {
    if (!tags.holds(doc)) {
      void vscode.window.showWarningMessage('The document changed since it was tagged: run Tag Entities again.');
      return;
    }
    // Back to the editor (a click in the panel focused the panel), with the entity selected there.
    void vscode.window.showTextDocument(doc, { viewColumn: editor.viewColumn, preserveFocus: false }).then((shown) => {
      shown.selection = new vscode.Selection(ranges[index].start, ranges[index].end);
      shown.revealRange(ranges[index], vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    });
  };
  ResultsPanel.show(
    ctx.extension,
    { type: 'entities', model, text, entities: entityRows(entities, (o) => doc.positionAt(o)), selected: -1 },
    reveal,
  );
}
