/** Toolbar popup: is the service running, findings caught today, on/off for the current site. */

import { ask, type TabRequest, type WhichSiteReply } from "../messages";
import { loadSettings, setSiteEnabled, SITE_NAMES } from "../settings";

function byId<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

async function currentSite(): Promise<WhichSiteReply | null> {
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return null;
  try {
    return (await chrome.tabs.sendMessage(tab.id, { type: "whichSite" } satisfies TabRequest)) ?? null;
  } catch {
    return null; // not a site ClearPost checks
  }
}

async function render(): Promise<void> {
  const [status, settings, here] = await Promise.all([ask({ type: "status" }), loadSettings(), currentSite()]);
  const service = byId("service");
  service.dataset.connected = String(status.connected);
  byId("service-text").textContent = status.connected
    ? "Connected: posts are checked on this computer"
    : `Not running: ClearPost cannot check posts (port ${status.port})`;
  byId("findings-today").textContent = String(status.findingsToday);
  byId("findings-today-label").textContent = status.findingsToday === 1 ? "finding caught today" : "findings caught today";

  const row = byId("site-row");
  const note = byId("site-note");
  if (!here) {
    note.hidden = false;
    note.textContent = "ClearPost checks posts on X, Facebook and LinkedIn.";
    return;
  }
  const checkbox = byId<HTMLInputElement>("site-enabled");
  row.hidden = false;
  byId("site-label").textContent = `On for ${SITE_NAMES[here.site]}`;
  checkbox.checked = settings.enabledSites.includes(here.site);
  checkbox.disabled = settings.managed.sites;
  if (settings.managed.sites) {
    note.hidden = false;
    note.textContent = "Set by your organisation.";
  }
  checkbox.onchange = () => void setSiteEnabled(here.site, checkbox.checked);
}

byId("open-options").addEventListener("click", (event) => {
  event.preventDefault();
  void chrome.runtime.openOptionsPage();
});
void render();
