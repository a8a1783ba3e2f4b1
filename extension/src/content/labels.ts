import labels from "./entity-labels.json";
import type { Category } from "../messages";

/** The card's title for an entity type ("MRN" → "Medical record number"). */
export function entityLabel(entity: string): string {
  const known = (labels as Record<string, string>)[entity];
  if (known) return known;
  const words = entity.toLowerCase().replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const CATEGORY_NOTES: Record<Category, string> = {
  direct: "Identifies the patient",
  quasi: "Could identify the patient together with other details",
};
