// Words for retention: what a record is, and where it stands against the policy.
import type { Entry } from "../generated/Entry";
import { retentionCategoryLabel } from "../labels";

/** "Client record", "Correspondence 3", "Artwork held ART-0007". */
export function recordText(e: Pick<Entry, "category" | "item">): string {
  return e.item ? `${retentionCategoryLabel(e.category)} ${e.item}` : retentionCategoryLabel(e.category);
}

/** The countdown in a few words, with a tone for its badge. */
export function keptText(e: Pick<Entry, "state" | "dueOn">): { tone: "kept" | "due" | "hold" | "info"; words: string } {
  switch (e.state) {
    case "kept":
      return { tone: "kept", words: `Kept until ${e.dueOn ?? ""}` };
    case "due":
      return { tone: "due", words: `Due: may be destroyed from ${e.dueOn ?? ""}` };
    case "on-hold":
      return { tone: "hold", words: `On hold (kept until ${e.dueOn ?? ""})` };
    case "destruction-pending":
      return { tone: "due", words: "Destruction pending" };
    case "in-therapy":
      return { tone: "info", words: "In therapy: nothing counts down yet" };
    case "needs-information":
      return { tone: "info", words: "Needs information" };
  }
}

/** Home's line: "3 records overdue, 1 due this month", or "" when nothing is. */
export function homeSentence(overdue: number, dueThisMonth: number): string {
  const records = (n: number) => `${n} ${n === 1 ? "record" : "records"}`;
  const parts = [];
  if (overdue) parts.push(`${records(overdue)} may be destroyed now`);
  if (dueThisMonth) parts.push(`${records(dueThisMonth)} due later this month`);
  return parts.join(", ");
}
