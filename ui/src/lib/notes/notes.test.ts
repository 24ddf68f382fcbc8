import { describe, expect, it } from "vitest";
import type { Hit } from "../generated/Hit";
import type { NoteSummary } from "../generated/NoteSummary";
import { Autosaver, flushAll, registerFlush, type Timers } from "./autosave";
import { localDateTime, seeNoteFlags, startedAgo, stateText, versionTitle } from "./display";
import { codeUnitOffset, hitWords, replaceHit, replaceLabel, replaceSpan, snippetParts, spanOf } from "./text";

const hit = (text: string, start: number, suggestion: string | null): Hit => ({
  text,
  kind: "given-name",
  start,
  end: start + Array.from(text).length,
  suggestion,
});

describe("note text offsets are code points", () => {
  it("replaces by code points, past characters outside the BMP", () => {
    // "🎨" is two UTF-16 units but one code point: the core's offset 2 is "Zoë".
    const text = "🎨 Zoë drew";
    expect(spanOf(text, 2, 5)).toBe("Zoë");
    expect(replaceSpan(text, 2, 5, "ZO")).toBe("🎨 ZO drew");
    expect(codeUnitOffset(text, 2)).toBe(3);
  });
  it("puts the caret after the replacement and refuses a stale hit", () => {
    const text = "🎨 Zoë drew";
    expect(replaceHit(text, hit("Zoë", 2, "ZO"))).toEqual({ text: "🎨 ZO drew", caret: 5 });
    expect(replaceHit("Zoë drew", hit("Zoë", 2, "ZO"))).toBeNull();
  });
  it("removes a word without leaving a double space", () => {
    expect(replaceHit("Seen at Oakfield today", hit("Oakfield", 8, null))).toEqual({ text: "Seen at today", caret: 7 });
    expect(replaceHit("Seen at Oakfield", hit("Oakfield", 8, null))?.text).toBe("Seen at");
  });
  it("words each hit and its button", () => {
    expect(hitWords("Zoe", "Zoe — the client's first name")).toBe("“Zoe” — the client's first name");
    expect(replaceLabel({ suggestion: "ZO" })).toBe("Replace with ZO");
    expect(replaceLabel({ suggestion: null })).toBe("Remove");
  });
  it("splits a search snippet into marked and plain parts", () => {
    expect(snippetParts("…felt [angry] at <b>[school]</b>")).toEqual([
      { text: "…felt ", mark: false },
      { text: "angry", mark: true },
      { text: " at <b>", mark: false },
      { text: "school", mark: true },
      { text: "</b>", mark: false },
    ]);
    expect(snippetParts("no mark [here")).toEqual([{ text: "no mark [here", mark: false }]);
  });
});

const summary = (over: Partial<NoteSummary>): NoteSummary => ({
  id: 1, code: "ZB-0001", initials: "ZOB", kind: "session-note", state: "signed", on: "20/11/2026", episode: 1,
  session: 3, createdAt: "2026-11-20T10:00:00Z", savedAt: "2026-11-20T10:00:00Z", signedAt: null, versions: 1,
  seeRisk: false, seeSafeguarding: false, ...over,
});

describe("note display", () => {
  it("says where a note is in its life", () => {
    expect(stateText(summary({ state: "draft", versions: 0 }))).toBe("Draft");
    expect(stateText(summary({ versions: 1 }))).toBe("Signed");
    expect(stateText(summary({ versions: 2 }))).toBe("Signed, amended 1 time");
    expect(stateText(summary({ versions: 4 }))).toBe("Signed, amended 3 times");
  });
  it("shows UTC timestamps in local time", () => {
    const t = new Date(2026, 10, 20, 9, 5);
    expect(localDateTime(t.toISOString())).toEqual({ date: "20/11/2026", time: "09:05" });
    expect(versionTitle({ number: 2, createdAt: t.toISOString() })).toBe("Amendment 1, 20/11/2026 at 09:05");
  });
  it("counts a draft's age and flags risk and safeguarding", () => {
    expect(startedAgo(0)).toBe("started today");
    expect(startedAgo(1)).toBe("started 1 day ago");
    expect(startedAgo(12)).toBe("started 12 days ago");
    expect(seeNoteFlags([summary({ seeRisk: true, seeSafeguarding: true }), summary({ id: 2 })])).toEqual([
      { id: 1, words: "See note: risk — session note 20/11/2026" },
      { id: 1, words: "See note: safeguarding — session note 20/11/2026" },
    ]);
  });
});

function fakeTimers() {
  let now = 0;
  let queue: { at: number; fn: () => void; id: number }[] = [];
  let next = 1;
  const timers: Timers = {
    set: (fn, ms) => {
      queue.push({ at: now + ms, fn, id: next });
      return next++;
    },
    clear: (h) => void (queue = queue.filter((t) => t.id !== h)),
    now: () => now,
  };
  const advance = async (ms: number) => {
    const end = now + ms;
    for (;;) {
      const due = queue.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      queue = queue.filter((t) => t !== due);
      now = due.at;
      due.fn();
      await Promise.resolve();
    }
    now = end;
    await new Promise((r) => setTimeout(r, 0));
  };
  return { timers, advance };
}

describe("drafts save themselves", () => {
  it("saves 1.5 s after the last keystroke", async () => {
    const { timers, advance } = fakeTimers();
    const saves: number[] = [];
    const saver = new Autosaver(async () => void saves.push(timers.now()), undefined, 1500, 5000, timers);
    saver.changed();
    await advance(1000);
    saver.changed();
    await advance(1400);
    expect(saves).toEqual([]);
    await advance(200);
    expect(saves).toEqual([2500]);
    expect(saver.pending).toBe(false);
  });
  it("saves at least every 5 s during continuous typing", async () => {
    const { timers, advance } = fakeTimers();
    const saves: number[] = [];
    const saver = new Autosaver(async () => void saves.push(timers.now()), undefined, 1500, 5000, timers);
    for (let i = 0; i < 60; i++) {
      saver.changed();
      await advance(200);
    }
    expect(saves.length).toBeGreaterThanOrEqual(2);
    expect(saves[0]).toBe(5000);
    expect(saves[1]).toBe(10000);
  });
  it("flushes at once (blur, lock) and not when nothing changed", async () => {
    const { timers } = fakeTimers();
    let saves = 0;
    const saver = new Autosaver(async () => void saves++, undefined, 1500, 5000, timers);
    await saver.flush();
    expect(saves).toBe(0);
    saver.changed();
    const unregister = registerFlush(() => saver.flush());
    await flushAll();
    expect(saves).toBe(1);
    unregister();
    saver.changed();
    await flushAll();
    expect(saves).toBe(1);
  });
  it("keeps unsaved text pending when a save fails", async () => {
    const { timers } = fakeTimers();
    const errors: unknown[] = [];
    const saver = new Autosaver(async () => Promise.reject(new Error("locked")), (e) => errors.push(e), 1500, 5000, timers);
    saver.changed();
    await saver.flush();
    expect(errors.length).toBe(1);
    expect(saver.pending).toBe(true);
  });
});
