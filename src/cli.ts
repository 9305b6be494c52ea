/**
 * The `rivet` command. Configuration is read and validated once, here; a bad
 * setting stops start-up with a message naming the variable.
 */
import { ConfigError, loadConfig, loadDotEnv, type Config } from './config/config.js';
import { isStartupProblem } from './db/errors.js';
import { createLogger } from './logger.js';
import { handleSignals } from './lifecycle.js';

const USAGE = `Usage: rivet <command>

Commands:
  start [--no-workers]    run the API, webhooks, bots and job workers
  worker                  run job workers only
  migrate                 apply database migrations and exit
  interpret --assets FILE read {"text"} JSON lines on stdin, write interpretations
  telegram:set-webhook    register PUBLIC_URL/telegram/webhook with Telegram
  atlas:register-webhooks register Rivet's endpoint for Atlas status changes
  invite --email x@y [--tier pro] [--name N] [--role R] [--crew C]
                          add a person; prints their one-time t.me link
  qr-sheet --location ID  print the HTML sheet of a location's asset QR stickers
  report [--since 7d] [--json] [--tz ZONE]
                          what people did and how well Rivet understood them
  export-misses [--since 30d]
                          messages people corrected, as eval lines (JSONL) on stdout
`;

function readConfig(): Config {
  loadDotEnv();
  try {
    return loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`rivet: ${err.message}\nSee .env.example for every setting.\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start':
    case 'worker': {
      const config = readConfig();
      const logger = createLogger(config.logLevel);
      const { startRivet } = await import('./main.js');
      // `start --no-workers` serves webhooks and the API only, for scaling workers separately.
      const rivet = await startRivet(config, logger, { http: command === 'start', workers: command === 'worker' || !rest.includes('--no-workers') });
      handleSignals(rivet.lifecycle, logger);
      return -1; // keep running
    }
    case 'migrate': {
      const config = readConfig();
      const logger = createLogger(config.logLevel);
      const { openAndMigrate } = await import('./wiring/database.js');
      const db = await openAndMigrate(config, logger);
      await db.close();
      return 0;
    }
    case 'telegram:set-webhook': {
      const config = readConfig();
      const logger = createLogger(config.logLevel);
      const { setWebhookCommand } = await import('./bots/telegram/set-webhook.js');
      return setWebhookCommand(config, logger, process.stdout);
    }
    case 'atlas:register-webhooks': {
      const config = readConfig();
      const logger = createLogger(config.logLevel);
      const { atlasRegisterWebhooksCommand } = await import('./commands/atlas-register-webhooks.js');
      return atlasRegisterWebhooksCommand({ config, logger, stdout: process.stdout, stderr: process.stderr });
    }
    case 'invite': {
      const config = readConfig();
      // stdout carries the link; logs go to stderr.
      const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, process.stderr);
      const { inviteCommand } = await import('./commands/invite.js');
      return inviteCommand(rest, { config, logger, stdout: process.stdout, stderr: process.stderr });
    }
    case 'qr-sheet': {
      const config = readConfig();
      // stdout carries the HTML; logs go to stderr.
      const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, process.stderr);
      const { qrSheetCommand } = await import('./commands/qr-sheet.js');
      return qrSheetCommand(rest, { config, logger, stdout: process.stdout, stderr: process.stderr });
    }
    case 'report':
    case 'export-misses': {
      const config = readConfig();
      // stdout carries the report (or the lines); logs go to stderr.
      const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, process.stderr);
      const io = { config, logger, stdout: process.stdout, stderr: process.stderr };
      if (command === 'report') {
        const { reportCommand } = await import('./commands/report.js');
        return reportCommand(rest, io);
      }
      const { exportMissesCommand } = await import('./commands/export-misses.js');
      return exportMissesCommand(rest, io);
    }
    case 'interpret': {
      const { interpretCommand } = await import('./commands/interpret.js');
      return interpretCommand(rest, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return command ? 0 : 64;
    default:
      process.stderr.write(`rivet: unknown command "${command}"\n\n${USAGE}`);
      return 64;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err: unknown) => {
    // A database that cannot be used says what is wrong in one line; anything else is a bug: its stack.
    process.stderr.write(`rivet: ${isStartupProblem(err) ? err.message : err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exit(1);
  },
);
