/**
 * The checkout's welcome page, as HTML: one big "Open Rivet in Telegram" button for the phone
 * that paid, and the same link as a QR code for a laptop's buyer to scan. Every other state
 * (almost ready, already connected, expired, unknown, unpaid, unavailable) is one clear page.
 */
import { escapeHtml, qrSvg } from './qr.js';

const STYLE = `
  *{box-sizing:border-box} body{margin:0;font:17px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d232b;background:#f4f6f8}
  main{max-width:28rem;margin:0 auto;padding:2rem 1.25rem;text-align:center}
  h1{font-size:1.5rem;margin:.5rem 0 1rem} p{margin:.75rem 0}
  .button{display:block;padding:1rem;border-radius:.75rem;background:#229ed9;color:#fff;font-weight:600;font-size:1.15rem;text-decoration:none;margin:1.5rem 0}
  .qr{width:min(16rem,70vw);margin:1rem auto;background:#fff;padding:.5rem;border-radius:.5rem} .qr svg{display:block;width:100%;height:auto}
  .small{font-size:.9rem;color:#5b6672} code{font-size:.85rem;word-break:break-all}`;

export function page(title: string, body: string, opts: { refreshS?: number } = {}): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">${opts.refreshS ? `<meta http-equiv="refresh" content="${opts.refreshS}">` : ''}
<title>${escapeHtml(title)} · Rivet</title><style>${STYLE}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

export async function welcomeReady(link: string, expiresAt: Date): Promise<string> {
  const qr = await qrSvg(link, 'QR code of your Rivet link');
  return page('Welcome to Rivet', `
<p>Your subscription is active. One tap connects your Telegram:</p>
<a class="button" href="${escapeHtml(link)}">Open Rivet in Telegram</a>
<p class="small">On a computer? Scan this with your phone's camera:</p>
<div class="qr">${qr}</div>
<p class="small">The link works once, until ${escapeHtml(expiresAt.toISOString().slice(0, 10))}. Keep it to yourself.</p>`);
}

export const welcomePages = {
  almostReady: () =>
    page('Almost ready…', '<p>Your payment went through. We are setting up your account; this page refreshes by itself in a few seconds.</p><p class="small">If it does not, refresh it.</p>', { refreshS: 4 }),
  alreadyConnected: (botLink: string | null) =>
    page('Already connected', `<p>This checkout's link has been used: Rivet is already connected to a Telegram account.</p>${botLink ? `<a class="button" href="${escapeHtml(botLink)}">Open Rivet in Telegram</a>` : ''}`),
  expired: () => page('This link has expired', '<p>Links last 7 days. Ask your Rivet administrator for a new invite.</p>'),
  unknown: () => page('We can’t find this checkout', '<p>The address is incomplete or the checkout does not exist. Open the link from your payment confirmation again.</p>'),
  unpaid: () => page('Payment not finished', '<p>This checkout has not been paid yet. Once the payment goes through, come back to this page.</p>'),
  unavailable: () => page('Please try again in a minute', '<p>We could not reach the payment service just now. Your payment is safe; refresh this page in a minute.</p>', { refreshS: 30 }),
  telegramOff: () => page('Rivet’s Telegram bot is not set up yet', '<p>Your account is ready. Ask your Rivet administrator for the link to the bot.</p>'),
};
