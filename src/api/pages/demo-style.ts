/** The /demo page's style sheet (served as /demo/demo.css): Telegram-like chat, Slack-like threads. */
export const DEMO_STYLE = `
*{box-sizing:border-box}
html,body{height:100%}
body{margin:0;font:15px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d232b;background:#e9edf1;display:flex;flex-direction:column}
.sr{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem;z-index:9}.skip:focus{left:.5rem}
:focus-visible{outline:3px solid #f5a524;outline-offset:2px}
.top{padding:.6rem 1rem;background:#1d2b3a;color:#fff}
.top h1{margin:0;font-size:1.15rem}.top h1 span{font-weight:400;color:#9fb3c8}
.top p{margin:.2rem 0 0;font-size:.85rem;color:#cfdbe6}
.error{margin:0;padding:.5rem 1rem;background:#fde2e1;color:#8a1c14}
.panes{flex:1;display:grid;grid-template-columns:minmax(18rem,26rem) 1fr;gap:1rem;padding:1rem;min-height:0}
@media (max-width:760px){.panes{grid-template-columns:1fr}}
.pane{display:flex;flex-direction:column;min-height:24rem;border-radius:.75rem;overflow:hidden;box-shadow:0 1px 3px rgba(0,0,0,.15)}
.pane h2{margin:0;padding:.6rem .9rem;font-size:1rem;display:flex;align-items:center;gap:.5rem}
.pane h2 small{font-weight:400;font-size:.8rem;margin-left:auto}
.tech{background:#d6e4cc}
.tech h2{background:#fff;border-bottom:1px solid #dde3e8}
.avatar{display:inline-grid;place-items:center;width:1.8rem;height:1.8rem;border-radius:50%;background:#2aa1da;color:#fff;font-size:.9rem}
.messages{list-style:none;margin:0;padding:.75rem;flex:1;overflow-y:auto;display:flex;flex-direction:column;gap:.4rem;background:#d6e4cc}
.msg{max-width:85%;padding:.45rem .65rem;border-radius:.8rem;background:#fff;white-space:pre-wrap;overflow-wrap:anywhere;box-shadow:0 1px 1px rgba(0,0,0,.1)}
.msg.person{align-self:flex-end;background:#effdde}
.msg .who{display:block;font-size:.75rem;font-weight:600;color:#2a7ab0}
.msg.person .who{color:#3b8a33}
.msg .edited{font-size:.7rem;color:#7b8794;margin-left:.3rem}
.msg img{display:block;max-width:100%;max-height:14rem;border-radius:.5rem;margin-bottom:.3rem}
.keyboard{display:grid;gap:.25rem;margin-top:.4rem}
.keyboard .row{display:flex;gap:.25rem}
.keyboard button{flex:1;padding:.45rem;border:0;border-radius:.45rem;background:#e8f3fb;color:#1a6fa3;font:inherit;font-weight:600;cursor:pointer}
.keyboard button:hover{background:#d3e9f7}
.keyboard button[aria-busy=true]{opacity:.6;cursor:progress}
.toast{min-height:0;text-align:center}
.toast:not(:empty){margin:.3rem auto;padding:.35rem .8rem;border-radius:1rem;background:rgba(0,0,0,.7);color:#fff;font-size:.85rem}
.shortcuts{display:flex;gap:.35rem;padding:.35rem .5rem;background:#f4f6f8;border-top:1px solid #dde3e8}
.shortcuts button{border:1px solid #c9d3dc;background:#fff;border-radius:1rem;padding:.2rem .7rem;font:inherit;font-size:.8rem;cursor:pointer}
.composer{display:flex;align-items:flex-end;gap:.4rem;padding:.5rem;background:#fff}
.composer textarea{flex:1;resize:none;border:1px solid #c9d3dc;border-radius:1rem;padding:.45rem .75rem;font:inherit;max-height:8rem}
.composer button,.attach{border:0;background:#2aa1da;color:#fff;border-radius:1rem;padding:.45rem .9rem;font:inherit;font-weight:600;cursor:pointer}
.attach{background:#eef2f5;color:#1d232b;padding:.45rem .6rem}
.attach:focus-within{outline:3px solid #f5a524}
.sup{background:#fff}
.sup h2{background:#3f0e40;color:#fff}
.empty{color:#5b6672;padding:0 .9rem}
.note:not(:empty){margin:.5rem .9rem 0;padding:.4rem .6rem;border-radius:.35rem;background:#f4f6f8;color:#5b6672;font-style:italic}
.threads{flex:1;overflow-y:auto;padding:.5rem .9rem;display:flex;flex-direction:column;gap:.9rem}
.thread{border:1px solid #dde3e8;border-radius:.6rem;padding:.6rem .75rem}
.thread .root{white-space:pre-wrap;overflow-wrap:anywhere}
.thread .root .who,.reply .who{font-weight:700;margin-right:.35rem}
.context{margin:.35rem 0 0;padding:0;list-style:none;font-size:.8rem;color:#5b6672}
.controls{display:flex;flex-wrap:wrap;gap:.35rem;margin-top:.45rem;align-items:center}
.controls button,.controls select{font:inherit;font-size:.85rem;border:1px solid #c9d3dc;border-radius:.35rem;background:#fff;padding:.25rem .6rem;cursor:pointer}
.controls button:hover{background:#f4f6f8}
.controls label{font-size:.8rem;color:#5b6672}
.replies{list-style:none;margin:.5rem 0 0 .6rem;padding:0 0 0 .6rem;border-left:3px solid #e5e9ed;display:flex;flex-direction:column;gap:.3rem}
.reply{white-space:pre-wrap;overflow-wrap:anywhere}
.reply.note{color:#5b6672;font-style:italic}
.reply-form{display:flex;gap:.35rem;margin-top:.5rem}
.reply-form input{flex:1;font:inherit;border:1px solid #c9d3dc;border-radius:.35rem;padding:.3rem .5rem}
.reply-form button{font:inherit;border:0;border-radius:.35rem;background:#007a5a;color:#fff;padding:.3rem .8rem;cursor:pointer}
`;
