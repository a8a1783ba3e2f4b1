/** The content script: finds compose boxes, checks them, draws underlines, cards and the risk
 * banner, and guards the Post button. Text and findings stay in this page's memory. */

import { ask, type TabRequest, type WhichSiteReply } from "../messages";
import { LOCAL_KEYS, type Mode } from "../settings";
import { Banner } from "./banner";
import { Card } from "./card";
import { PostGuard } from "./guard";
import { Highlighter, textareaRects, type Mark } from "./highlight";
import { EditorSession, type TrackedFinding } from "./session";
import { siteForHost, type SiteAdapter } from "./sites";

interface MarkData {
  session: EditorSession;
  tracked: TrackedFinding;
}

const HOVER_DELAY_MS = 250;
const CARET_KEYS = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End"]);

class Controller {
  private readonly sessions = new Map<HTMLElement, EditorSession>();
  private readonly banners = new Map<EditorSession, Banner>();
  private readonly highlighter = new Highlighter<MarkData>();
  private readonly card = new Card();
  readonly guard: PostGuard;
  private isEnabled = false;
  private mode: Mode = "warn";
  private lastFocused: EditorSession | null = null;
  private scanQueued = false;
  private hoverTimer = 0;
  private pointer = { x: -1, y: -1 };
  private lastBadge = "";
  private readonly documentObserver = new MutationObserver((records) => this.onMutations(records));

  constructor(private readonly site: SiteAdapter) {
    this.guard = new PostGuard({
      enabled: () => this.isEnabled,
      postButtonSelector: () => site.postButtonSelectors.join(","),
      sessionForButton: (button) => this.sessionForButton(button),
      sessionForEditorTarget: (target) => this.sessionContaining(target),
      postButtonFor: (session) => this.postButtonFor(session),
    });
  }

  /** Guard at once (all sites are on unless the settings say otherwise, and reading them can take
   * a moment): a post made before they arrive is still checked. */
  start(): void {
    this.isEnabled = true;
    this.enable();
    void this.refreshSettings();
  }

  async refreshSettings(): Promise<void> {
    let enabled = false;
    try {
      const reply = await ask({ type: "siteState", site: this.site.id });
      enabled = reply?.enabled ?? false;
      this.mode = reply?.mode ?? "warn";
    } catch {
      enabled = true; // the worker is unreachable: keep guarding, each check will say "offline"
    }
    if (enabled === this.isEnabled) return;
    this.isEnabled = enabled;
    if (enabled) this.enable();
    else this.disable();
  }

