import { describe, expect, it } from "vitest";
import { TextMap } from "../src/content/textmap";

function editor(html: string): HTMLElement {
  const root = document.createElement("div");
  root.setAttribute("contenteditable", "true");
  root.innerHTML = html;
  document.body.replaceChildren(root);
  return root;
}

/** Every offset maps to a DOM point and back to itself (but those inside an image's alt text,
 * which has no DOM position of its own). */
function expectRoundTrip(map: TextMap, insideAtoms: number[] = []): void {
  for (let offset = 0; offset <= map.text.length; offset++) {
    if (insideAtoms.includes(offset)) continue;
    for (const affinity of ["forward", "backward"] as const) {
      const point = map.toDomPoint(offset, affinity);
      expect(map.fromDomPoint(point.node, point.offset), `offset ${offset} (${affinity})`).toBe(offset);
    }
  }
}

const DRAFT = `<div data-contents="true">
<div data-block="true"><div data-offset-key="a-0-0"><span data-offset-key="a-0-0"><span data-text="true">Saw Jane Doe today</span></span></div></div>
<div data-block="true"><div data-offset-key="b-0-0"><span data-offset-key="b-0-0"><br data-text="true"></span></div></div>
<div data-block="true"><div data-offset-key="c-0-0"><span data-offset-key="c-0-0"><span data-text="true">room </span></span><span data-offset-key="c-1-0"><span data-text="true">412</span></span></div></div>
</div>`.replace(/\n/g, "");

describe("TextMap", () => {
  it("reads Draft.js blocks, an empty block and split spans as lines", () => {
    const map = TextMap.fromElement(editor(DRAFT));
    expect(map.text).toBe("Saw Jane Doe today\n\nroom 412");
    expectRoundTrip(map);
  });

  it("reads Lexical paragraphs with a line break and Lexical's trailing <br>", () => {
    const map = TextMap.fromElement(editor(
      '<p dir="ltr"><span data-lexical-text="true">Age 94</span><br><span data-lexical-text="true">Brookline</span></p>' +
      '<p><br></p><p dir="ltr"><span data-lexical-text="true">end</span><br><br></p>'));
    expect(map.text).toBe("Age 94\nBrookline\n\nend\n");
    expectRoundTrip(map);
  });

  it("reads Quill paragraphs with nested formatting", () => {
    const map = TextMap.fromElement(editor("<p>MRN <strong>44<em>829</em>13</strong></p><p><br></p><p>ok</p>"));
    expect(map.text).toBe("MRN 4482913\n\nok");
    expectRoundTrip(map);
  });

  it("reads bare text with <br> line breaks", () => {
    const map = TextMap.fromElement(editor("first<br>second<br><br>fourth"));
    expect(map.text).toBe("first\nsecond\n\nfourth");
    expectRoundTrip(map);
  });

  it("counts emoji as UTF-16 code units, as the service's *_utf16 offsets do", () => {
    const map = TextMap.fromElement(editor("<p><span>\u{1F600} Jane \u{1F44D}\u{1F3FD} Doe</span></p>"));
    expect(map.text).toBe("\u{1F600} Jane \u{1F44D}\u{1F3FD} Doe");
    const janeStart = map.text.indexOf("Jane");
    expect(janeStart).toBe(3);
    expect(map.toRange(janeStart, janeStart + 4).toString()).toBe("Jane");
    const doeStart = map.text.indexOf("Doe");
    expect(map.toRange(doeStart, doeStart + 3).toString()).toBe("Doe");
    expectRoundTrip(map);
  });

  it("counts an emoji image as its alt text", () => {
    const map = TextMap.fromElement(editor('<p><span>hi </span><img alt="\u{1F600}" src="data:,"><span> Jane</span></p>'));
    expect(map.text).toBe("hi \u{1F600} Jane");
    expect(map.toRange(6, 10).toString()).toBe("Jane");
    expectRoundTrip(map, [4]);
  });

  it("maps a range across lines and nested spans to the right DOM text", () => {
    const map = TextMap.fromElement(editor(DRAFT));
    const start = map.text.indexOf("Doe");
    const end = map.text.indexOf("412") + 3;
    const range = map.toRange(start, end);
    expect(range.startContainer.textContent).toBe("Saw Jane Doe today");
    expect(range.startOffset).toBe(start);
    expect(range.endContainer.textContent).toBe("412");
    expect(range.endOffset).toBe(3);
  });

  it("maps a range ending at a span boundary to the end of the earlier span", () => {
    const map = TextMap.fromElement(editor("<p><span>room </span><span>412</span></p>"));
    const range = map.toRange(0, 5);
    expect(range.endContainer.textContent).toBe("room ");
    expect(range.toString()).toBe("room ");
    expect(map.toRange(5, 8).startContainer.textContent).toBe("412");
  });

  it("maps the caret in an empty line (element position) to that line's offset", () => {
    const root = editor("<p>a</p><p><br></p><p>b</p>");
    const map = TextMap.fromElement(root);
    const emptyParagraph = root.children[1];
    expect(map.fromDomPoint(emptyParagraph, 0)).toBe(2);
    expect(map.fromDomPoint(root, 3)).toBe(map.text.length);
  });

  it("gives the empty text for an empty editor", () => {
    expect(TextMap.fromElement(editor("<p><br></p>")).text).toBe("");
    expect(TextMap.fromElement(editor("")).text).toBe("");
  });
});
