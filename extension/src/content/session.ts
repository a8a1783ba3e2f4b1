/** One compose box being checked: watches its text, asks the worker after a pause, keeps the
 * answer (only while it still matches the text), and exposes the facts the guard decides on. */

import defaults from "../defaults.json";
import { ask, type AnalyzeReply, type Finding, type Risk } from "../messages";
import type { Mode, SiteId } from "../settings";
import { replaceAll } from "./fix";
import type { CheckState, GuardFacts } from "./guard-logic";
import { LatestOnly } from "./sequencer";
import { TextMap, editorText } from "./textmap";

export const STATE_ATTRIBUTE = "data-clearpost-state";
export const COUNT_ATTRIBUTE = "data-clearpost-count";

export interface TrackedFinding {
  finding: Finding;
  /** The finding's text, held in memory only: to recognise it again (ignore) and check a fix's target. */
  text: string;
  key: string;
  ignored: boolean;
}

export interface SessionEvents {
  /** The state, findings or risk changed. */
  changed(session: EditorSession): void;
  /** Findings this editor had not shown before (for the "findings today" counter). */
  newFindings(count: number): void;
}

const NO_RISK: Risk = { level: "none", reasons: [] };

export class EditorSession {
  state: CheckState = "checking";
  checkedText: string | null = null;
  findings: TrackedFinding[] = [];
  risk: Risk = NO_RISK;
  mode: Mode = "warn";

  private lastSeenText: string | null = null;
  private debounceTimer = 0;
  private readonly latest = new LatestOnly();
  private readonly ignoredKeys = new Set<string>();
  private readonly seenKeys = new Set<string>();
  private readonly observer = new MutationObserver(() => this.onPossibleChange());
  private readonly onInput = () => this.onPossibleChange();
  private inFlight: Promise<void> | null = null;

  constructor(
    readonly editor: HTMLElement,
    private readonly site: SiteId,
    private readonly events: SessionEvents,
  ) {}

  start(): void {
    // Draft.js re-renders without firing "input": watch the DOM as well.
    this.observer.observe(this.editor, { childList: true, subtree: true, characterData: true });
    this.editor.addEventListener("input", this.onInput);
    this.onPossibleChange();
  }

  dispose(): void {
    this.observer.disconnect();
    this.editor.removeEventListener("input", this.onInput);
    window.clearTimeout(this.debounceTimer);
    this.latest.invalidate();
    this.editor.removeAttribute(STATE_ATTRIBUTE);
    this.editor.removeAttribute(COUNT_ATTRIBUTE);
  }

  text(): string {
    return editorText(this.editor);
  }

  /** The DOM map of a contenteditable's text (findings' offsets apply while state is not "checking"). */
  textMap(): TextMap {
    return TextMap.fromElement(this.editor);
  }

  /** The caret's text offset, when the selection is a caret inside this editor. */
  caretOffset(): number | null {
    if (this.editor instanceof HTMLTextAreaElement) {
      const { selectionStart, selectionEnd } = this.editor;
      return selectionStart === selectionEnd ? selectionStart : null;
    }
    const selection = getSelection();
    if (!selection?.isCollapsed || !selection.anchorNode || !this.editor.contains(selection.anchorNode)) return null;
    return this.textMap().fromDomPoint(selection.anchorNode, selection.anchorOffset);
  }

  openFindings(): TrackedFinding[] {
    return this.findings.filter((f) => !f.ignored);
  }

  facts(): GuardFacts {
    const open = this.openFindings();
    return {
      text: this.text(),
      checkedText: this.checkedText,
      state: this.state,
      openDirect: open.filter((f) => f.finding.category === "direct").length,
      openQuasi: open.filter((f) => f.finding.category === "quasi").length,
      ignored: this.findings.length - open.length,
      riskLevel: this.risk.level,
    };
  }

  private onPossibleChange(): void {
    const text = this.text();
    if (text === this.lastSeenText) return;
    this.lastSeenText = text;
    this.setState("checking");
    window.clearTimeout(this.debounceTimer);
    this.debounceTimer = window.setTimeout(() => void this.check(), defaults.debounceMs);
  }

  /** Check at once (the physician is waiting on Post); resolves when the answer is applied. */
  checkNow(): Promise<void> {
    window.clearTimeout(this.debounceTimer);
    if (this.inFlight && this.checkedText !== this.text()) return this.check();
    return this.inFlight ?? this.check();
  }

  private check(): Promise<void> {
    const run = this.runCheck();
    this.inFlight = run;
    void run.finally(() => { if (this.inFlight === run) this.inFlight = null; });
    return run;
  }

  private async runCheck(): Promise<void> {
    const text = this.text();
    this.lastSeenText = text;
    if (text.trim() === "") {
      this.latest.invalidate();
      this.apply(text, { ok: true, analysis: { findings: [], risk: NO_RISK }, mode: this.mode });
      return;
    }
    const ticket = this.latest.begin(text);
    this.setState("checking");
    let reply: AnalyzeReply;
    try {
      reply = (await ask({ type: "analyze", text, site: this.site })) ?? { ok: false, reason: "error", mode: this.mode };
    } catch {
      reply = { ok: false, reason: "offline", mode: this.mode }; // the extension was reloaded or its worker is gone
    }
    if (!this.latest.isCurrent(ticket, this.text())) return; // stale: a newer check follows
    this.apply(text, reply);
  }

  private apply(text: string, reply: AnalyzeReply): void {
    this.mode = reply.mode;
    this.checkedText = text;
    if (!reply.ok) {
      this.findings = [];
      this.risk = NO_RISK;
      this.setState("offline");
      return;
    }
    this.findings = reply.analysis.findings.map((finding) => {
      const findingText = text.slice(finding.start_utf16, finding.end_utf16);
      const key = `${finding.entity}\u0000${findingText.toLowerCase()}`;
      return { finding, text: findingText, key, ignored: this.ignoredKeys.has(key) };
    });
    this.risk = reply.analysis.risk;
    const unseen = this.findings.filter((f) => !this.seenKeys.has(f.key));
    unseen.forEach((f) => this.seenKeys.add(f.key));
    if (unseen.length) this.events.newFindings(unseen.length);
    this.setState(this.openFindings().length ? "findings" : "clean");
  }

  ignore(tracked: TrackedFinding): void {
    this.ignoredKeys.add(tracked.key);
    for (const f of this.findings) if (f.key === tracked.key) f.ignored = true;
    this.setState(this.openFindings().length ? "findings" : "clean");
  }

  async fix(tracked: TrackedFinding[]): Promise<void> {
    await replaceAll(this.editor, tracked.map((f) => ({
      start: f.finding.start_utf16, end: f.finding.end_utf16, replacement: f.finding.suggestion, original: f.text,
    })));
    await this.checkNow();
  }

  private setState(state: CheckState): void {
    this.state = state;
    this.editor.setAttribute(STATE_ATTRIBUTE, state);
    this.editor.setAttribute(COUNT_ATTRIBUTE, String(state === "offline" ? 0 : this.openFindings().length));
    this.events.changed(this);
  }
}
