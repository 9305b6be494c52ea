/**
 * Telling supervisors about something that belongs to no conversation: through oversight's
 * `notifySupervisors` when it has one (Slack), else in the Telegram chats of the organization's
 * supervisors and admins. Keyed, so a retried job tells each person once.
 */
import type { Logger } from 'pino';
import type { AccountStore } from '../../core/provisioning/index.js';
import type { OutboundMessage, Oversight } from '../../core/ports.js';

export interface SupervisorAlertDeps {
  oversight: Oversight;
  accounts: Pick<AccountStore, 'supervisors'>;
  send(message: OutboundMessage): Promise<void>;
  logger: Logger;
}

export async function alertSupervisors(deps: SupervisorAlertDeps, alert: { organizationId: string; key: string; text: string }): Promise<{ told: number }> {
  deps.logger.warn({ key: alert.key, alert: alert.text }, 'telling supervisors');
  if (deps.oversight.notifySupervisors) {
    const r = await deps.oversight.notifySupervisors(alert).catch((err: Error) => {
      deps.logger.warn({ err: err.message }, 'oversight could not take the notice; using chat');
      return { delivered: false };
    });
    if (r.delivered) return { told: 1 };
  }
  const people = (await deps.accounts.supervisors(alert.organizationId)).filter((p) => p.telegramId !== null);
  for (const p of people) {
    await deps.send({ idempotencyKey: `${alert.key}/to/${p.id}`, to: { channel: 'telegram', chatId: String(p.telegramId) }, text: alert.text, kind: 'status' });
  }
  if (people.length === 0) deps.logger.error({ key: alert.key }, 'no supervisor could be told (no oversight, no supervisor on Telegram)');
  return { told: people.length };
}
