import { describe, expect, it } from "vitest";
import { Feedback } from "./feedback.svelte";

describe("Feedback", () => {
  it("shows one message at a time, beside the part of the screen that acted", () => {
    const f = new Feedback();
    f.fail("session", [{ id: "session-time", message: "Enter the start time." }]);
    expect(f.errorFor("session", "session-time")).toBe("Enter the start time.");
    expect(f.errorsFor("correspondence")).toEqual([]);
    f.start("correspondence");
    expect(f.errorsFor("session")).toEqual([]);
    f.ok("correspondence", "Logged on 20/11/2026.");
    expect(f.noticeFor("correspondence")).toBe("Logged on 20/11/2026.");
    expect(f.noticeFor("session")).toBe("");
    f.start("session");
    expect(f.noticeFor("correspondence")).toBe("");
  });
});
