// CSV import: the core previews by line and imports in one transaction; the screen only
// chooses which column fills which field.
import type { ImportPreview } from "../generated/ImportPreview";
import type { FolioApi } from "../ipc";

/** The core's word for a column that is not imported. */
const NOT_IMPORTED = "-";

/** The screen's choices (column → field, "" for none) as the core takes them. */
export function columnMapping(choices: Record<string, string>): [string, string][] {
  return Object.entries(choices).map(([column, field]) => [column, field === "" ? NOT_IMPORTED : field]);
}

/** The screen's choices as the core proposed them in a preview. */
export function choicesFrom(preview: ImportPreview): Record<string, string> {
  return Object.fromEntries(preview.columns.map((c) => [c.column, c.field ?? ""]));
}

export function previewImport(
  api: Pick<FolioApi, "previewImport">,
  csv: string,
  choices: Record<string, string>,
): Promise<ImportPreview> {
  return api.previewImport(csv, columnMapping(choices));
}

/** Imports the good rows; returns the confirmation. */
export async function importClients(
  api: Pick<FolioApi, "importClients">,
  csv: string,
  choices: Record<string, string>,
): Promise<string> {
  const done = await api.importClients(csv, columnMapping(choices));
  return importedSentence(done);
}

/** "Imported 1 client. 1 row(s) were left out." */
export function importedSentence(done: Pick<ImportPreview, "good" | "bad">): string {
  const left = done.bad ? ` ${done.bad} row(s) were left out.` : "";
  return `Imported ${done.good} ${done.good === 1 ? "client" : "clients"}.${left}`;
}

/** An id for the select of one column: "map-First-name". */
export function columnSelectId(column: string): string {
  return `map-${column.replace(/\W+/g, "-")}`;
}
