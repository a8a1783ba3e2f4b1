/** The Post guard: capture-phase listeners on window (installed at document_start, before the
 * site's own) stop the Post button and Ctrl/Cmd+Enter while the post has unresolved direct
 * identifiers, a medium or high combined risk, a check still running, or no check at all because
 * the service is unreachable; an alert dialog then offers "Fix all", "Post anyway" and "Edit". */

import { decideGuard, type GuardReason } from "./guard-logic";
import { entityLabel } from "./labels";
import type { EditorSession } from "./session";
import { element, mount } from "./ui";

export interface GuardHost {
  enabled(): boolean;
  postButtonSelector(): string;
  sessionForButton(button: Element): EditorSession | null;
  sessionForEditorTarget(target: EventTarget | null): EditorSession | null;
  postButtonFor(session: EditorSession): Element | null;
}

/** How the physician tried to post, to do it again on "Post anyway" or after a pending check. */
type PostAttempt =
  | { kind: "button"; button: Element }
  | { kind: "shortcut"; editor: HTMLElement; button: Element | null; ctrlKey: boolean; metaKey: boolean };

const POINTER_EVENTS = ["pointerdown", "mousedown", "pointerup", "mouseup"] as const;

export const BUTTON_NAMES = { fixAll: "Fix all", postAnyway: "Post anyway", edit: "Edit", checkAgain: "Check again" } as const;

export class PostGuard {
  private bypass = false;
  private readonly dialog = new GuardDialog();
  private openFor: { session: EditorSession; attempt: PostAttempt; reason: GuardReason } | null = null;

  constructor(private readonly host: GuardHost) {}

  install(): void {
    for (const type of [...POINTER_EVENTS, "click"]) window.addEventListener(type, (e) => this.onPointer(e), { capture: true });
    window.addEventListener("keydown", (e) => this.onKeydown(e), { capture: true });
  }

  /** The session's answer changed: a pending dialog becomes a verdict, or lets the post through. */
  sessionChanged(session: EditorSession): void {
    if (!this.openFor || this.openFor.session !== session || session.state === "checking") return;
    const verdict = decideGuard(session.facts());
    const { attempt, reason } = this.openFor;
    if (!verdict.block) {
      this.close(false);
      if (reason === "pending") this.postThrough(attempt); // the physician had already pressed Post
      return;
    }
    this.show(session, attempt, verdict.reason);
  }

  private verdictFor(session: EditorSession | null): GuardReason | null {
    if (!session || !this.host.enabled()) return null;
    const verdict = decideGuard(session.facts());
    return verdict.block ? verdict.reason : null;
  }

  private stop(event: Event): void {
    event.preventDefault();
    event.stopImmediatePropagation();
  }

  private onPointer(event: Event): void {
    if (this.bypass || !(event.target instanceof Element)) return;
    if (event instanceof MouseEvent && event.button !== 0) return;
    const button = event.target.closest(this.host.postButtonSelector());
    if (!button) return;
    const session = this.host.sessionForButton(button);
    const reason = this.verdictFor(session);
    if (!reason || !session) return;
    this.stop(event);
    if (event.type === "click") this.intercepted(session, { kind: "button", button }, reason);
  }

  private onKeydown(event: KeyboardEvent): void {
    if (this.bypass || event.key !== "Enter" && event.key !== " ") return;
    if (!(event.target instanceof Element)) return;
    const button = event.target.closest(this.host.postButtonSelector());
    if (button) {
      const session = this.host.sessionForButton(button);
      const reason = this.verdictFor(session);
      if (reason && session) {
        this.stop(event);
        this.intercepted(session, { kind: "button", button }, reason);
      }
      return;
    }
    if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
    const session = this.host.sessionForEditorTarget(event.target);
    const reason = this.verdictFor(session);
    if (!reason || !session) return;
    this.stop(event);
    // "Post anyway" clicks the composer's Post button: a synthetic keydown lacks the keyCode editors read.
    const postButton = this.host.postButtonFor(session);
    this.intercepted(session, { kind: "shortcut", editor: session.editor, button: postButton, ctrlKey: event.ctrlKey, metaKey: event.metaKey }, reason);
  }

  private intercepted(session: EditorSession, attempt: PostAttempt, reason: GuardReason): void {
    this.show(session, attempt, reason);
    if (reason === "pending" || reason === "offline") void session.checkNow();
  }

  private show(session: EditorSession, attempt: PostAttempt, reason: GuardReason): void {
    this.openFor = { session, attempt, reason };
    this.dialog.show(session, reason, {
      fixAll: () => {
        this.close(true);
        void session.fix(session.openFindings());
      },
      postAnyway: () => {
        this.close(false);
        this.postThrough(attempt);
      },
      edit: () => this.close(true),
      checkAgain: () => {
        this.show(session, attempt, "pending");
        void session.checkNow();
      },
    });
  }

  private close(focusEditor: boolean): void {
    const session = this.openFor?.session;
    this.openFor = null;
    this.dialog.hide();
    if (focusEditor) session?.editor.focus();
  }

