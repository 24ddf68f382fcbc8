// Small display helpers for the correspondence log.
import type { BlobInfo } from "../generated/BlobInfo";
import type { CorrespondenceEntry } from "../generated/CorrespondenceEntry";
import { correspondenceHeading } from "../labels";

/** "Phone call from parent (Mother): Asked to move Thursday's session". */
export function entryText(e: CorrespondenceEntry): string {
  return `${correspondenceHeading(e.kind, e.direction, e.counterpart, e.counterpartName)}: ${e.summary}`;
}

/** "consent-scan.pdf (301 KB)", sizes rounded up to whole kilobytes. */
export function attachmentText(a: BlobInfo): string {
  return `${a.fileName} (${Math.ceil(a.size / 1024)} KB)`;
}

/** " with 1 attachment(s)", or "" for none: the end of the "Logged on …" confirmation. */
export function attachmentCount(e: CorrespondenceEntry): string {
  return e.attachments.length ? ` with ${e.attachments.length} attachment(s)` : "";
}
