/** A fatal import problem: the command stops with this one-line message and a non-zero exit. */
export class ImportError extends Error {
  override readonly name = 'ImportError';
}
