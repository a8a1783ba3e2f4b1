/** The post-level risk banner under the compose box, shown only for medium or high risk. */

import type { Risk } from "../messages";
import { element, mount } from "./ui";

export class Banner {
  private readonly root = element("div", { class: "cp-banner", role: "status", "aria-live": "polite" });
  private reasonsShown = "";

  update(risk: Risk | null, editor: Element): void {
    const visible = risk !== null && (risk.level === "medium" || risk.level === "high") && risk.reasons.length > 0;
    if (!visible) {
      this.root.hidden = true;
      this.reasonsShown = "";
      return;
    }
    const key = risk.reasons.join("\n");
    if (key !== this.reasonsShown) {
      this.reasonsShown = key;
      this.root.setAttribute("data-level", risk.level);
      this.root.replaceChildren(
        element("span", { class: "cp-banner-icon", "aria-hidden": "true" }, "\u26a0"),
        element("ul", { "aria-label": "ClearPost: risk of identifying a patient" },
          ...risk.reasons.map((reason) => element("li", {}, reason))),
      );
    }
    this.root.hidden = false;
    mount(this.root);
    this.place(editor);
  }

  hide(): void {
    this.root.hidden = true;
    this.reasonsShown = "";
  }

  place(editor: Element): void {
    if (this.root.hidden) return;
    const box = editor.getBoundingClientRect();
    const gap = 4;
    this.root.style.maxWidth = `${Math.max(240, box.width)}px`; // before measuring: it sets the wrapping
    const height = this.root.offsetHeight;
    // Above the box, where it hides no control of the composer (its toolbar and Post button are
    // below); below it when there is no room above.
    const top = box.top - gap - height >= 0 ? box.top - gap - height : Math.min(box.bottom + gap, innerHeight - height - gap);
    this.root.style.top = `${top}px`;
    this.root.style.left = `${Math.max(gap, box.left)}px`;
  }
}
