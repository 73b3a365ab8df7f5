/**
 * A value in PostgreSQL's COPY text format: `\N` for null (or undefined), and backslash
 * escapes for backslash, tab, newline and carriage return. One definition for every COPY the
 * backend writes (the landing rows, the text facts).
 */
export const copyTextValue = (value: string | null | undefined): string =>
  value === null || value === undefined
    ? '\\N'
    : value.replace(/[\\\t\n\r]/g, (char) =>
        char === '\\' ? '\\\\' : char === '\t' ? '\\t' : char === '\n' ? '\\n' : '\\r',
      );
