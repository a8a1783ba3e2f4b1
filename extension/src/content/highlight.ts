/** Underlines like a spell-checker. With the CSS Custom Highlight API (Chrome 105+) the ranges are
 * registered as highlights "clearpost-direct" (red wavy) and "clearpost-quasi" (amber); where it is
 * missing, and for <textarea>s (whose text has no DOM ranges), positioned boxes in the shadow root
 * draw the underline. The host carries data-clearpost-underlines = the number of marks drawn. */

import type { Category } from "../messages";
import { element, mount, uiHost, uiRoot } from "./ui";

export const HIGHLIGHT_NAMES: Record<Category, string> = { direct: "clearpost-direct", quasi: "clearpost-quasi" };

const PAGE_STYLE_ID = "clearpost-highlight-style";
const PAGE_CSS = `
::highlight(clearpost-direct) { text-decoration: underline wavy #d93025; text-decoration-thickness: 1.5px; text-decoration-skip-ink: none; text-underline-offset: 3px; background-color: rgba(217, 48, 37, 0.08); }
::highlight(clearpost-quasi) { text-decoration: underline wavy #e37400; text-decoration-thickness: 1.5px; text-decoration-skip-ink: none; text-underline-offset: 3px; background-color: rgba(227, 116, 0, 0.08); }
`;

export interface Mark<T> {
  category: Category;
  /** The live DOM range of a contenteditable's finding; null in a textarea. */
  range: Range | null;
  rects(): DOMRect[];
  /** The editor, to clip overlay boxes to its visible area. */
  editor: Element;
  data: T;
}

function highlightApiAvailable(): boolean {
  return typeof Highlight === "function" && typeof CSS !== "undefined" && "highlights" in CSS;
}

export class Highlighter<T> {
  private readonly marksByOwner = new Map<object, Mark<T>[]>();
  private readonly overlay = element("div", { class: "cp-underlines" });
  private readonly useHighlightApi = highlightApiAvailable();
  private frame = 0;

  constructor() {
    const schedule = () => this.scheduleRender();
    window.addEventListener("scroll", schedule, { capture: true, passive: true });
    window.addEventListener("resize", schedule, { passive: true });
  }

  set(owner: object, marks: Mark<T>[]): void {
    if (marks.length) this.marksByOwner.set(owner, marks);
    else this.marksByOwner.delete(owner);
    this.render();
  }

  all(): Mark<T>[] {
    return [...this.marksByOwner.values()].flat();
  }

  /** The mark under the viewport point (x, y), if any. */
  hit(x: number, y: number): Mark<T> | null {
    const marks = this.all().map((mark) => ({ mark, rects: mark.rects() }));
    const inside = (r: DOMRect) => x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
    const direct = marks.find(({ rects }) => rects.some(inside));
    if (direct) return direct.mark;
    // A mark wrapped over two lines also owns the gap between its lines.
    const wrapped = marks.find(({ rects }) => {
      if (rects.length < 2) return false;
      const top = Math.min(...rects.map((r) => r.top));
      const bottom = Math.max(...rects.map((r) => r.bottom));
      const left = Math.min(...rects.map((r) => r.left));
      const right = Math.max(...rects.map((r) => r.right));
      const inGap = !rects.some((r) => y >= r.top && y <= r.bottom);
      return inGap && x >= left && x <= right && y >= top && y <= bottom;
    });
    return wrapped?.mark ?? null;
  }

  scheduleRender(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private render(): void {
    const marks = this.all();
    if (this.useHighlightApi) {
      this.ensurePageStyle();
      for (const category of ["direct", "quasi"] as const) {
        const ranges = marks.filter((m) => m.category === category && m.range).map((m) => m.range!);
        if (ranges.length) CSS.highlights.set(HIGHLIGHT_NAMES[category], new Highlight(...ranges));
        else CSS.highlights.delete(HIGHLIGHT_NAMES[category]);
      }
    }
    const boxed = this.useHighlightApi ? marks.filter((m) => !m.range) : marks;
    this.overlay.replaceChildren(...boxed.flatMap((mark) => this.boxes(mark)));
    if (marks.length || uiHost()) {
      mount(this.overlay);
      uiRoot().host.setAttribute("data-clearpost-underlines", String(marks.length));
    }
  }

  private boxes(mark: Mark<T>): HTMLElement[] {
    const clip = mark.editor.getBoundingClientRect();
    return mark.rects()
      .filter((r) => r.width > 0 && r.bottom > clip.top && r.top < clip.bottom + 4)
      .map((r) => {
        const box = element("div", { class: "cp-underline", "data-category": mark.category });
        const left = Math.max(r.left, clip.left);
        Object.assign(box.style, {
          left: `${left}px`, top: `${r.bottom - 1}px`,
          width: `${Math.min(r.right, clip.right) - left}px`, height: "3px",
        });
        return box;
      });
  }

  private ensurePageStyle(): void {
    if (document.getElementById(PAGE_STYLE_ID)) return;
    const style = document.createElement("style");
    style.id = PAGE_STYLE_ID;
    style.textContent = PAGE_CSS;
    (document.head ?? document.documentElement).append(style);
  }
}

const MIRRORED_PROPERTIES = [
  "boxSizing", "width", "height", "overflowX", "overflowY", "borderTopWidth", "borderRightWidth",
  "borderBottomWidth", "borderLeftWidth", "borderStyle", "paddingTop", "paddingRight", "paddingBottom",
  "paddingLeft", "fontStyle", "fontVariant", "fontWeight", "fontStretch", "fontSize", "lineHeight",
  "fontFamily", "textAlign", "textTransform", "textIndent", "letterSpacing", "wordSpacing", "tabSize",
  "direction",
] as const;

/** Viewport rectangles of text[start, end) in a textarea, measured on a hidden copy of it. */
export function textareaRects(textarea: HTMLTextAreaElement, start: number, end: number): DOMRect[] {
  const computed = getComputedStyle(textarea);
  const bounds = textarea.getBoundingClientRect();
  const mirror = element("div");
  for (const property of MIRRORED_PROPERTIES) mirror.style[property] = computed[property];
  Object.assign(mirror.style, {
    position: "fixed", visibility: "hidden", whiteSpace: "pre-wrap", overflowWrap: "break-word",
    left: `${bounds.left - textarea.scrollLeft}px`, top: `${bounds.top - textarea.scrollTop}px`,
  });
  const marked = element("span", {}, textarea.value.slice(start, end));
  mirror.append(textarea.value.slice(0, start), marked, textarea.value.slice(end));
  uiRoot().append(mirror);
  const rects = [...marked.getClientRects()];
  mirror.remove();
  return rects;
}
