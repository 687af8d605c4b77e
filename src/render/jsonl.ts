/**
 * Batch JSON: `json` is one object `{ "schemaVersion": 1, "travellers": [ … ] }`, written piece by
 * piece yet byte for byte what `JSON.stringify(whole, null, 2)` gives; `jsonl` is one compact
 * element per line, each written as soon as it is ready. Pure.
 */
import { streamingWriter, travellerJson, type BatchWriter } from './batch.js'
import { SCHEMA_VERSION } from './json.js'
import { travellerJsonText, writeTravellerJson } from './json-text.js'

export function jsonlWriter(): BatchWriter<string> {
  return {
    ...streamingWriter({ piece: (result) => `${travellerJsonText(result)}\n` }),
    write: (out, result) => {
      writeTravellerJson(out, result)
      out.byte(10)
    },
  }
}

export function jsonWriter(): BatchWriter<string> {
  let count = 0
  return {
    streams: true,
    begin: () => `{\n  "schemaVersion": ${SCHEMA_VERSION},\n  "travellers": [`,
    // Each element comes with the separator before it, the first one's comma dropped by `add`.
    piece: (result) => `,\n    ${JSON.stringify(travellerJson(result), null, 2).replaceAll('\n', '\n    ')}`,
    add: (piece) => (count++ === 0 ? piece.slice(1) : piece),
    end: () => `${count === 0 ? ']' : '\n  ]'}\n}\n`,
  }
}
