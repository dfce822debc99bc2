import type { SessionRecord, SessionStore } from './types.js'

/** The default store: session records in this process's memory, resumable here only. */
export function createMemoryStore(): SessionStore {
  const records = new Map<string, SessionRecord>()
  return {
    load: (id) => records.get(id),
    save(record) {
      records.set(record.id, record)
    },
    delete(id) {
      records.delete(id)
    },
  }
}
