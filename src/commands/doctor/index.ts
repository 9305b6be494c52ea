/**
 * `rivet doctor`: checks every configured part without starting the service and prints each with
 * a fix. Nothing is written anywhere (except creating the embedded database's directory if absent).
 * Exit 0 when nothing failed (warnings allowed), 1 when something did, 78 when the settings are invalid.
 */
import { ConfigError, loadConfig, type Config } from '../../config/config.js';
import { VERSION } from '../../version.js';
import { checkDatabase, checkRedis } from './database.js';
import { checkAtlas, checkPublicUrl, checkSlack, checkStripe, checkTelegram } from './services.js';
import { fail, ok, type CheckDeps, type CheckResult, type CheckStatus } from './types.js';

export type { CheckResult } from './types.js';

export async function runChecks(config: Config, deps: CheckDeps): Promise<CheckResult[]> {
  const results = await Promise.all([
    checkDatabase(config, deps),
    checkRedis(config, deps),
    checkAtlas(config, deps),
    checkTelegram(config, deps),
    checkSlack(config, deps),
    checkStripe(config, deps),
    checkPublicUrl(config, deps),
  ]);
  return results.flat();
}

const MARK: Record<CheckStatus, string> = { ok: '✓', warn: '!', fail: '✗', off: '–' };

export function formatResults(results: CheckResult[]): string {
  const width = Math.max(...results.map((r) => r.part.length)) + 2;
  const lines = results.map((r) => {
    const head = `  ${MARK[r.status]} ${r.part.padEnd(width)}${r.detail}`;
    return r.fix ? `${head}\n${' '.repeat(4 + width)}fix: ${r.fix}` : head;
  });
  const failed = results.filter((r) => r.status === 'fail').length;
  const warned = results.filter((r) => r.status === 'warn').length;
  const summary = failed || warned
    ? `${failed} problem${failed === 1 ? '' : 's'}, ${warned} warning${warned === 1 ? '' : 's'}.`
    : 'Everything configured works.';
  return `${lines.join('\n')}\n\n${summary}\n`;
}

export async function doctorCommand(
  args: string[],
  io: { env: Record<string, string | undefined>; stdout: NodeJS.WritableStream; fetch?: typeof fetch },
): Promise<number> {
  const json = args.includes('--json');
  const timeoutArg = args.indexOf('--timeout');
  const timeoutMs = timeoutArg >= 0 ? Math.max(1, Number(args[timeoutArg + 1]) || 5) * 1000 : 5_000;
  let config: Config;
  let results: CheckResult[];
  try {
    config = loadConfig(io.env);
    results = [ok('settings', 'valid'), ...(await runChecks(config, { fetch: io.fetch ?? globalThis.fetch, timeoutMs }))];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    results = err.problems.map((p) => fail('settings', `${p.variable} ${p.message}`, `correct ${p.variable} in the environment or .env (see .env.example)`));
  }
  const failed = results.some((r) => r.status === 'fail');
  if (json) io.stdout.write(`${JSON.stringify({ version: VERSION, ok: !failed, checks: results }, null, 2)}\n`);
  else io.stdout.write(`rivet doctor (Rivet ${VERSION})\n\n${formatResults(results)}`);
  if (results[0]?.part === 'settings' && results[0].status === 'fail') return 78;
  return failed ? 1 : 0;
}
