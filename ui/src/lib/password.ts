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
