// The safeguarding log's calls. The identifier check runs in the core on every entry; an
// entry that names someone is refused (code "identifiers-found") unless what it found is
// kept with a reason: hit by hit in the form, or all at once with "Keep it, because…".
import type { SafeguardingEntry } from "../generated/SafeguardingEntry";
import { fieldErrorsFor, toFolioError, type FieldError } from "../errors";
import type { FolioApi } from "../ipc";
import { whenText } from "./display";
import { SAFEGUARDING_FIELD_IDS, safeguardingRequest, type SafeguardingForm } from "./form";

export function listSafeguarding(api: Pick<FolioApi, "listSafeguarding">, code: string): Promise<SafeguardingEntry[]> {
  return api.listSafeguarding(code);
}

/** Logs the entry; `keepBecause` is the reason to keep what the identifier check found
 * (null: refuse if it finds anything). */
export async function logEntry(
  api: Pick<FolioApi, "addSafeguardingEntry">,
  code: string,
  form: SafeguardingForm,
  keepBecause: string | null,
  earlier: Pick<SafeguardingEntry, "id" | "on" | "time">[] = [],
): Promise<{ added: SafeguardingEntry; message: string }> {
  const added = await api.addSafeguardingEntry(code, safeguardingRequest(form), keepBecause);
  const first = earlier.find((e) => e.id === added.follows);
  const what = first ? `Follow-up to the entry of ${whenText(first)}` : "Safeguarding concern";
  const kept = added.kept.length ? ` ${added.kept.length} identifying detail(s) kept with your reason.` : "";
  return { added, message: `${what} logged for ${whenText(added)}.${kept}` };
}

/** The problems of a refused entry, and whether the refusal is the identifier check's. */
export function safeguardingErrors(e: unknown): { errors: FieldError[]; identifies: boolean } {
  const error = toFolioError(e);
  const identifies = error.code === "identifiers-found";
  return { errors: fieldErrorsFor(error, SAFEGUARDING_FIELD_IDS, "sg-account"), identifies };
}
