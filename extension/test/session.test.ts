import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AnalyzeReply, Request } from "../src/messages";
import { EditorSession } from "../src/content/session";

/** The worker's answers, released by the test in any order. */
const pending: { text: string; resolve: (reply: AnalyzeReply) => void }[] = [];

function findingFor(text: string, needle: string): AnalyzeReply {
  const start = text.indexOf(needle);
  return {
    ok: true, mode: "warn",
    analysis: {
      findings: start < 0 ? [] : [{
        start, end: start + needle.length, start_utf16: start, end_utf16: start + needle.length,
        entity: "PERSON", category: "direct", score: 0.9, suggestion: "my patient", explanation: "A name identifies the patient.",
      }],
      risk: { level: "none", reasons: [] },
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers();
  pending.length = 0;
  vi.stubGlobal("chrome", {
    runtime: {
      sendMessage: (request: Request) => new Promise((resolve) => {
        if (request.type === "analyze") pending.push({ text: request.text, resolve });
        else resolve(undefined);
      }),
    },
  });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function startSession(): { editor: HTMLElement; session: EditorSession } {
  const editor = document.createElement("div");
  editor.setAttribute("contenteditable", "true");
  document.body.replaceChildren(editor);
  const session = new EditorSession(editor, "x", { changed: () => undefined, newFindings: () => undefined });
  session.start();
  return { editor, session };
}

async function typeText(editor: HTMLElement, text: string): Promise<void> {
  editor.textContent = text;
  editor.dispatchEvent(new Event("input"));
  await vi.advanceTimersByTimeAsync(300);
}

describe("EditorSession", () => {
  it("marks the editor checking, then findings with the open count", async () => {
    const { editor } = startSession();
    await typeText(editor, "Saw Jane Doe");
    expect(editor.getAttribute("data-clearpost-state")).toBe("checking");
    pending[0].resolve(findingFor(pending[0].text, "Jane Doe"));
    await vi.runAllTimersAsync();
    expect(editor.getAttribute("data-clearpost-state")).toBe("findings");
    expect(editor.getAttribute("data-clearpost-count")).toBe("1");
  });

  it("discards an answer for text that has changed since", async () => {
    const { editor, session } = startSession();
    await typeText(editor, "Saw Jane Doe");
    await typeText(editor, "Saw my patient");
    expect(pending.map((p) => p.text)).toEqual(["Saw Jane Doe", "Saw my patient"]);
    pending[1].resolve(findingFor(pending[1].text, "Jane Doe"));
    await vi.runAllTimersAsync();
    pending[0].resolve(findingFor(pending[0].text, "Jane Doe")); // late answer to the old text
    await vi.runAllTimersAsync();
    expect(editor.getAttribute("data-clearpost-state")).toBe("clean");
    expect(session.findings).toEqual([]);
    expect(session.checkedText).toBe("Saw my patient");
  });

  it("says offline when the worker cannot reach the service", async () => {
    const { editor } = startSession();
    await typeText(editor, "Saw Jane Doe");
    pending[0].resolve({ ok: false, reason: "offline", mode: "warn" });
    await vi.runAllTimersAsync();
    expect(editor.getAttribute("data-clearpost-state")).toBe("offline");
    expect(editor.getAttribute("data-clearpost-count")).toBe("0");
  });

  it("keeps an ignored finding ignored when the text is checked again", async () => {
    const { editor, session } = startSession();
    await typeText(editor, "Saw Jane Doe");
    pending[0].resolve(findingFor(pending[0].text, "Jane Doe"));
    await vi.runAllTimersAsync();
    session.ignore(session.findings[0]);
    expect(editor.getAttribute("data-clearpost-count")).toBe("0");
    await typeText(editor, "Saw Jane Doe today");
    pending[1].resolve(findingFor(pending[1].text, "Jane Doe"));
    await vi.runAllTimersAsync();
    expect(editor.getAttribute("data-clearpost-state")).toBe("clean");
    expect(session.facts().ignored).toBe(1);
  });
});
