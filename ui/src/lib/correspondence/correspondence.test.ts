import type { Counterpart } from "../generated/Counterpart";
import type { Direction } from "../generated/Direction";
import type { Kind } from "../generated/Kind";
import { describe, expect, it } from "vitest";
import type { CorrespondenceEntry } from "../generated/CorrespondenceEntry";
import type { CorrespondenceForm } from "../generated/CorrespondenceForm";
import { logCorrespondence } from "./api";
import { attachmentText, entryText } from "./display";
import { emptyCorrespondenceForm } from "./form";

describe("correspondence", () => {
  it("starts a new entry empty", () => {
    expect(emptyCorrespondenceForm(new Date(2026, 10, 20))).toEqual({
      on: { day: "20", month: "11", year: "2026" }, kind: "phone-call", direction: "in", counterpart: "parent", name: "", summary: "",
    });
  });
  it("sends the attachments first, then logs the entry claiming them", async () => {
    const calls: string[] = [];
    let sent: (CorrespondenceForm & { uploads: number[] }) | null = null;
    const api = {
      beginUpload: async (name: string) => (calls.push(`begin ${name}`), 9),
      appendUpload: async (id: number, piece: Uint8Array) => (calls.push(`piece ${id} ${piece.length}`), 0),
      addCorrespondence: async (code: string, entry: CorrespondenceForm, uploads: number[]): Promise<CorrespondenceEntry> => {
        sent = { ...entry, uploads };
        return { id: 1, on: entry.on, kind: entry.kind as Kind, direction: entry.direction as Direction, counterpart: entry.counterpart as Counterpart,
          counterpartName: entry.counterpartName, summary: entry.summary,
          attachments: [{ id: 9, fileName: "scan.pdf", mediaType: "application/pdf", size: 3, sha256: "" }] };
      },
    };
    const file = { name: "scan.pdf", size: 3, slice: () => ({ arrayBuffer: async () => new Uint8Array(3).buffer }) };
    const progress: string[] = [];
    const form = { ...emptyCorrespondenceForm(new Date(2026, 10, 20)), summary: "Consent letter" };
    const { added, message } = await logCorrespondence(api, "JQ-0001", form, [file], (p) => progress.push(p));
    expect(calls).toEqual(["begin scan.pdf", "piece 9 3"]);
    expect(sent).toMatchObject({ on: "20/11/2026", uploads: [9], summary: "Consent letter" });
    expect(progress).toEqual(["Saving scan.pdf into the vault: 100%"]);
    expect(message).toBe("Logged on 20/11/2026 with 1 attachment(s).");
    expect(entryText({ ...added, counterpartName: "Mother" })).toBe("Phone call from parent or carer (Mother): Consent letter");
    expect(attachmentText({ id: 1, fileName: "a.pdf", mediaType: "", size: 300 * 1024 + 1, sha256: "" })).toBe("a.pdf (301 KB)");
  });
});
