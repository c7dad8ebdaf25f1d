/** A problem with the user's data (file, row, column): shown to the user as is, never a crash. */
export class DataError extends Error {
  override readonly name = 'DataError';
}
