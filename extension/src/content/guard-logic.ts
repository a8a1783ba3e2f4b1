/** The Post guard's decision, kept pure so that it can be tested on its own. */

import type { RiskLevel } from "../messages";

export type CheckState = "checking" | "clean" | "findings" | "offline";

export interface GuardFacts {
  /** The editor's current text. */
  text: string;
  /** The text the latest answer was for (null before any answer). */
  checkedText: string | null;
  state: CheckState;
  openDirect: number;
  openQuasi: number;
  ignored: number;
  riskLevel: RiskLevel;
}

export type GuardReason = "pending" | "offline" | "findings" | "risk";
export type GuardVerdict = { block: false } | { block: true; reason: GuardReason };

const RISKY: ReadonlySet<RiskLevel> = new Set(["medium", "high"]);

export function decideGuard(facts: GuardFacts): GuardVerdict {
  if (facts.text.trim() === "") return { block: false };
  if (facts.state === "checking" || facts.checkedText !== facts.text) return { block: true, reason: "pending" };
  if (facts.state === "offline") return { block: true, reason: "offline" };
  if (facts.openDirect > 0) return { block: true, reason: "findings" };
  // The combined risk stands until its details are fixed, or until the physician has looked at
  // each of them and chosen to keep them (ignored every one).
  const acknowledged = facts.ignored > 0 && facts.openDirect + facts.openQuasi === 0;
  if (RISKY.has(facts.riskLevel) && !acknowledged) return { block: true, reason: "risk" };
  return { block: false };
}
