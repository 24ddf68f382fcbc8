// Dates as the forms show them: three fields (day, month, year), sent to the core as
// dd/mm/yyyy for it to check. Words for codes live in labels.ts.

/** A date as the three fields of a DateField. */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** Today as dd/mm/yyyy (the therapist's local date). */
export function todayUk(now: Date = new Date()): string {
  const dd = String(now.getDate()).padStart(2, "0");
  const mm = String(now.getMonth() + 1).padStart(2, "0");
  return `${dd}/${mm}/${now.getFullYear()}`;
}

/** Joins three date fields as dd/mm/yyyy for the core to check; empty when all are empty. */
export function joinDate(day: string, month: string, year: string): string {
  const parts = [day.trim(), month.trim(), year.trim()];
  if (parts.every((p) => p === "")) return "";
  return `${parts[0].padStart(2, "0")}/${parts[1].padStart(2, "0")}/${parts[2]}`;
}

/** Splits dd/mm/yyyy into its three fields. */
export function splitDate(text: string): [string, string, string] {
  const [d = "", m = "", y = ""] = text.split("/");
  return [d, m, y];
}

/** dd/mm/yyyy (or "") as the three fields of a DateField. */
export function dateParts(text: string): DateParts {
  const [day, month, year] = splitDate(text);
  return { day, month, year };
}

/** Today as the three fields of a DateField: the default of every "date" on a new record. */
export function todayParts(now: Date = new Date()): DateParts {
  return dateParts(todayUk(now));
}

/** The three fields of a DateField as dd/mm/yyyy. */
export function joinParts(parts: DateParts): string {
  return joinDate(parts.day, parts.month, parts.year);
}

/** camelCase field name → kebab-case id part. */
export function kebab(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
