import type { SiteAdapter } from "./types";

/** X (Twitter): a Draft.js editor under data-testid="tweetTextarea_0". */
export const x: SiteAdapter = {
  id: "x",
  hosts: ["x.com", "twitter.com", "mobile.x.com", "mobile.twitter.com"],
  editorSelectors: ['[data-testid="tweetTextarea_0"]', '[role="textbox"][contenteditable="true"]', "textarea"],
  postButtonSelectors: ['[data-testid="tweetButtonInline"]', '[data-testid="tweetButton"]'],
};