  private enable(): void {
    this.documentObserver.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["contenteditable", "role"] });
    document.addEventListener("focusin", this.onFocusIn, true);
    document.addEventListener("mousemove", this.onMouseMove, { capture: true, passive: true });
    document.addEventListener("click", this.onClick, true);
    document.addEventListener("keydown", this.onKeydown, true);
    document.addEventListener("keyup", this.onKeyup, true);
    window.addEventListener("scroll", this.onLayout, { capture: true, passive: true });
    window.addEventListener("resize", this.onLayout, { passive: true });
    this.scan();
  }

  private disable(): void {
    this.documentObserver.disconnect();
    document.removeEventListener("focusin", this.onFocusIn, true);
    document.removeEventListener("mousemove", this.onMouseMove, true);
    document.removeEventListener("click", this.onClick, true);
    document.removeEventListener("keydown", this.onKeydown, true);
    document.removeEventListener("keyup", this.onKeyup, true);
    window.removeEventListener("scroll", this.onLayout, true);
    window.removeEventListener("resize", this.onLayout);
    for (const session of [...this.sessions.values()]) this.detach(session);
    this.card.hide();
    this.reportBadge();
  }

  private onMutations(records: MutationRecord[]): void {
    if (this.scanQueued) return;
    const relevant = records.some((r) => r.type === "attributes" || r.addedNodes.length > 0 || r.removedNodes.length > 0);
    if (!relevant) return;
    this.scanQueued = true;
    requestAnimationFrame(() => {
      this.scanQueued = false;
      this.scan();
    });
  }

  /** Attach to every compose box on the page; drop the ones that left it. */
  private scan(): void {
    for (const session of [...this.sessions.values()]) if (!session.editor.isConnected) this.detach(session);
    for (const candidate of document.querySelectorAll(this.site.editorSelectors.join(","))) {
      const editor = editableRoot(candidate);
      if (editor) this.attach(editor);
    }
  }

  private attach(editor: HTMLElement): void {
    if (this.sessions.has(editor)) return;
    if (editor instanceof HTMLTextAreaElement && (editor.readOnly || editor.disabled || editor.getClientRects().length === 0)) return;
    const session = new EditorSession(editor, this.site.id, {
      changed: (s) => this.sessionChanged(s),
      newFindings: (count) => void ask({ type: "findingsSeen", count }).catch(() => undefined),
    });
    session.mode = this.mode;
    this.sessions.set(editor, session);
    session.start();
  }

  private detach(session: EditorSession): void {
    session.dispose();
    this.sessions.delete(session.editor);
    this.highlighter.set(session, []);
    this.banners.get(session)?.hide();
    this.banners.delete(session);
    if (this.lastFocused === session) this.lastFocused = null;
  }

  private sessionChanged(session: EditorSession): void {
    if (session.state !== "checking") {
      this.highlighter.set(session, this.marksFor(session));
      let banner = this.banners.get(session);
      if (!banner) this.banners.set(session, (banner = new Banner()));
      banner.update(session.state === "offline" ? null : session.risk, session.editor);
      if (this.card.open && !session.openFindings().some((f) => this.card.showing(f.finding))) this.card.hide();
    }
    this.reportBadge();
    this.guard.sessionChanged(session);
  }

  private marksFor(session: EditorSession): Mark<MarkData>[] {
    const editor = session.editor;
    return session.openFindings().map((tracked) => {
      const { start_utf16: start, end_utf16: end } = tracked.finding;
      if (editor instanceof HTMLTextAreaElement) {
        return { category: tracked.finding.category, range: null, editor, rects: () => textareaRects(editor, start, end), data: { session, tracked } };
      }
      const range = session.textMap().toRange(start, end);
      return { category: tracked.finding.category, range, editor, rects: () => [...range.getClientRects()], data: { session, tracked } };
    });
  }

  private reportBadge(): void {
    const sessions = [...this.sessions.values()];
    const open = sessions.flatMap((s) => s.openFindings());
    const badge = {
      type: "openFindings", count: open.length,
      hasDirect: open.some((f) => f.finding.category === "direct"),
      offline: sessions.some((s) => s.state === "offline" && s.text().trim() !== ""),
    } as const;
    const key = JSON.stringify(badge);
    if (key === this.lastBadge) return;
    this.lastBadge = key;
    void ask(badge).catch(() => undefined);
  }

  private sessionContaining(target: EventTarget | null): EditorSession | null {
    if (!(target instanceof Node)) return null;
    for (const [editor, session] of this.sessions) if (editor === target || editor.contains(target)) return session;
    return null;
  }

  /** The compose box a Post button belongs to: the one in its nearest enclosing container. */
  private sessionForButton(button: Element): EditorSession | null {
    if (!this.isEnabled) return null;
    this.scan(); // the composer may have just appeared
    const sessions = [...this.sessions.values()];
    for (let ancestor = button.parentElement; ancestor; ancestor = ancestor.parentElement) {
      const inside = sessions.filter((s) => ancestor.contains(s.editor));
      if (inside.length) return inside.includes(this.lastFocused!) ? this.lastFocused : inside[0];
    }
    return this.lastFocused;
  }

  /** The Post button of the nearest container around the editor that has one. */
  private postButtonFor(session: EditorSession): Element | null {
    const selector = this.site.postButtonSelectors.join(",");
    for (let ancestor = session.editor.parentElement; ancestor; ancestor = ancestor.parentElement) {
      const button = ancestor.querySelector(selector);
      if (button) return button;
    }
    return null;
  }

  private readonly onFocusIn = (event: FocusEvent) => {
    const target = event.target;
    if (target instanceof HTMLElement && target.matches(this.site.editorSelectors.join(","))) {
      const editor = editableRoot(target);
      if (editor) this.attach(editor);
    }
    const session = this.sessionContaining(target);
    if (session) this.lastFocused = session;
  };

  private readonly onLayout = () => {
    for (const [session, banner] of this.banners) banner.place(session.editor);
  };

  private readonly onMouseMove = (event: MouseEvent) => {
    // Chrome repeats the last mousemove when the layout changes under a resting pointer (as
    // while typing): only a pointer that moved opens a card.
    const moved = event.clientX !== this.pointer.x || event.clientY !== this.pointer.y;
    this.pointer = { x: event.clientX, y: event.clientY };
    if (!moved || this.card.contains(event)) return;
    const mark = this.highlighter.hit(event.clientX, event.clientY);
    window.clearTimeout(this.hoverTimer);
    if (mark) {
      if (this.card.showing(mark.data.tracked.finding)) this.card.cancelHide();
      else if (this.card.open) this.openCard(mark, event.clientX, event.clientY); // moving between underlines
      else this.hoverTimer = window.setTimeout(() => this.openCard(mark, event.clientX, event.clientY), HOVER_DELAY_MS);
    } else if (this.card.open) {
      this.card.hideSoon();
    }
  };

  private readonly onClick = (event: MouseEvent) => {
    if (this.card.contains(event) || !this.sessionContaining(event.target)) return;
    const mark = this.highlighter.hit(event.clientX, event.clientY);
    if (mark) this.openCard(mark, event.clientX, event.clientY);
  };

  /** Keyboard users: moving the caret into an underline opens its card (Tab enters it). */
  private readonly onKeyup = (event: KeyboardEvent) => {
    if (!CARET_KEYS.has(event.key)) return;
    const session = this.sessionContaining(event.target);
    if (!session || session.state === "checking") return;
    const caret = session.caretOffset();
    const mark = caret === null ? undefined : this.highlighter.all().find(({ data }) =>
      data.session === session && data.tracked.finding.start_utf16 < caret && caret < data.tracked.finding.end_utf16);
    if (mark) this.openCard(mark);
    else if (this.card.open) this.card.hide();
  };

  private readonly onKeydown = (event: KeyboardEvent) => {
    if (!this.card.open || !this.sessionContaining(event.target)) return;
    if (event.key === "Tab" && !event.shiftKey) {
      event.preventDefault();
      this.card.focus();
    } else if (event.key === "Escape") {
      this.card.hide();
    }
  };

  /** Open the card under the underline's line at the pointer (x, y), or under its first line. */
  private openCard(mark: Mark<MarkData>, x = -1, y = -1): void {
    const { session, tracked } = mark.data;
    const rects = mark.rects();
    const anchor = rects.find((r) => y >= r.top && y <= r.bottom + 3 && x >= r.left && x <= r.right) ?? rects[0];
    if (!anchor) return;
    this.card.show(tracked.finding, anchor, {
      fix: () => void session.fix([tracked]),
      ignore: () => session.ignore(tracked),
      dismissed: () => session.editor.focus(),
    });
  }

  /** For the popup: which site this tab is. */
  whichSite(): WhichSiteReply {
    return { site: this.site.id };
  }
}

