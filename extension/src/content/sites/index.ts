import { facebook } from "./facebook";
import { linkedin } from "./linkedin";
import type { SiteAdapter } from "./types";
import { x } from "./x";

export type { SiteAdapter } from "./types";

/** Adding a site: one file like x.ts, listed here and in the manifest's content_scripts matches. */
export const SITES: SiteAdapter[] = [x, facebook, linkedin];

export function siteForHost(hostname: string): SiteAdapter | undefined {
  return SITES.find((site) => site.hosts.includes(hostname));
}
