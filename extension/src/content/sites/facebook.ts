import type { SiteAdapter } from "./types";

/** Facebook: Lexical editors in the feed composer, group composers and their dialogs. */
export const facebook: SiteAdapter = {
  id: "facebook",
  hosts: ["www.facebook.com", "web.facebook.com"],
  editorSelectors: ['div[role="textbox"][contenteditable="true"]', "textarea"],
  postButtonSelectors: ['div[role="button"][aria-label="Post"]'],
};
