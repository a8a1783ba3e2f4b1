/** The shadow-root host for all of ClearPost's inline UI (card, guard dialog, banner, overlay
 * underlines), so that the site's CSS cannot reach it. */

import css from "./ui.css";

export const HOST_ID = "clearpost-root";

const CONTAINED_EVENTS = ["click", "mousedown", "mouseup", "pointerdown", "pointerup", "keydown", "keyup", "keypress", "focusin", "focusout", "input"];

let host: HTMLElement | null = null;
let shadow: ShadowRoot | null = null;

/** The shadow root, (re)creating the host if the page removed it. */
export function uiRoot(): ShadowRoot {
  if (!host || !shadow || !host.isConnected) {
    host = document.createElement("div");
    host.id = HOST_ID;
    shadow = host.attachShadow({ mode: "open" });
    const style = document.createElement("style");
    style.textContent = css;
    shadow.append(style);
    // Events in ClearPost's UI stop at the host: a composer dialog would take a click in ours
    // for a click outside it and close.
    for (const type of CONTAINED_EVENTS) host.addEventListener(type, (event) => event.stopPropagation());
    document.documentElement.append(host);
  }
  host.dataset.theme = pageIsDark() ? "dark" : "light";
  return shadow;
}

/** Put `element` in the shadow root if it is not there (the host may have been recreated). */
export function mount(element: HTMLElement): void {
  const root = uiRoot();
  if (element.getRootNode() !== root) root.append(element);
}

export function uiHost(): HTMLElement | null {
  return host;
}

/** Whether an event happened inside ClearPost's UI. */
export function isInsideUi(event: Event): boolean {
  return host !== null && event.composedPath().includes(host);
}

/** X and Facebook have their own dark themes regardless of the OS setting: look at the page. */
function pageIsDark(): boolean {
  for (let element: Element | null = document.body; element; element = element.parentElement) {
    const color = getComputedStyle(element).backgroundColor;
    const channels = color.match(/[\d.]+/g)?.map(Number);
    if (!channels || channels.length < 3 || channels[3] === 0) continue;
    const [r, g, b] = channels;
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 96;
  }
  return matchMedia?.("(prefers-color-scheme: dark)").matches ?? false;
}

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K, attributes: Record<string, string> = {}, ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) created.setAttribute(name, value);
  created.append(...children);
  return created;
}

export function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}
