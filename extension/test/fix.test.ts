import { describe, expect, it } from "vitest";
import { applyEdit, replaceAll, tidyDeletion } from "../src/content/fix";

describe("tidyDeletion", () => {
  it("takes the space before a deleted span that ends at punctuation", () => {
    const text = "Seen (age 50, MRN 4482913) today";
    const start = text.indexOf("MRN");
    const span = tidyDeletion(text, start, start + "MRN 4482913".length);
    expect(applyEdit(text, { ...span, replacement: "" })).toBe("Seen (age 50,) today");
  });

  it("takes the space after a span at the start of a line", () => {
    const span = tidyDeletion("MRN 4482913 seen today", 0, 11);
    expect(applyEdit("MRN 4482913 seen today", { ...span, replacement: "" })).toBe("seen today");
  });
});

describe("replaceAll on a textarea", () => {
  it("applies fixes from the end backwards and fires input", async () => {
    const textarea = document.createElement("textarea");
    document.body.replaceChildren(textarea);
    textarea.value = "Jane Doe, 94, in room 412";
    let inputs = 0;
    textarea.addEventListener("input", () => inputs++);
    const applied = await replaceAll(textarea, [
      { start: 0, end: 8, replacement: "My patient", original: "Jane Doe" },
      { start: 10, end: 12, replacement: "over 90", original: "94" },
      { start: 17, end: 25, replacement: "a room", original: "room 412" },
    ]);
    expect(applied).toBe(3);
    expect(textarea.value).toBe("My patient, over 90, in a room");
    expect(inputs).toBe(3);
  });

  it("skips a fix whose text is no longer there", async () => {
    const textarea = document.createElement("textarea");
    document.body.replaceChildren(textarea);
    textarea.value = "Saw Jane today";
    const applied = await replaceAll(textarea, [{ start: 4, end: 8, replacement: "my patient", original: "John" }]);
    expect(applied).toBe(0);
    expect(textarea.value).toBe("Saw Jane today");
  });
});
