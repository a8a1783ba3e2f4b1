import { describe, expect, it } from "vitest";
import { decideGuard, type GuardFacts } from "../src/content/guard-logic";

const TEXT = "Saw my patient today";
const clean: GuardFacts = { text: TEXT, checkedText: TEXT, state: "clean", openDirect: 0, openQuasi: 0, ignored: 0, riskLevel: "none" };

describe("decideGuard", () => {
  it("lets a checked clean post through", () => {
    expect(decideGuard(clean)).toEqual({ block: false });
  });

  it("lets an empty post through without a check", () => {
    expect(decideGuard({ ...clean, text: "  ", checkedText: null, state: "checking" })).toEqual({ block: false });
  });

  it("blocks while a check is pending or the text changed since the last answer", () => {
    expect(decideGuard({ ...clean, state: "checking" })).toEqual({ block: true, reason: "pending" });
    expect(decideGuard({ ...clean, text: TEXT + " again" })).toEqual({ block: true, reason: "pending" });
  });

  it("blocks when the service could not be reached", () => {
    expect(decideGuard({ ...clean, state: "offline" })).toEqual({ block: true, reason: "offline" });
  });

  it("blocks on an open direct identifier", () => {
    expect(decideGuard({ ...clean, state: "findings", openDirect: 1, riskLevel: "low" })).toEqual({ block: true, reason: "findings" });
  });

  it("lets quasi-identifiers alone through when the combined risk is low", () => {
    expect(decideGuard({ ...clean, state: "findings", openQuasi: 2, riskLevel: "low" })).toEqual({ block: false });
  });

  it("blocks on medium or high combined risk", () => {
    expect(decideGuard({ ...clean, state: "findings", openQuasi: 3, riskLevel: "medium" })).toEqual({ block: true, reason: "risk" });
    expect(decideGuard({ ...clean, state: "findings", openQuasi: 3, riskLevel: "high" })).toEqual({ block: true, reason: "risk" });
  });

  it("accepts the risk once the physician ignored every finding", () => {
    expect(decideGuard({ ...clean, state: "clean", ignored: 3, riskLevel: "high" })).toEqual({ block: false });
    expect(decideGuard({ ...clean, state: "findings", openQuasi: 1, ignored: 2, riskLevel: "high" })).toEqual({ block: true, reason: "risk" });
  });

  it("does not let ignored quasi-identifiers hide an open direct one", () => {
    expect(decideGuard({ ...clean, state: "findings", openDirect: 1, ignored: 2, riskLevel: "none" })).toEqual({ block: true, reason: "findings" });
  });
});
