import { describe, expect, it } from "vitest";
import {
  closedEpisodeSentence,
  correspondenceHeading,
  fundingLabel,
  humanise,
  modalityChoices,
  referrerLabel,
  roleLabel,
  sessionRecordedSentence,
  stateChangedSentence,
  stateChoices,
  stateLabel,
} from "./labels";

describe("labels", () => {
  it("gives words for every code, never the code", () => {
    expect(stateLabel("waiting-list")).toBe("Waiting list");
    expect(fundingLabel("nhs")).toBe("NHS");
    expect(referrerLabel("camhs")).toBe("CAMHS");
    expect(roleLabel("salt")).toBe("Speech and language therapist");
    expect(stateChoices()).toContainEqual(["in-therapy", "In therapy"]);
    expect(modalityChoices()).toEqual([["art", "Art therapy"], ["music", "Music therapy"]]);
  });
  it("makes a code it does not know readable rather than showing it raw", () => {
    expect(humanise("social-care")).toBe("Social care");
    expect(humanise("gpSurgery")).toBe("Gp surgery");
    expect(roleLabel("music_therapist")).toBe("Music therapist");
    expect(stateLabel("constructor")).toBe("Constructor");
  });
  it("builds the sentences that carry a state or an outcome in one place", () => {
    expect(stateChangedSentence("JQ-0001", "in-therapy", "16/11/2026")).toBe('JQ-0001 moved to "In therapy" on 16/11/2026.');
    expect(stateChangedSentence("JQ-0001", "waiting-list", "16/11/2026")).toContain("moved to \"Waiting list\"");
    expect(closedEpisodeSentence("declined", 1)).toBe(
      "Episode 1 is closed (Declined). Re-referring opens episode 2 on the same record.",
    );
    expect(sessionRecordedSentence("18/11/2026", "did-not-attend")).toBe("Session on 18/11/2026 recorded: did not attend.");
    expect(correspondenceHeading("phone-call", "in", "parent", "Mother")).toBe("Phone call from parent or carer (Mother)");
    expect(correspondenceHeading("letter", "out", "professional", "")).toBe("Letter to professional");
  });
});
