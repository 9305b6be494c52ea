/**
 * The /demo page's script (served as /demo/demo.js), plain browser JavaScript: starts or resumes a
 * demo session, listens to the server-sent events, renders the technician's chat and the
 * supervisors' threads, and sends what the person does (text, taps, photos, replies, controls).
 */
export const DEMO_CLIENT_JS = String.raw`'use strict';
(function () {
  var BASE = '/demo/api/';
  var KEY = 'rivet-demo-session';
  var $ = function (id) { return document.getElementById(id); };
  var state = { session: null, supervisor: null, channelId: null, oversees: true, source: null, toastTimer: null };

  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    return Array.prototype.map.call(b, function (x) { return ('0' + x.toString(16)).slice(-2); }).join('');
  }

  function showError(text) {
    var el = $('error');
    el.textContent = text || '';
    el.hidden = !text;
  }

  function announce(text) {
    var el = $('announce');
    el.textContent = '';
    setTimeout(function () { el.textContent = text; }, 30);
  }

  async function call(path, body, opts) {
    opts = opts || {};
    var res = await fetch(BASE + path, {
      method: 'POST',
      headers: { 'Content-Type': opts.type || 'application/json' },
      body: opts.raw ? body : JSON.stringify(body),
    });
    var data = await res.json().catch(function () { return {}; });
    if (!res.ok) {
      if (res.status === 404 && /session/i.test((data.error && data.error.message) || '')) {
        await startSession();
      }
      throw new Error((data.error && data.error.message) || ('Request failed (' + res.status + ')'));
    }
    showError('');
    return data;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  // ---- the technician's chat (Telegram-like) ----
  function renderChatMessage(m, li) {
    li = li || el('li');
    li.className = 'msg ' + (m.from === 'person' ? 'person' : 'bot');
    li.dataset.id = m.id;
    li.textContent = '';
    li.appendChild(el('span', 'who', m.from === 'person' ? 'You' : m.author));
    if (m.photoUrl) {
      var img = el('img');
      img.src = '/demo/' + m.photoUrl;
      img.alt = m.text ? 'Photo: ' + m.text : 'Photo you sent';
      li.appendChild(img);
    }
    if (m.text) li.appendChild(el('span', 'text', m.text));
    if (m.edited) li.appendChild(el('span', 'edited', 'edited'));
    var rows = m.buttons || [];
    if (rows.length) {
      var kb = el('div', 'keyboard');
      kb.setAttribute('role', 'group');
      kb.setAttribute('aria-label', 'Buttons on this message');
      rows.forEach(function (row) {
        var r = el('div', 'row');
        row.forEach(function (b) {
          var btn = el('button', null, b.text);
          btn.type = 'button';
          btn.addEventListener('click', function () { tap(m.id, b.data, btn); });
          r.appendChild(btn);
        });
        kb.appendChild(r);
      });
      li.appendChild(kb);
    }
    return li;
  }

  function addChatMessage(m, quiet) {
    var list = $('chat');
    var existing = list.querySelector('li[data-id="' + m.id + '"]');
    if (existing) return renderChatMessage(m, existing);
    list.appendChild(renderChatMessage(m));
    list.scrollTop = list.scrollHeight;
    if (!quiet && m.from !== 'person') announce('Rivet: ' + m.text);
  }

  async function tap(messageId, data, btn) {
    btn.setAttribute('aria-busy', 'true');
    try {
      await call('tap', { session: state.session.id, id: newId(), messageId: messageId, data: data });
    } catch (err) {
      btn.removeAttribute('aria-busy');
      showError(err.message);
    }
  }

  function toast(event) {
    var li = $('chat').querySelector('li[data-id="' + event.messageId + '"]');
    if (li) li.querySelectorAll('button[aria-busy]').forEach(function (b) { b.removeAttribute('aria-busy'); });
    if (!event.text) return;
    var t = $('toast');
    t.textContent = event.text;
    clearTimeout(state.toastTimer);
    state.toastTimer = setTimeout(function () { t.textContent = ''; }, 4000);
  }

  async function sendText(text) {
    await call('message', { session: state.session.id, id: newId(), text: text });
  }

  // ---- the supervisors' channel (Slack-like) ----
  function threadBox(rootId) {
    var box = $('threads').querySelector('article[data-root="' + rootId + '"]');
    if (box) return box;
    box = el('article', 'thread');
    box.dataset.root = rootId;
    box.setAttribute('aria-labelledby', 'root-' + rootId);
    var root = el('div', 'root');
    root.id = 'root-' + rootId;
    box.appendChild(root);
    box.appendChild(el('ul', 'context'));
    box.appendChild(el('div', 'controls'));
    box.appendChild(el('ol', 'replies'));
    var form = el('form', 'reply-form');
    var label = el('label', 'sr', 'Reply in this thread (start with >> to reach the technician)');
    var input = el('input');
    input.id = 'reply-' + rootId;
    input.name = 'reply';
    input.placeholder = 'Reply… (>> reaches the technician)';
    input.maxLength = 4096;
    label.htmlFor = input.id;
    var send = el('button', null, 'Reply');
    send.type = 'submit';
    form.appendChild(label);
    form.appendChild(input);
    form.appendChild(send);
    form.addEventListener('submit', async function (e) {
      e.preventDefault();
      var text = input.value.trim();
      if (!text) return;
      try {
        await call('reply', { session: state.session.id, id: newId(), threadId: rootId, text: text });
        input.value = '';
      } catch (err) { showError(err.message); }
    });
    box.appendChild(form);
    $('threads').appendChild(box);
    $('sup-empty').hidden = true;
    return box;
  }

  function control(messageId, data) {
    return call('control', { session: state.session.id, id: newId(), messageId: messageId, data: data }).catch(function (err) { showError(err.message); });
  }

  function renderRoot(m) {
    var box = threadBox(m.id);
    var root = box.querySelector('.root');
    root.textContent = '';
    root.appendChild(el('span', 'who', m.author));
    root.appendChild(el('span', 'text', m.text));
    var ctx = box.querySelector('.context');
    ctx.textContent = '';
    (m.context || []).forEach(function (line) { ctx.appendChild(el('li', null, line)); });
    var controls = box.querySelector('.controls');
    controls.textContent = '';
    (m.buttons || []).forEach(function (row) {
      row.forEach(function (b) {
        var btn = el('button', null, b.text);
        btn.type = 'button';
        btn.addEventListener('click', function () { control(m.id, b.data); });
        controls.appendChild(btn);
      });
    });
    (m.menus || []).forEach(function (menu, i) {
      var id = 'menu-' + m.id + '-' + i;
      var label = el('label', null, menu.placeholder);
      label.htmlFor = id;
      var select = el('select');
      select.id = id;
      menu.options.forEach(function (o) {
        var opt = el('option', null, o.text);
        opt.value = o.data;
        if (menu.selected === o.data) opt.selected = true;
        select.appendChild(opt);
      });
      if (!menu.selected) {
        var none = el('option', null, '—');
        none.value = '';
        none.selected = true;
        select.insertBefore(none, select.firstChild);
      }
      var set = el('button', null, 'Set');
      set.type = 'button';
      set.setAttribute('aria-label', 'Apply: ' + menu.placeholder);
      set.addEventListener('click', function () { if (select.value) control(m.id, select.value); });
      controls.appendChild(label);
      controls.appendChild(select);
      controls.appendChild(set);
    });
  }

  function addReply(m) {
    var box = threadBox(m.threadId);
    var list = box.querySelector('.replies');
    var li = list.querySelector('li[data-id="' + m.id + '"]') || el('li');
    li.className = 'reply' + (m.onlyFor ? ' note' : '');
    li.dataset.id = m.id;
    li.textContent = '';
    li.appendChild(el('span', 'who', m.author));
    li.appendChild(el('span', 'text', m.text + (m.onlyFor ? '  (only visible to you)' : '')));
    if (!li.parentNode) list.appendChild(li);
  }

  function addChannelMessage(m, quiet) {
    if (m.threadId) addReply(m);
    else if (m.onlyFor) { $('sup-note').textContent = m.text; return; }
    else {
      var fresh = !$('threads').querySelector('article[data-root="' + m.id + '"]');
      renderRoot(m);
      // A new thread is shown from its start (its card), like a new post in a channel.
      if (fresh) threadBox(m.id).scrollIntoView({ block: 'start' });
    }
    if (!quiet && m.from !== 'supervisor') announce('Supervisor channel: ' + m.text.split('\n')[0]);
  }

  // ---- events ----
  function onEvent(type, event) {
    if (type === 'snapshot') {
      $('chat').textContent = '';
      $('threads').textContent = '';
      event.chat.forEach(function (m) { addChatMessage(m, true); });
      event.channel.forEach(function (m) { addChannelMessage(m, true); });
      return;
    }
    if (type === 'toast') return toast(event);
    var m = event.message;
    if (m.chatId === state.channelId) addChannelMessage(m, type === 'edit');
    else addChatMessage(m, false);
    if (type === 'edit' && m.chatId !== state.channelId) announce('Rivet updated a message: ' + m.text);
  }

  function listen() {
    if (state.source) state.source.close();
    var source = new EventSource(BASE + 'events?session=' + encodeURIComponent(state.session.id));
    state.source = source;
    ['snapshot', 'message', 'edit', 'toast'].forEach(function (type) {
      source.addEventListener(type, function (e) { onEvent(type, JSON.parse(e.data)); });
    });
    source.addEventListener('open', function () { document.body.dataset.ready = 'true'; });
    source.addEventListener('error', function () {
      if (source.readyState === EventSource.CLOSED) {
        // The demo restarted (the session is gone) or is down: start again in a moment.
        setTimeout(function () { resume().catch(function (err) { showError(err.message); }); }, 2000);
      }
    });
  }

  function welcome(data) {
    state.session = data.session;
    state.supervisor = data.supervisor;
    state.channelId = data.channelId;
    state.oversees = data.oversees;
    $('tech-name').textContent = 'you are ' + data.session.name;
    $('sup-name').textContent = 'you are ' + data.supervisor.name;
    if (!data.oversees) $('sup-empty').textContent = 'Supervisors oversee in Slack in this deployment.';
    if (data.example) $('example').textContent = data.example;
    localStorage.setItem(KEY, JSON.stringify(data));
  }

  async function startSession() {
    var language = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,2}$/.test(navigator.language || '') ? navigator.language : null;
    var res = await fetch(BASE + 'session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ language: language }) });
    var data = await res.json();
    if (!res.ok) throw new Error((data.error && data.error.message) || 'Could not start the demo');
    welcome(data);
    listen();
  }

  async function resume() {
    var saved = null;
    try { saved = JSON.parse(localStorage.getItem(KEY) || 'null'); } catch (e) { saved = null; }
    if (saved && saved.session) {
      var res = await fetch(BASE + 'history?session=' + encodeURIComponent(saved.session.id));
      if (res.ok) {
        welcome(saved);
        listen();
        return;
      }
    }
    await startSession();
  }

  function init() {
    var text = $('text');
    $('composer').addEventListener('submit', async function (e) {
      e.preventDefault();
      var value = text.value.trim();
      if (!value || !state.session) return;
      text.value = '';
      try { await sendText(value); } catch (err) { text.value = value; showError(err.message); }
    });
    text.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault();
        $('composer').requestSubmit();
      }
    });
    document.querySelectorAll('[data-command]').forEach(function (b) {
      b.addEventListener('click', function () { sendText(b.dataset.command).catch(function (err) { showError(err.message); }); });
    });
    $('photo').addEventListener('change', async function () {
      var file = this.files && this.files[0];
      this.value = '';
      if (!file || !state.session) return;
      var caption = text.value.trim();
      var q = 'session=' + encodeURIComponent(state.session.id) + '&id=' + newId() + (caption ? '&caption=' + encodeURIComponent(caption) : '');
      try {
        await call('photo?' + q, file, { raw: true, type: file.type || 'application/octet-stream' });
        text.value = '';
      } catch (err) { showError(err.message); }
    });
    resume().catch(function (err) { showError(err.message); });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
`;
