/** What `rivet --help` and `rivet <command> --help` print. Reading it never starts or opens anything. */

export interface CommandHelp {
  name: string;
  /** Arguments, after the name. */
  args?: string;
  summary: string;
  /** More lines for `rivet <command> --help`. */
  details?: string;
}

export const COMMANDS: CommandHelp[] = [
  {
    name: 'start', args: '[--no-workers]', summary: 'run the API, webhooks, bots and job workers',
    details: `Migrates the database, then serves HTTP on PORT (default 3000) until SIGTERM or SIGINT.
Without DATABASE_URL the data lives in embedded PostgreSQL (PGlite) under RIVET_DATA_DIR;
without REDIS_URL jobs run inside this process (embedded mode).

  --no-workers   serve HTTP only; run \`rivet worker\` processes for the jobs (needs REDIS_URL)`,
  },
  { name: 'worker', summary: 'run job workers only (queue mode: needs REDIS_URL)' },
  {
    name: 'migrate', summary: 'apply database migrations and exit',
    details: 'Safe to run from several containers at once: they take turns (a PostgreSQL advisory lock).',
  },
  {
    name: 'doctor', summary: 'check every configured part without starting the service',
    details: `Checks the settings, the database (unreachable host, missing database, authentication), Redis,
Atlas sign-in and the role of Rivet's Atlas user, Telegram (getMe, webhook info), Slack (auth.test),
Stripe (key and prices) and whether PUBLIC_URL is reachable; prints each with how to fix it.
Exits 1 when something is broken, 0 otherwise (warnings included).`,
  },
  { name: 'interpret', args: '--assets FILE', summary: 'read {"text"} JSON lines on stdin, write interpretations' },
  { name: 'telegram:set-webhook', summary: 'register PUBLIC_URL/telegram/webhook with Telegram' },
  { name: 'atlas:register-webhooks', summary: "register Rivet's endpoint for Atlas status changes" },
  {
    name: 'invite', args: '--email x@y [--tier pro] [--name N] [--role R] [--crew C]',
    summary: "add a person; prints their one-time t.me link",
  },
  { name: 'qr-sheet', args: '--location ID', summary: "print the HTML sheet of a location's asset QR stickers" },
  {
    name: 'report', args: '[--since 7d] [--json] [--tz ZONE]',
    summary: 'what people did and how well Rivet understood them',
  },
  { name: 'export-misses', args: '[--since 30d]', summary: 'messages people corrected, as eval lines (JSONL) on stdout' },
];

export function usage(): string {
  const lines = COMMANDS.map((c) => {
    const head = `  ${c.name}${c.args ? ` ${c.args}` : ''}`;
    return head.length <= 26 ? `${head.padEnd(26)}${c.summary}` : `${head}\n${' '.repeat(26)}${c.summary}`;
  });
  return `Usage: rivet <command> [options]

Commands:
${lines.join('\n')}

  rivet <command> --help   what a command does (it does not run it)
  rivet --version          the version

Settings come from the environment or a .env file; see .env.example and docs/setup.md.
`;
}

export function commandHelp(name: string): string {
  const c = COMMANDS.find((x) => x.name === name)!;
  return `Usage: rivet ${c.name}${c.args ? ` ${c.args}` : ''}

${c.summary[0]!.toUpperCase()}${c.summary.slice(1)}.
${c.details ? `\n${c.details}\n` : ''}`;
}
