import type { SiteId } from "../../settings";

/** What ClearPost needs to know about one site: where its compose boxes and Post buttons are. */
export interface SiteAdapter {
  id: SiteId;
  hosts: string[];
  /** Compose boxes: the editable element itself, or a wrapper whose editable descendant is the editor. */
  editorSelectors: string[];
  postButtonSelectors: string[];
}
