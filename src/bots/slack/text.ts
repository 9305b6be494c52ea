/**
 * Slack's text markup, both ways. Out: everything Rivet posts is escaped (&, <, >), so nobody's
 * words can become a mention, a channel-wide ping or a fake link. In: what people write arrives
 * escaped and with <@U…>, <#C…|name>, <http…|label> markup, turned back into plain text for core.
 */

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Plain text from a Slack message: the bot's own mention dropped, other markup made readable. */
export function fromSlack(text: string | undefined | null, botUserId?: string | null): string {
  if (!text) return '';
  return text
    .replace(/<@([A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, label?: string) => (botUserId && id === botUserId ? '' : `@${label ?? id}`))
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<!subteam\^[A-Z0-9]+(?:\|([^>]*))?>/g, (_m, label?: string) => label ?? '@group')
    .replace(/<!(here|channel|everyone)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<((?:https?|mailto):[^|>]+)(?:\|([^>]*))?>/g, (_m, url: string, label?: string) => (label && label !== url ? `${label} (${url})` : url))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}
