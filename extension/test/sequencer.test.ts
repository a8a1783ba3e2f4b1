import { describe, expect, it } from "vitest";
import { LatestOnly } from "../src/content/sequencer";

describe("LatestOnly", () => {
  it("accepts the answer to the latest request while the text is unchanged", () => {
    const latest = new LatestOnly();
    const ticket = latest.begin("Saw Jane");
    expect(latest.isCurrent(ticket, "Saw Jane")).toBe(true);
  });

  it("discards an answer once a newer request was made", () => {
    const latest = new LatestOnly();
    const first = latest.begin("Saw Ja");
    const second = latest.begin("Saw Jane");
    expect(latest.isCurrent(first, "Saw Jane")).toBe(false);
    expect(latest.isCurrent(second, "Saw Jane")).toBe(true);
  });

  it("discards an answer when the text changed since it was asked", () => {
    const latest = new LatestOnly();
    const ticket = latest.begin("Saw Jane");
    expect(latest.isCurrent(ticket, "Saw Jane Doe")).toBe(false);
  });

  it("discards every answer in flight after invalidate", () => {
    const latest = new LatestOnly();
    const ticket = latest.begin("Saw Jane");
    latest.invalidate();
    expect(latest.isCurrent(ticket, "Saw Jane")).toBe(false);
  });
});
