import type { PoolClient, QueryResultRow } from 'pg';

/**
 * The rows of an open cursor, `batch` at a time, each FETCH sent before the caller is given the
 * batch before it: PostgreSQL produces the next rows while JavaScript works on these, on the
 * other core. One connection runs its statements in the order they were sent, so a statement
 * the caller sends while working on a batch (a COPY of its results) runs after that FETCH.
 * A caller that stops early leaves at most one FETCH running, which settles on its own.
 * `rowMode: 'array'`: each row an array of its values (no object built per row).
 */
export async function* fetchAhead<R extends QueryResultRow | unknown[]>(
  client: PoolClient,
  cursor: string,
  batch: number,
  { rowMode }: { readonly rowMode?: 'array' } = {},
): AsyncGenerator<R[]> {
  const text = `FETCH ${batch} FROM ${cursor}`;
  const fetch = async (): Promise<R[]> =>
    (rowMode === 'array' ? await client.query({ text, rowMode }) : await client.query(text))
      .rows as R[];
  let next = fetch();
  try {
    for (;;) {
      const rows = await next;
      if (rows.length === 0) return;
      next = fetch();
      yield rows;
    }
  } finally {
    // the FETCH sent for a batch nobody reads (the caller stopped or failed): its error, if
    // any, is the caller's failure already, never an unhandled rejection
    next.catch(() => undefined);
  }
}
