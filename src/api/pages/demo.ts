/**
 * The /demo page: on the left a technician's chat that behaves like Telegram (text, the bot's
 * buttons, photos), on the right the supervisors' channel with its threads (Slack-like). Plain
 * HTML with one small script (demo-client.ts) and one style sheet (demo-style.ts), both served
 * from /demo so the page runs under a strict Content-Security-Policy. Every control is a real
 * button, input or select with a label; new messages are announced (role="log", aria-live).
 */
export { DEMO_CLIENT_JS } from './demo-client.js';
export { DEMO_STYLE } from './demo-style.js';

export function demoPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>Rivet demo</title>
<link rel="stylesheet" href="/demo/demo.css"><script src="/demo/demo.js" defer></script></head>
<body>
<a class="skip" href="#text">Skip to the message box</a>
<header class="top">
  <h1>Rivet <span>demo</span></h1>
  <p>Report a fault as a technician on the left, e.g. <q id="example">Press PR-101 is leaking hydraulic oil</q>, and watch the supervisors' channel on the right. Everything runs locally against a fake Atlas CMMS.</p>
</header>
<p id="error" class="error" role="alert" hidden></p>
<main class="panes">
  <section class="pane tech" aria-labelledby="tech-title">
    <h2 id="tech-title"><span class="avatar" aria-hidden="true">R</span> Rivet <small id="tech-name">connecting…</small></h2>
    <ol id="chat" class="messages" role="log" aria-live="polite" aria-label="Chat with Rivet"></ol>
    <div id="toast" class="toast" role="status" aria-live="polite"></div>
    <div class="shortcuts" role="group" aria-label="Commands">
      <button type="button" data-command="/help">Help</button>
      <button type="button" data-command="/mine">My work orders</button>
      <button type="button" data-command="/cancel">Cancel</button>
    </div>
    <form id="composer" class="composer" autocomplete="off">
      <label class="attach" title="Send a photo"><span aria-hidden="true">📎</span><span class="sr">Send a photo (what you typed becomes its caption)</span><input id="photo" class="sr" type="file" accept="image/jpeg,image/png,image/webp,image/gif"></label>
      <label class="sr" for="text">Message to Rivet</label>
      <textarea id="text" rows="1" maxlength="4096" placeholder="Message"></textarea>
      <button id="send" type="submit">Send</button>
    </form>
  </section>
  <section class="pane sup" aria-labelledby="sup-title">
    <h2 id="sup-title"># maintenance-oversight <small id="sup-name"></small></h2>
    <p id="sup-empty" class="empty">Threads appear here when a report is filed or Rivet needs a person.</p>
    <p id="sup-note" class="note" role="status" aria-live="polite"></p>
    <div id="threads" class="threads" role="log" aria-live="polite" aria-label="Supervisor threads"></div>
  </section>
</main>
<div id="announce" class="sr" aria-live="polite"></div>
</body></html>`;
}
