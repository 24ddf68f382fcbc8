// What a screen says back after an action, when the screen has several parts that act
// (the client record's panels, Settings' forms). Each part is an "owner": its
// confirmation or its problems appear beside it, and starting any action clears what
// was said before anywhere on the screen, so one message shows at a time.
import type { FieldError } from "./errors";

export class Feedback {
  owner = $state("");
  notice = $state("");
  errors: FieldError[] = $state([]);

  /** An action starts: forget every earlier message on the screen. */
  start(owner: string): void {
    this.owner = owner;
    this.notice = "";
    this.errors = [];
  }

  /** The action worked: say so beside it. */
  ok(owner: string, message: string): void {
    this.owner = owner;
    this.errors = [];
    this.notice = message;
  }

  /** The action did not work: list the problems beside it. */
  fail(owner: string, errors: FieldError[]): void {
    this.owner = owner;
    this.notice = "";
    this.errors = errors;
  }

  noticeFor(owner: string): string {
    return this.owner === owner ? this.notice : "";
  }

  errorsFor(owner: string): FieldError[] {
    return this.owner === owner ? this.errors : [];
  }

  /** The message beside one input (the input's id), or "". */
  errorFor(owner: string, id: string): string {
    return this.errorsFor(owner)
      .filter((e) => e.id === id)
      .map((e) => e.message)
      .join(" ");
  }
}