  /** Do what the physician asked, once, past the guard. */
  private postThrough(attempt: PostAttempt): void {
    this.bypass = true;
    try {
      if (attempt.kind === "button") {
        const init = { bubbles: true, cancelable: true, composed: true, view: window, button: 0 };
        attempt.button.dispatchEvent(new PointerEvent("pointerdown", init));
        attempt.button.dispatchEvent(new MouseEvent("mousedown", init));
        attempt.button.dispatchEvent(new PointerEvent("pointerup", init));
        attempt.button.dispatchEvent(new MouseEvent("mouseup", init));
        attempt.button.dispatchEvent(new MouseEvent("click", init));
      } else if (attempt.button) {
        this.postThrough({ kind: "button", button: attempt.button });
      } else {
        attempt.editor.focus();
        attempt.editor.dispatchEvent(new KeyboardEvent("keydown", {
          key: "Enter", code: "Enter", keyCode: 13, which: 13, ctrlKey: attempt.ctrlKey, metaKey: attempt.metaKey,
          bubbles: true, cancelable: true, composed: true,
        } as KeyboardEventInit));
      }
    } finally {
      this.bypass = false;
    }
  }
}

interface DialogActions {
  fixAll(): void;
  postAnyway(): void;
  edit(): void;
  checkAgain(): void;
}

const TITLES: Record<GuardReason, string> = {
  findings: "This post may identify a patient",
  risk: "Together, these details could identify a patient",
  pending: "ClearPost is still checking this post\u2026",
  offline: "ClearPost could not check this post",
};

class GuardDialog {
  private readonly backdrop = element("div", { class: "cp-backdrop" });
  private readonly box = element("div", {
    class: "cp-dialog", role: "alertdialog", "aria-modal": "true", "aria-labelledby": "cp-guard-title", "aria-describedby": "cp-guard-body",
  });

  constructor() {
    this.backdrop.append(this.box);
    this.backdrop.hidden = true;
    this.box.addEventListener("keydown", (event) => this.onKeydown(event));
  }

  private actions: DialogActions | null = null;

  show(session: EditorSession, reason: GuardReason, actions: DialogActions): void {
    this.actions = actions;
    const open = session.openFindings();
    const fixable = reason !== "offline" && reason !== "pending" && open.length > 0;
    const body = element("div", { id: "cp-guard-body" }, ...this.describe(session, reason));
    const buttons: HTMLButtonElement[] = [];
    const button = (label: string, action: () => void, primary = false) => {
      const created = element("button", { type: "button", class: primary ? "cp-primary" : "" }, label);
      created.addEventListener("click", action);
      buttons.push(created);
    };
    if (fixable) button(BUTTON_NAMES.fixAll, actions.fixAll, true);
    if (reason === "offline") button(BUTTON_NAMES.checkAgain, actions.checkAgain, true);
    if (session.mode !== "block") button(BUTTON_NAMES.postAnyway, actions.postAnyway);
    button(BUTTON_NAMES.edit, actions.edit, !fixable && reason !== "offline");
    this.box.setAttribute("data-reason", reason);
    this.box.replaceChildren(
      element("div", { class: "cp-brand" }, "ClearPost"),
      element("h2", { id: "cp-guard-title" }, TITLES[reason]),
      body,
      element("div", { class: "cp-actions" }, ...buttons),
    );
    const wasHidden = this.backdrop.hidden;
    this.backdrop.hidden = false;
    mount(this.backdrop);
    if (wasHidden || !this.box.contains(this.box.getRootNode() instanceof ShadowRoot ? (this.box.getRootNode() as ShadowRoot).activeElement : null)) {
      buttons[0]?.focus();
    }
  }

  private describe(session: EditorSession, reason: GuardReason): (Node | string)[] {
    switch (reason) {
      case "pending":
        return [element("p", {}, "It will be posted as soon as the check is done, if nothing needs your attention.")];
      case "offline":
        return [
          element("p", {}, "The ClearPost service on this computer is not answering, so this post was not checked for patient information."),
          element("p", { class: "cp-from" }, "Make sure ClearPost is running, then check again."),
        ];
      case "findings":
      case "risk": {
        const items = session.openFindings().map((f) => element("li", {},
          `${entityLabel(f.finding.entity)}: \u201c${f.text}\u201d`,
          element("span", { class: "cp-from" }, f.finding.suggestion ? ` \u2192 ${f.finding.suggestion}` : " \u2192 remove")));
        const reasons = session.risk.level === "medium" || session.risk.level === "high"
          ? session.risk.reasons.map((r) => element("p", {}, r)) : [];
        return [...reasons, ...(items.length ? [element("ul", {}, ...items)] : [])];
      }
    }
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      this.actions?.edit();
      return;
    }
    if (event.key !== "Tab") return;
    // Keep the focus inside the dialog.
    const buttons = [...this.box.querySelectorAll("button")];
    const active = (this.box.getRootNode() as ShadowRoot).activeElement;
    const index = buttons.indexOf(active as HTMLButtonElement);
    const next = (index + (event.shiftKey ? -1 : 1) + buttons.length) % buttons.length;
    event.preventDefault();
    buttons[next]?.focus();
  }

  hide(): void {
    this.backdrop.hidden = true;
    this.backdrop.remove();
    this.actions = null;
  }
}
