/**
 * A unique id for a chat message. `crypto.randomUUID` exists only in secure contexts (https,
 * localhost), and the demo is also opened over plain http on a LAN address: fall back to
 * `Math.random`, which is enough to tell one sender's messages apart.
 */
export function createId(): string {
  const crypto = (globalThis as { crypto?: Partial<Crypto> }).crypto
  if (typeof crypto?.randomUUID === 'function') return crypto.randomUUID()
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`
}
