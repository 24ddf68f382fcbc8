// The handover form (the clinical will) as the therapist fills it in, and its problems
// beside the right inputs. The rules (k of n, names, what a re-issue keeps) are the core's.
import { fieldErrorsFor, toFolioError, type FieldError } from "../errors";
import type { HandoverForm } from "../generated/HandoverForm";
import type { HandoverStatus } from "../generated/HandoverStatus";

export interface HandoverFields {
  threshold: string;
  holders: string[];
  successorName: string;
  successorProfession: string;
  successorRegistration: string;
  successorContact: string;
  laptop: string;
  backups: string;
  instructions: string;
}

/** The usual clinical will: three holders, any two needed (issue 14's default). */
export function blankFields(): HandoverFields {
  return {
    threshold: "2",
    holders: ["", "", ""],
    successorName: "",
    successorProfession: "",
    successorRegistration: "",
    successorContact: "",
    laptop: "",
    backups: "",
    instructions: "",
  };
}

/** A re-issue starts from the handover as it stands. */
export function fieldsFrom(status: HandoverStatus): HandoverFields {
  const s = status.successor;
  return {
    threshold: String(status.threshold),
    holders: status.holders.map((h) => h.name),
    successorName: s.name,
    successorProfession: s.profession,
    successorRegistration: s.registration,
    successorContact: s.contact,
    laptop: status.laptop,
    backups: status.backups,
    instructions: status.instructions,
  };
}

/** What the core is sent: everything as typed. */
export function handoverRequest(f: HandoverFields): HandoverForm {
  return {
    threshold: f.threshold,
    holders: [...f.holders],
    successor: {
      name: f.successorName,
      profession: f.successorProfession,
      registration: f.successorRegistration,
      contact: f.successorContact,
    },
    laptop: f.laptop,
    backups: f.backups,
    instructions: f.instructions,
  };
}

export const holderId = (i: number): string => `handover-holder-${i + 1}`;

/** Core field → the form's input. */
export const HANDOVER_FIELD_IDS: Record<string, string> = {
  threshold: "handover-threshold",
  holders: holderId(0),
  successorName: "handover-successor-name",
  successorProfession: "handover-successor-profession",
  successorRegistration: "handover-successor-registration",
  successorContact: "handover-successor-contact",
  laptop: "handover-laptop",
  backups: "handover-backups",
  instructions: "handover-instructions",
  out: "handover-confirm",
};

export const handoverErrors = (e: unknown): FieldError[] =>
  fieldErrorsFor(toFolioError(e), HANDOVER_FIELD_IDS, "handover-successor-name");
