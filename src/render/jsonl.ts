/**
 * Batch JSON: `json` is one object `{ "schemaVersion": 1, "travellers": [ … ] }`, written piece by
 * piece yet byte for byte what `JSON.stringify(whole, null, 2)` gives; `jsonl` is one compact
 * element per line, each written as soon as it is ready. Pure.
 */
import { travellerJson, type BatchWriter } from './batch.js'
import { SCHEMA_VERSION } from './json.js'

export function jsonlWriter(): BatchWriter {
  return {
    begin: () => '',
    add: (result) => `${JSON.stringify(travellerJson(result))}\n`,
    end: () => '',
  }
}

export function jsonWriter(): BatchWriter {
  let count = 0
  return {
    begin: () => `{\n  "schemaVersion": ${SCHEMA_VERSION},\n  "travellers": [`,
    add: (result) => {
      const element = JSON.stringify(travellerJson(result), null, 2).replaceAll('\n', '\n    ')
      return `${count++ === 0 ? '\n' : ',\n'}    ${element}`
    },
    end: () => `${count === 0 ? ']' : '\n  ]'}\n}\n`,
  }
}
