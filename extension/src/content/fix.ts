/** Applying a fix so that the editor's own state changes, not only its DOM (else the site would
 * post the old text). Draft.js and Lexical follow the browser's editing commands: select the span,
 * let the editor see the selection (one frame), then execCommand('insertText'); if the text did not
 * change, a synthetic paste, then a beforeinput event. Textareas: setRangeText and an input event. */

import { TextMap, editorText } from "./textmap";
import { nextFrame } from "./ui";

export interface Edit {
  start: number;
  end: number;
  replacement: string;
}

/** A deletion also takes one neighbouring space, so that "MRN 123, seen" does not leave "  ,". */
export function tidyDeletion(text: string, start: number, end: number): { start: number; end: number } {
  const before = text.charAt(start - 1);
  const after = text.charAt(end);
  if (before === " " && (after === "" || after === " " || /[.,;:!?)]/.test(after))) return { start: start - 1, end };
  if ((start === 0 || before === "\n" || before === "(") && after === " ") return { start, end: end + 1 };
  return { start, end };
}

export function applyEdit(text: string, edit: Edit): string {
  return text.slice(0, edit.start) + edit.replacement + text.slice(edit.end);
}

/** Editors re-render after a frame or a task; wait for both before reading the text back. */
async function settle(): Promise<void> {
  await nextFrame();
  await new Promise((resolve) => setTimeout(resolve, 0));
}

async function select(editor: HTMLElement, start: number, end: number): Promise<void> {
  if (document.activeElement !== editor) editor.focus({ preventScroll: true });
  const range = TextMap.fromElement(editor).toRange(start, end);
  const selection = getSelection()!;
  selection.setBaseAndExtent(range.startContainer, range.startOffset, range.endContainer, range.endOffset);
  // Draft.js and Lexical pick the selection up from "selectionchange", a task queued after this.
  await settle();
  await nextFrame();
}

function paste(editor: HTMLElement, replacement: string): void {
  const data = new DataTransfer();
  data.setData("text/plain", replacement);
  editor.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
}

function beforeInput(editor: HTMLElement, replacement: string): void {
  const inputType = replacement === "" ? "deleteContentBackward" : "insertText";
  editor.dispatchEvent(new InputEvent("beforeinput", { inputType, data: replacement || null, bubbles: true, cancelable: true }));
}

/** Replace text[start, end) in the editor. Resolves to whether the editor now holds the expected text. */
export async function replaceInEditor(editor: HTMLElement, edit: Edit): Promise<boolean> {
  if (editor instanceof HTMLTextAreaElement) {
    editor.focus({ preventScroll: true });
    editor.setRangeText(edit.replacement, edit.start, edit.end, "end");
    editor.dispatchEvent(new InputEvent("input", { inputType: "insertText", data: edit.replacement, bubbles: true }));
    return true;
  }
  const before = editorText(editor);
  const expected = applyEdit(before, edit);
  const attempts: ((target: HTMLElement) => void)[] = [
    () => document.execCommand(edit.replacement === "" ? "delete" : "insertText", false, edit.replacement),
    (target) => paste(target, edit.replacement),
    (target) => beforeInput(target, edit.replacement),
  ];
  for (const attempt of attempts) {
    if (edit.replacement === "" && attempt === attempts[1]) continue; // pasting nothing deletes nothing
    await select(editor, edit.start, edit.end);
    attempt(editor);
    await settle();
    const now = editorText(editor);
    if (now === expected) return true;
    if (now !== before) return false; // the editor changed the text otherwise: do not pile up edits
  }
  return false;
}

/** Apply several edits, from the end of the text backwards so that earlier offsets stay valid;
 * each one is checked against the text as it is read again before it is applied. */
export async function replaceAll(editor: HTMLElement, edits: (Edit & { original: string })[]): Promise<number> {
  let applied = 0;
  let lowestStart = Infinity;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    if (edit.end > lowestStart) continue; // overlaps one already applied
    const text = editorText(editor);
    if (text.slice(edit.start, edit.end) !== edit.original) continue;
    const span = edit.replacement === "" ? tidyDeletion(text, edit.start, edit.end) : edit;
    if (await replaceInEditor(editor, { ...span, replacement: edit.replacement })) applied++;
    lowestStart = span.start;
  }
  return applied;
}
