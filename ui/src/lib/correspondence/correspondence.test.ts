import type { Counterpart } from "../generated/Counterpart";
import type { Direction } from "../generated/Direction";
import type { Kind } from "../generated/Kind";
import { describe, expect, it } from "vitest";
import type { CorrespondenceEntry } from "../generated/CorrespondenceEntry";
import type { CorrespondenceForm } from "../generated/CorrespondenceForm";
import type { PendingUpload } from "../generated/PendingUpload";
import type { UploadProgress } from "../generated/UploadProgress";
import { chooseAttachments, logCorrespondence } from "./api";
import { attachmentText, entryText } from "./display";
import { asksOutsideReason, emptyCorrespondenceForm } from "./form";

describe("correspondence", () => {
  it("starts a new entry empty", () => {
    expect(emptyCorrespondenceForm(new Date(2026, 10, 20))).toEqual({
      on: { day: "20", month: "11", year: "2026" }, kind: "phone-call", direction: "in", counterpart: "parent", name: "", summary: "",
      outsideReason: "", kept: [],
    });
    expect(asksOutsideReason({ kind: "text", counterpart: "client" })).toBe(true);
    expect(asksOutsideReason({ kind: "email", counterpart: "client" })).toBe(false);
    expect(asksOutsideReason({ kind: "text", counterpart: "parent" })).toBe(false);
  });
  it("saves the chosen files with progress, then logs the entry claiming them", async () => {
    let listening = false;
    let sent: (CorrespondenceForm & { uploads: number[] }) | null = null;
    const api = {
      onUploadProgress: async (handler: (p: UploadProgress) => void) => {
        listening = true;
        handler({ fileName: "scan.pdf", sent: 3, total: 6 });
        handler({ fileName: "scan.pdf", sent: 6, total: 6 });
        return () => void (listening = false);
      },
      attachFiles: async (): Promise<PendingUpload[]> => [{ uploadId: 9, fileName: "scan.pdf", size: 6 }],
      addCorrespondence: async (code: string, entry: CorrespondenceForm, uploads: number[]): Promise<CorrespondenceEntry> => {
        sent = { ...entry, uploads };
        return { id: 1, on: entry.on, kind: entry.kind as Kind, direction: entry.direction as Direction, counterpart: entry.counterpart as Counterpart,
          counterpartName: entry.counterpartName, summary: entry.summary,
          attachments: [{ id: 9, fileName: "scan.pdf", mediaType: "application/pdf", size: 3, sha256: "" }], warnings: [], kept: [], reminders: [] };
      },
    };
    const progress: [string, number][] = [];
    const chosen = await chooseAttachments(api, (sentence, percent) => progress.push([sentence, percent]));
    expect(progress).toEqual([["Saving scan.pdf into the vault: 50%", 50], ["Saving scan.pdf into the vault: 100%", 100]]);
    expect(listening).toBe(false);
    const form = { ...emptyCorrespondenceForm(new Date(2026, 10, 20)), summary: "Consent letter" };
    const { added, message } = await logCorrespondence(api, "JQ-0001", form, chosen);
    expect(sent).toMatchObject({ on: "20/11/2026", uploads: [9], summary: "Consent letter" });
    expect(message).toBe("Logged on 20/11/2026 with 1 attachment(s).");
    expect(entryText({ ...added, counterpartName: "Mother" })).toBe("Phone call from parent or carer (Mother): Consent letter");
    expect(attachmentText({ id: 1, fileName: "a.pdf", mediaType: "", size: 300 * 1024 + 1, sha256: "" })).toBe("a.pdf (301 KB)");
  });
});
