import { describe, expect, it } from "vitest";
import { effectiveMode, mergeSettings } from "../src/settings";

describe("mergeSettings", () => {
  it("uses the defaults when nothing is set", () => {
    expect(mergeSettings({}, {})).toEqual({
      port: 8741, mode: "warn", enabledSites: ["x", "facebook", "linkedin"],
      managed: { port: false, mode: false, sites: false },
    });
  });

  it("takes the port and disabled sites from the options page", () => {
    const settings = mergeSettings({ port: 9100, disabledSites: ["facebook"] }, {});
    expect(settings.port).toBe(9100);
    expect(settings.enabledSites).toEqual(["x", "linkedin"]);
  });

  it("lets managed values override local ones", () => {
    const settings = mergeSettings({ port: 9100, disabledSites: ["x", "linkedin"] }, { port: 9200, mode: "block", sites: ["x", "linkedin"] });
    expect(settings.port).toBe(9200);
    expect(settings.mode).toBe("block");
    expect(settings.enabledSites).toEqual(["x", "linkedin"]);
    expect(settings.managed).toEqual({ port: true, mode: true, sites: true });
  });

  it("ignores invalid values", () => {
    const settings = mergeSettings({ port: "80", disabledSites: "x" }, { port: 70000, mode: "strict", sites: ["myspace", "x"] });
    expect(settings.port).toBe(8741);
    expect(settings.mode).toBe("warn");
    expect(settings.enabledSites).toEqual(["x"]);
    expect(settings.managed).toEqual({ port: false, mode: false, sites: true });
  });
});

describe("effectiveMode", () => {
  it("blocks when either the extension or the service says block", () => {
    expect(effectiveMode("warn", undefined)).toBe("warn");
    expect(effectiveMode("warn", "warn")).toBe("warn");
    expect(effectiveMode("block", "warn")).toBe("block");
    expect(effectiveMode("warn", "block")).toBe("block");
  });
});
