/**
 * Queries on the hot path (every update, every job run) are built once and run as named prepared
 * statements: no SQL is built per call, and PostgreSQL parses and plans each once per connection.
 * `prepared(build)` builds on first use, so a repository made for one transaction costs no more
 * than before. Names must stay unique per text: a name carries whatever settings its text embeds.
 */
export function prepared<T>(build: () => T): () => T {
  let built: T | undefined;
  return () => (built ??= build());
}
