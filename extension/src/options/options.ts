/** Options page: which sites ClearPost checks and the service's port. Values set by the
 * organisation (managed storage) are shown locked. */

import { loadSettings, setPort, setSiteEnabled, SITE_IDS, SITE_NAMES } from "../settings";

function byId<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

async function render(): Promise<void> {
  const settings = await loadSettings();

  const sites = byId("sites");
  sites.replaceChildren(...SITE_IDS.map((site) => {
    const label = document.createElement("label");
    label.className = "site";
    const checkbox = document.createElement("input");
    checkbox.type = "checkbox";
    checkbox.checked = settings.enabledSites.includes(site);
    checkbox.disabled = settings.managed.sites;
    checkbox.addEventListener("change", () => void setSiteEnabled(site, checkbox.checked));
    label.append(checkbox, SITE_NAMES[site]);
    return label;
  }));
  byId("sites-managed").hidden = !settings.managed.sites;

  const port = byId<HTMLInputElement>("port");
  port.value = String(settings.port);
  port.disabled = settings.managed.port;
  byId<HTMLButtonElement>("save-port").disabled = settings.managed.port;
  byId("port-managed").hidden = !settings.managed.port;

  byId("mode").textContent = settings.mode === "block"
    ? "Your organisation requires every finding to be fixed before posting."
    : "ClearPost warns you before posting; you can still post anyway.";
}

byId("save-port").addEventListener("click", async () => {
  const status = byId("port-status");
  try {
    await setPort(Number(byId<HTMLInputElement>("port").value));
    status.textContent = "Saved";
  } catch {
    status.textContent = "Enter a number between 1 and 65535";
  }
});

void render();
