/** The text a contenteditable editor holds, and the map between offsets in that text (UTF-16, as
 * the service's start_utf16/end_utf16) and DOM positions.
 *
 * Lines: each block (Draft.js block, Lexical or Quill paragraph, div) is a line; lines are joined
 * with "\n"; a <br> inside a line is a line break; the trailing <br> a block keeps so that the
 * caret can sit in it (an empty line, or Lexical's extra break) adds nothing. <img alt> (emoji drawn
 * as images) counts as its alt text. */

export interface DomPoint {
  node: Node;
  offset: number;
}

type Segment =
  | { kind: "text"; start: number; end: number; node: Text }
  | { kind: "atom"; start: number; end: number; before: DomPoint; after: DomPoint }
  | { kind: "break"; start: number; end: number; before: DomPoint; after: DomPoint }
  | { kind: "empty"; start: number; end: number; at: DomPoint };

const BLOCK_TAGS = new Set([
  "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "DD", "DIV", "DL", "DT", "FIGCAPTION", "FIGURE", "FOOTER",
  "FORM", "H1", "H2", "H3", "H4", "H5", "H6", "HEADER", "HR", "LI", "MAIN", "NAV", "OL", "P", "PRE",
  "SECTION", "TABLE", "TBODY", "TR", "UL",
]);
const SKIPPED_TAGS = new Set(["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT"]);

export function isBlock(node: Node): node is Element {
  return node.nodeType === Node.ELEMENT_NODE && BLOCK_TAGS.has((node as Element).tagName);
}

function pointBefore(node: Node): DomPoint {
  const parent = node.parentNode!;
  return { node: parent, offset: Array.prototype.indexOf.call(parent.childNodes, node) };
}

function pointAfter(node: Node): DomPoint {
  const before = pointBefore(node);
  return { node: before.node, offset: before.offset + 1 };
}

/** Whether anything visible follows `br` on its line: text, another <br> or an image, before the
 * enclosing block ends or another block begins. */
function hasContentAfter(br: Element, root: Element): boolean {
  for (let node: Node | null = nextInOrder(br, root); node; node = nextInOrder(node, root)) {
    if (isBlock(node)) return false;
    if (node.nodeType === Node.TEXT_NODE && (node as Text).data.length > 0) return true;
    if (node.nodeName === "BR" || node.nodeName === "IMG") return true;
  }
  return false;
}

/** The next node in document order after `node`'s subtree... entering children only of inline
 * elements, and stopping at the end of the enclosing block. */
function nextInOrder(node: Node, root: Element): Node | null {
  if (node.firstChild && !isBlock(node) && node.nodeName !== "BR") return node.firstChild;
  for (let current: Node | null = node; current && current !== root; current = current.parentNode) {
    if (current !== node && isBlock(current)) return null;
    if (current.nextSibling) return current.nextSibling;
    if (current.parentNode && isBlock(current.parentNode)) return null;
  }
  return null;
}

class Builder {
  text = "";
  segments: Segment[] = [];
  private lineOpen = false;
  private pendingBreak = false;
  private lastEnd: DomPoint | null = null;
  private emitted = 0;

  constructor(private readonly root: Element) {}

