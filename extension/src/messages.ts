/** The typed messages between content scripts, popup and the service worker (the only part that
 * talks to the local service). Findings and text travel only inside the browser and to 127.0.0.1. */

import type { Mode, SiteId } from "./settings";

export type Category = "direct" | "quasi";
export type RiskLevel = "none" | "low" | "medium" | "high";

/** One finding as /v1/analyze returns it; offsets in UTF-16 code units are JavaScript string offsets. */
export interface Finding {
  start: number;
  end: number;
  start_utf16: number;
  end_utf16: number;
  entity: string;
  category: Category;
  score: number;
  suggestion: string;
  explanation: string;
}

export interface Risk {
  level: RiskLevel;
  reasons: string[];
}

export interface Analysis {
  findings: Finding[];
  risk: Risk;
}

export type Request =
  | { type: "analyze"; text: string; site: SiteId }
  | { type: "siteState"; site: SiteId }
  | { type: "openFindings"; count: number; hasDirect: boolean; offline: boolean }
  | { type: "findingsSeen"; count: number }
  | { type: "status" };

export type AnalyzeReply =
  | { ok: true; analysis: Analysis; mode: Mode }
  | { ok: false; reason: "offline" | "error"; mode: Mode };

export interface SiteStateReply {
  enabled: boolean;
  mode: Mode;
}

export interface StatusReply {
  connected: boolean;
  version: string | null;
  mode: Mode;
  port: number;
  findingsToday: number;
}

/** What the popup asks the content script of the active tab. */
export type TabRequest = { type: "whichSite" } | { type: "settingsChanged" };

export interface WhichSiteReply {
  site: SiteId;
}

export type ReplyTo<R extends Request> = R extends { type: "analyze" }
  ? AnalyzeReply
  : R extends { type: "siteState" }
    ? SiteStateReply
    : R extends { type: "status" }
      ? StatusReply
      : void;

/** Send a request to the service worker and await its typed reply. */
export function ask<R extends Request>(request: R): Promise<ReplyTo<R>> {
  return chrome.runtime.sendMessage(request) as Promise<ReplyTo<R>>;
}
