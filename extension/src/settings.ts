/** Settings: what hospital IT sets in managed storage wins over what the physician sets on the
 * options page (chrome.storage.local). Only settings and counters are ever stored. */

import defaults from "./defaults.json";

export const SITE_IDS = ["x", "facebook", "linkedin"] as const;
export type SiteId = (typeof SITE_IDS)[number];
export type Mode = "warn" | "block";

export interface Settings {
  port: number;
  mode: Mode;
  enabledSites: SiteId[];
  /** Which values IT fixed, so the options page and popup can show them as locked. */
  managed: { port: boolean; mode: boolean; sites: boolean };
}

/** chrome.storage.local keys (a contract: the end-to-end tests write them). */
export const LOCAL_KEYS = { port: "port", disabledSites: "disabledSites" } as const;

function validPort(value: unknown): number | undefined {
  return typeof value === "number" && Number.isInteger(value) && value > 0 && value < 65536 ? value : undefined;
}

function validMode(value: unknown): Mode | undefined {
  return value === "warn" || value === "block" ? value : undefined;
}

function validSites(value: unknown): SiteId[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return SITE_IDS.filter((site) => value.includes(site));
}

/** Merge managed (IT) values over local (options page) values over defaults. */
export function mergeSettings(local: Record<string, unknown>, managed: Record<string, unknown>): Settings {
  const managedPort = validPort(managed.port);
  const managedMode = validMode(managed.mode);
  const managedSites = validSites(managed.sites);
  const disabled = validSites(local[LOCAL_KEYS.disabledSites]) ?? [];
  return {
    port: managedPort ?? validPort(local[LOCAL_KEYS.port]) ?? defaults.port,
    mode: managedMode ?? (defaults.mode as Mode),
    enabledSites: managedSites ?? SITE_IDS.filter((site) => !disabled.includes(site)),
    managed: { port: managedPort !== undefined, mode: managedMode !== undefined, sites: managedSites !== undefined },
  };
}

/** Block wins: the stricter of the extension's mode and the service's (from /v1/health). */
export function effectiveMode(settingsMode: Mode, serviceMode: Mode | undefined): Mode {
  return settingsMode === "block" || serviceMode === "block" ? "block" : "warn";
}

async function readManaged(): Promise<Record<string, unknown>> {
  try {
    return (await chrome.storage.managed.get(null)) ?? {};
  } catch {
    return {}; // no policy store (e.g. Firefox without a managed manifest)
  }
}

export async function loadSettings(): Promise<Settings> {
  const [local, managed] = await Promise.all([chrome.storage.local.get(null), readManaged()]);
  return mergeSettings(local, managed);
}

export async function setSiteEnabled(site: SiteId, enabled: boolean): Promise<void> {
  const stored = await chrome.storage.local.get(LOCAL_KEYS.disabledSites);
  const disabled = new Set(validSites(stored[LOCAL_KEYS.disabledSites]) ?? []);
  if (enabled) disabled.delete(site);
  else disabled.add(site);
  await chrome.storage.local.set({ [LOCAL_KEYS.disabledSites]: [...disabled] });
}

export async function setPort(port: number): Promise<void> {
  if (validPort(port) === undefined) throw new RangeError("port must be an integer between 1 and 65535");
  await chrome.storage.local.set({ [LOCAL_KEYS.port]: port });
}

export const SITE_NAMES: Record<SiteId, string> = { x: "X (Twitter)", facebook: "Facebook", linkedin: "LinkedIn" };