/** The element that holds the editor's text: a textarea, or the contenteditable editing host
 * (the element itself or, for a wrapper such as X's tweetTextarea_0, its editable descendant). */
function editableRoot(candidate: Element): HTMLElement | null {
  if (candidate instanceof HTMLTextAreaElement) return candidate;
  let editable: HTMLElement | null = candidate instanceof HTMLElement && candidate.isContentEditable
    ? candidate
    : candidate.querySelector<HTMLElement>('[contenteditable="true"], [contenteditable=""], [contenteditable="plaintext-only"]');
  if (!editable) return null;
  while (editable.parentElement?.isContentEditable) editable = editable.parentElement;
  return editable;
}

const site = siteForHost(location.hostname);
if (site) {
  const controller = new Controller(site);
  // At document_start, before the site registers its own handlers.
  controller.guard.install();
  const start = () => controller.start();
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start, { once: true });
  else start();
  const refresh = () => void controller.refreshSettings();
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === "managed" || (area === "local" && Object.values(LOCAL_KEYS).some((key) => key in changes))) refresh();
  });
  chrome.runtime.onMessage.addListener((request: TabRequest, _sender, sendResponse) => {
    if (request.type === "whichSite") sendResponse(controller.whichSite());
    else if (request.type === "settingsChanged") refresh();
  });
}
