/** The card shown on an underline: what it is, why it matters, and the one-click fix. */

import type { Finding } from "../messages";
import { CATEGORY_NOTES, entityLabel } from "./labels";
import { element, mount } from "./ui";

export interface CardActions {
  fix(): void;
  ignore(): void;
  /** The card closed by Escape: give the focus back to the editor. */
  dismissed(): void;
}

const HIDE_DELAY_MS = 300;

export function fixLabel(suggestion: string): string {
  return suggestion === "" ? "Remove" : `Replace with \u201c${suggestion}\u201d`;
}

export class Card {
  private readonly root = element("div", { class: "cp-card", role: "dialog" });
  private hideTimer = 0;
  private current: Finding | null = null;

  constructor() {
    this.root.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.stopPropagation();
        this.hide();
        this.actions?.dismissed();
      }
    });
    // Keep the editor's selection and focus when a button is pressed with the mouse.
    this.root.addEventListener("mousedown", (event) => event.preventDefault());
    this.root.addEventListener("mouseenter", () => this.cancelHide());
    this.root.addEventListener("mouseleave", () => this.hideSoon());
  }

  private actions: CardActions | null = null;

  get open(): boolean {
    return this.root.isConnected && !this.root.hidden;
  }

  showing(finding: Finding): boolean {
    return this.open && this.current === finding;
  }

  show(finding: Finding, anchor: DOMRect, actions: CardActions): void {
    this.cancelHide();
    if (this.showing(finding)) return;
    this.current = finding;
    this.actions = actions;
    const label = entityLabel(finding.entity);
    const titleId = "cp-card-title";
    const fixButton = element("button", { class: "cp-primary", type: "button" }, fixLabel(finding.suggestion));
    const ignoreButton = element("button", { class: "cp-quiet", type: "button" }, "Ignore");
    fixButton.addEventListener("click", () => { this.hide(); actions.fix(); });
    ignoreButton.addEventListener("click", () => { this.hide(); actions.ignore(); });
    this.root.setAttribute("aria-label", `ClearPost: ${label}`);
    this.root.setAttribute("aria-describedby", "cp-card-why");
    this.root.replaceChildren(
      element("div", { class: "cp-card-head", id: titleId },
        element("span", { class: "cp-dot", "data-category": finding.category }), label),
      element("div", { class: "cp-note" }, CATEGORY_NOTES[finding.category]),
      element("p", { class: "cp-why", id: "cp-card-why" }, finding.explanation),
      element("div", { class: "cp-actions" }, fixButton, ignoreButton),
    );
    this.root.hidden = false;
    mount(this.root);
    this.place(anchor);
  }

  /** Move the keyboard focus into the card (Tab from the editor). */
  focus(): void {
    this.root.querySelector("button")?.focus();
  }

  hide(): void {
    this.cancelHide();
    this.root.hidden = true;
    this.current = null;
  }

  hideSoon(): void {
    this.cancelHide();
    this.hideTimer = window.setTimeout(() => this.hide(), HIDE_DELAY_MS);
  }

  cancelHide(): void {
    window.clearTimeout(this.hideTimer);
  }

  contains(event: Event): boolean {
    return event.composedPath().includes(this.root);
  }

  private place(anchor: DOMRect): void {
    const gap = 6;
    const { offsetWidth: width, offsetHeight: height } = this.root;
    const below = anchor.bottom + gap + height <= innerHeight;
    const top = below ? anchor.bottom + gap : Math.max(gap, anchor.top - gap - height);
    const left = Math.min(Math.max(gap, anchor.left), Math.max(gap, innerWidth - width - gap));
    this.root.style.top = `${top}px`;
    this.root.style.left = `${left}px`;
  }
}