  walk(parent: Node): void {
    for (let child = parent.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === Node.TEXT_NODE) this.emitText(child as Text);
      else if (child.nodeType === Node.ELEMENT_NODE) this.element(child as Element);
    }
  }

  private element(element: Element): void {
    if (SKIPPED_TAGS.has(element.tagName)) return;
    if (element.tagName === "BR") {
      if (hasContentAfter(element, this.root)) this.emitBreak(element);
      return;
    }
    if (element.tagName === "IMG") {
      const alt = element.getAttribute("alt") ?? "";
      if (alt) this.emitAtom(element, alt);
      return;
    }
    if (!isBlock(element)) {
      this.walk(element);
      return;
    }
    this.closeLine();
    const emittedBefore = this.emitted;
    this.walk(element);
    // A block with nothing but its placeholder <br> is an empty line.
    if (this.emitted === emittedBefore && element.querySelector("br")) this.emitEmpty(element);
    this.closeLine();
  }

  private closeLine(): void {
    if (this.lineOpen) {
      this.pendingBreak = true;
      this.lineOpen = false;
    }
  }

  /** Before content, write the "\n" that separates it from the previous block. */
  private flush(next: DomPoint): void {
    if (!this.pendingBreak) return;
    const start = this.text.length;
    this.segments.push({ kind: "break", start, end: start + 1, before: this.lastEnd ?? next, after: next });
    this.text += "\n";
    this.pendingBreak = false;
  }

  private emitText(node: Text): void {
    if (node.data.length === 0) return;
    this.flush({ node, offset: 0 });
    const start = this.text.length;
    this.segments.push({ kind: "text", start, end: start + node.data.length, node });
    this.text += node.data;
    this.lastEnd = { node, offset: node.data.length };
    this.lineOpen = true;
    this.emitted++;
  }

  private emitAtom(element: Element, alt: string): void {
    const before = pointBefore(element);
    const after = pointAfter(element);
    this.flush(before);
    const start = this.text.length;
    this.segments.push({ kind: "atom", start, end: start + alt.length, before, after });
    this.text += alt;
    this.lastEnd = after;
    this.lineOpen = true;
    this.emitted++;
  }

  private emitBreak(br: Element): void {
    const before = pointBefore(br);
    const after = pointAfter(br);
    this.flush(before);
    const start = this.text.length;
    this.segments.push({ kind: "break", start, end: start + 1, before, after });
    this.text += "\n";
    this.lastEnd = after;
    this.lineOpen = false; // the next line is started; a following block does not add another break
    this.emitted++;
  }

  private emitEmpty(block: Element): void {
    const at = { node: block, offset: 0 };
    this.flush(at);
    this.segments.push({ kind: "empty", start: this.text.length, end: this.text.length, at });
    this.lastEnd = at;
    this.lineOpen = true;
    this.emitted++;
  }
}

export type Affinity = "forward" | "backward";

export class TextMap {
  private constructor(
    readonly root: Element,
    readonly text: string,
    private readonly segments: Segment[],
  ) {}

  static fromElement(root: Element): TextMap {
    const builder = new Builder(root);
    builder.walk(root);
    return new TextMap(root, builder.text, builder.segments);
  }

  /** The DOM position of a text offset. `forward` prefers the start of what follows (a range's
   * start), `backward` the end of what precedes (a range's end). */
  toDomPoint(offset: number, affinity: Affinity = "forward"): DomPoint {
    const segment = affinity === "forward"
      ? this.segments.find((s) => (s.start <= offset && offset < s.end) || (s.kind === "empty" && s.start === offset))
      : this.segments.findLast((s) => (s.start < offset && offset <= s.end) || (s.kind === "empty" && s.start === offset));
    if (!segment) {
      return offset <= 0 ? { node: this.root, offset: 0 } : { node: this.root, offset: this.root.childNodes.length };
    }
    switch (segment.kind) {
      case "text":
        return { node: segment.node, offset: offset - segment.start };
      case "empty":
        return segment.at;
      case "atom":
      case "break":
        if (offset === segment.start) return segment.before;
        if (offset === segment.end) return segment.after;
        return affinity === "forward" ? segment.after : segment.before;
    }
  }

  /** The text offset of a DOM position (e.g. the caret), the inverse of toDomPoint. */
  fromDomPoint(node: Node, offset: number): number {
    const own = this.segments.find((s) => s.kind === "text" && s.node === node);
    if (own) return own.start + Math.min(offset, own.end - own.start);
    const probe = node.ownerDocument!.createRange();
    probe.setStart(node, offset);
    for (const segment of this.segments) {
      const start = segment.kind === "text" ? { node: segment.node, offset: 0 } : segment.kind === "empty" ? segment.at : segment.before;
      if (probe.comparePoint(start.node, start.offset) >= 0) return segment.start;
      const end = segment.kind === "text" ? { node: segment.node, offset: segment.end - segment.start } : segment.kind === "empty" ? segment.at : segment.after;
      if (probe.comparePoint(end.node, end.offset) >= 0) return segment.end;
    }
    return this.text.length;
  }

  toRange(start: number, end: number): Range {
    const range = this.root.ownerDocument.createRange();
    const from = this.toDomPoint(start, "forward");
    const to = this.toDomPoint(end, end > start ? "backward" : "forward");
    range.setStart(from.node, from.offset);
    range.setEnd(to.node, to.offset); // collapses onto the start if `to` came before it
    return range;
  }
}

/** The text of an editor element: a textarea's value, or a contenteditable's mapped text. */
export function editorText(editor: Element): string {
  return editor instanceof HTMLTextAreaElement ? editor.value : TextMap.fromElement(editor).text;
}
