/**
 * The `rivet` command. Configuration is read and validated once, here; a bad
 * setting stops start-up with a message naming the variable. `--help` on any
 * command prints its help and does nothing else.
 */
import { ConfigError, loadConfig, loadDotEnv, type Config } from './config/config.js';
import { isStartupProblem } from './db/errors.js';
import { createLogger } from './logger.js';
import { handleSignals } from './lifecycle.js';
import { VERSION } from './version.js';
import { COMMANDS, commandHelp, usage } from './commands/help.js';

function readConfig(): Config {
  loadDotEnv();
  try {
    return loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`rivet: ${err.message}\nSee .env.example for every setting, or run \`rivet doctor\`.\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
}

/** Commands whose stdout carries their output: logs go to stderr, quieter. */
function quietLogger(config: Config) {
  return createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, process.stderr);
}

async function run(command: string, rest: string[]): Promise<number> {
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
    case 'doctor': {
      // Doctor reports bad settings itself instead of stopping at the first.
      loadDotEnv();
      const { doctorCommand } = await import('./commands/doctor/index.js');
      return doctorCommand(rest, { env: process.env, stdout: process.stdout });
    }
    case 'telegram:set-webhook': {
      const config = readConfig();
      const { setWebhookCommand } = await import('./bots/telegram/set-webhook.js');
      return setWebhookCommand(config, createLogger(config.logLevel), process.stdout);
    }
    case 'atlas:register-webhooks': {
      const config = readConfig();
      const { atlasRegisterWebhooksCommand } = await import('./commands/atlas-register-webhooks.js');
      return atlasRegisterWebhooksCommand({ config, logger: createLogger(config.logLevel), stdout: process.stdout, stderr: process.stderr });
    }
    case 'invite': {
      const config = readConfig();
      const { inviteCommand } = await import('./commands/invite.js');
      return inviteCommand(rest, { config, logger: quietLogger(config), stdout: process.stdout, stderr: process.stderr });
    }
    case 'qr-sheet': {
      const config = readConfig();
      const { qrSheetCommand } = await import('./commands/qr-sheet.js');
      return qrSheetCommand(rest, { config, logger: quietLogger(config), stdout: process.stdout, stderr: process.stderr });
    }
    case 'report': {
      const config = readConfig();
      const { reportCommand } = await import('./commands/report.js');
      return reportCommand(rest, { config, logger: quietLogger(config), stdout: process.stdout, stderr: process.stderr });
    }
    case 'export-misses': {
      const config = readConfig();
      const { exportMissesCommand } = await import('./commands/export-misses.js');
      return exportMissesCommand(rest, { config, logger: quietLogger(config), stdout: process.stdout, stderr: process.stderr });
    }
    case 'interpret': {
      const { interpretCommand } = await import('./commands/interpret.js');
      return interpretCommand(rest, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
    }
    default:
      throw new Error(`command "${command}" is listed but not handled`);
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v' || command === 'version') {
    process.stdout.write(`rivet ${VERSION}\n`);
    return 0;
  }
  if (command === undefined) {
    process.stderr.write(usage());
    return 64; // EX_USAGE
  }
  if (command === 'help' || command === '--help' || command === '-h') {
    const topic = rest[0];
    if (topic && !COMMANDS.some((c) => c.name === topic)) {
      process.stderr.write(`rivet: unknown command "${topic}"\n\n${usage()}`);
      return 64;
    }
    process.stdout.write(topic ? commandHelp(topic) : usage());
    return 0;
  }
  if (!COMMANDS.some((c) => c.name === command)) {
    process.stderr.write(`rivet: unknown command "${command}"\n\n${usage()}`);
    return 64;
  }
  // Help never runs the command: checked before any setting is read or anything opened.
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(commandHelp(command));
    return 0;
  }
  return run(command, rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  async (err: unknown) => {
    const { StartupError } = await import('./wiring/startup-error.js');
    // A problem the operator fixes (a database that cannot be used, a port in use) gets its sentence; anything else its stack.
    const text = err instanceof StartupError || isStartupProblem(err) ? (err as Error).message : err instanceof Error ? err.stack ?? err.message : String(err);
    process.stderr.write(`rivet: ${text}\n`);
    process.exit(1);
  },
);
