/**
 * `work()` with no stack trace taken for the errors made meanwhile. csv-parse makes an Error for
 * every record whose number of fields is not the header's, even when told to accept such records
 * (relax_column_count), and only its message is ever read here: taking a stack for each was most
 * of the reading of a file whose every row has one field too many (a trailing comma: a million
 * rows took 99 s). Any error made meanwhile has no stack, stay-calc's own too (an internal error
 * in a row's handling, which shows its stack only with DEBUG=stay-calc): a price worth paying.
 */
export function withoutStacks<T>(work: () => T): T {
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  try {
    return work()
  } finally {
    Error.stackTraceLimit = limit
  }
}
