/** UTF-8 bytes of a password, for a raw IPC body. The caller zero-fills them after use. */
export function encodePassword(password: string): Uint8Array {
  return new TextEncoder().encode(password);
}

/**
 * The change_password body: the current password's length as 4 big-endian bytes, the
 * current password, then the new password (docs/ipc.md).
 */
export function encodePasswordPair(current: string, next: string): Uint8Array {
  const a = encodePassword(current);
  const b = encodePassword(next);
  const out = new Uint8Array(4 + a.length + b.length);
  new DataView(out.buffer).setUint32(0, a.length, false);
  out.set(a, 4);
  out.set(b, 4 + a.length);
  a.fill(0);
  b.fill(0);
  return out;
}

/**
 * Secrets sent together as one raw body (handover shares, and a takeover's new password
 * last): each part's UTF-8 length as 4 big-endian bytes, then the part (docs/ipc.md). The
 * caller zero-fills the result after use.
 */
export function encodeParts(parts: string[]): Uint8Array {
  const encoded = parts.map(encodePassword);
  const out = new Uint8Array(encoded.reduce((n, p) => n + 4 + p.length, 0));
  const view = new DataView(out.buffer);
  let at = 0;
  for (const p of encoded) {
    view.setUint32(at, p.length, false);
    out.set(p, at + 4);
    at += 4 + p.length;
    p.fill(0);
  }
  return out;
}

/** The parts of a raw reply made the same way (the handover's shares, shown once). */
export function decodeParts(bytes: Uint8Array): Uint8Array[] {
  const parts: Uint8Array[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  while (at + 4 <= bytes.length) {
    const length = view.getUint32(at, false);
    if (at + 4 + length > bytes.length) throw new Error("a reply part is cut short");
    parts.push(bytes.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  if (at !== bytes.length) throw new Error("a reply ends mid-part");
  return parts;
}
