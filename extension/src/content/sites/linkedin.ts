import type { SiteAdapter } from "./types";

/** LinkedIn: the share box is a Quill editor. */
export const linkedin: SiteAdapter = {
  id: "linkedin",
  hosts: ["www.linkedin.com"],
  editorSelectors: [".ql-editor", "textarea"],
  postButtonSelectors: ["button.share-actions__primary-action"],
};
