/** The service worker: the only part of the extension that talks to the local ClearPost service
 * (a content script's fetch to 127.0.0.1 is blocked by Chrome's local-network rules). It also
 * keeps the toolbar badge and the "findings today" counter. It never stores or logs text. */

import defaults from "./defaults.json";
import type { Analysis, AnalyzeReply, Request, SiteStateReply, StatusReply } from "./messages";
import { effectiveMode, loadSettings, type Mode, type Settings } from "./settings";

const COUNTER_KEY = "findingsToday";
const BADGE_COLORS = { direct: "#c5221f", quasi: "#b06000", offline: "#5f6368" };

let settingsCache: Promise<Settings> | null = null;
let health: { checkedAt: number; port: number; mode: Mode | undefined; version: string | null; ok: boolean } | null = null;

function settings(): Promise<Settings> {
  settingsCache ??= loadSettings();
  return settingsCache;
}

chrome.storage.onChanged.addListener((_changes, area) => {
  if (area === "local" || area === "managed") {
    settingsCache = null;
    health = null;
  }
});

function serviceUrl(port: number, path: string): string {
  return `http://127.0.0.1:${port}${path}`;
}

/** /v1/health, cached briefly: it tells whether the service runs and whether IT set block mode there. */
async function serviceHealth(port: number, fresh = false): Promise<NonNullable<typeof health>> {
  if (!fresh && health && health.port === port && Date.now() - health.checkedAt < defaults.healthCacheMs) return health;
  try {
    const response = await fetch(serviceUrl(port, "/v1/health"), { signal: AbortSignal.timeout(defaults.requestTimeoutMs) });
    const body = response.ok ? await response.json() : null;
    health = {
      checkedAt: Date.now(), port, ok: body?.status === "ok",
      mode: body?.mode === "block" || body?.mode === "warn" ? body.mode : undefined,
      version: typeof body?.version === "string" ? body.version : null,
    };
  } catch {
    health = { checkedAt: Date.now(), port, ok: false, mode: undefined, version: null };
  }
  return health;
}

function isAnalysis(body: unknown): body is Analysis {
  const candidate = body as Analysis | null;
  return Array.isArray(candidate?.findings) && typeof candidate?.risk?.level === "string" && Array.isArray(candidate.risk.reasons);
}

async function analyze(text: string, site: string): Promise<AnalyzeReply> {
  const current = await settings();
  const state = await serviceHealth(current.port);
  const mode = effectiveMode(current.mode, state.mode);
  try {
    const response = await fetch(serviceUrl(current.port, "/v1/analyze"), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text, platform: site }),
      signal: AbortSignal.timeout(defaults.requestTimeoutMs),
    });
    if (!response.ok) return { ok: false, reason: "error", mode };
    const body: unknown = await response.json();
    if (!isAnalysis(body)) return { ok: false, reason: "error", mode };
    if (!state.ok) health = null; // it answers now: refresh the cached health (and mode) next time
    return { ok: true, analysis: { findings: body.findings, risk: body.risk }, mode };
  } catch {
    health = null;
    return { ok: false, reason: "offline", mode };
  }
}

function today(): string {
  return new Date().toLocaleDateString("en-CA"); // YYYY-MM-DD in local time
}

async function findingsToday(): Promise<number> {
  const stored = (await chrome.storage.local.get(COUNTER_KEY))[COUNTER_KEY] as { day?: string; count?: number } | undefined;
  return stored?.day === today() && typeof stored.count === "number" ? stored.count : 0;
}

async function addFindingsToday(count: number): Promise<void> {
  const total = (await findingsToday()) + count;
  await chrome.storage.local.set({ [COUNTER_KEY]: { day: today(), count: total } });
}

async function setBadge(tabId: number | undefined, count: number, hasDirect: boolean, offline: boolean): Promise<void> {
  if (tabId === undefined) return;
  const text = offline ? "!" : count > 0 ? String(count) : "";
  const color = offline ? BADGE_COLORS.offline : hasDirect ? BADGE_COLORS.direct : BADGE_COLORS.quasi;
  try {
    await chrome.action.setBadgeBackgroundColor({ tabId, color });
    await chrome.action.setBadgeText({ tabId, text });
  } catch {
    // The tab closed meanwhile.
  }
}

async function handle(request: Request, sender: chrome.runtime.MessageSender): Promise<unknown> {
  switch (request.type) {
    case "analyze":
      return analyze(request.text, request.site);
    case "siteState": {
      const current = await settings();
      const state = await serviceHealth(current.port);
      const reply: SiteStateReply = { enabled: current.enabledSites.includes(request.site), mode: effectiveMode(current.mode, state.mode) };
      return reply;
    }
    case "openFindings":
      return setBadge(sender.tab?.id, request.count, request.hasDirect, request.offline);
    case "findingsSeen":
      return addFindingsToday(request.count);
    case "status": {
      const current = await settings();
      const state = await serviceHealth(current.port, true);
      const reply: StatusReply = {
        connected: state.ok, version: state.version, mode: effectiveMode(current.mode, state.mode),
        port: current.port, findingsToday: await findingsToday(),
      };
      return reply;
    }
  }
}

chrome.runtime.onMessage.addListener((request: Request, sender, sendResponse) => {
  handle(request, sender).then(sendResponse, () => sendResponse(undefined));
  return true; // answer asynchronously
});
