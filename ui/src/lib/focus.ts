// Where focus goes, decided once for every screen (STYLE.md, "The screens"):
// - moving to another screen or panel puts focus on its heading and brings it to the top;
// - a confirmation or an error is brought into view where it appeared (no jump when it
//   is already visible) and takes focus, so it is read out and seen.

/** Focuses a screen's `<h1 tabindex="-1">` and scrolls the page to the top. */
export function focusScreenHeading(heading: HTMLElement | null | undefined): void {
  if (typeof window !== "undefined") window.scrollTo(0, 0);
  heading?.focus({ preventScroll: true });
}

/** Focuses a panel's `<h2 tabindex="-1">` and scrolls so the panel starts at the top. */
export function focusPanelHeading(heading: HTMLElement | null | undefined): void {
  if (!heading) return;
  (heading.closest(".panel") ?? heading).scrollIntoView?.({ block: "start" });
  heading.focus({ preventScroll: true });
}

/** Brings a message into view at the nearest edge and, unless `takeFocus` is false,
 * moves focus to it (the element needs `tabindex="-1"`). */
export function reveal(element: HTMLElement | null | undefined, takeFocus = true): void {
  if (!element) return;
  element.scrollIntoView?.({ block: "nearest" });
  if (takeFocus) element.focus({ preventScroll: true });
}
