/**
 * A printable sheet of asset QR stickers: name, tag and a QR code of
 * `https://t.me/<bot>?start=a_<asset id>` (scanning it starts a report on that asset). One HTML
 * file, QR codes inline as SVG so it prints sharp and needs nothing else.
 */
import type { AssetRecord } from '../../core/model.js';
import { assetStartPayload, telegramStartLink } from '../../core/provisioning/index.js';
import { escapeHtml, qrSvg } from './qr.js';

const STYLE = `
  @page{size:A4;margin:10mm} *{box-sizing:border-box}
  body{margin:0;font:11pt/1.3 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111}
  header{margin:0 0 6mm} h1{font-size:14pt;margin:0} header p{margin:1mm 0 0;color:#555}
  .sheet{display:grid;grid-template-columns:repeat(3,1fr);gap:4mm}
  .sticker{border:1px dashed #999;border-radius:3mm;padding:3mm;text-align:center;break-inside:avoid;page-break-inside:avoid}
  .sticker svg{display:block;width:38mm;height:38mm;margin:0 auto}
  .name{font-weight:700;margin-top:1mm;overflow-wrap:anywhere} .tag{font-family:ui-monospace,monospace;font-size:10pt}
  .hint{font-size:8pt;color:#444;margin-top:1mm}
  @media screen{body{margin:8mm}} @media print{header p.screen{display:none}}`;

export async function stickerSheet(input: { botUsername: string; locationName: string; assets: readonly AssetRecord[] }): Promise<string> {
  const stickers = await Promise.all(
    input.assets.map(async (a) => {
      const link = telegramStartLink(input.botUsername, assetStartPayload(a.id));
      const qr = await qrSvg(link, `QR code to report a problem on ${a.name}`);
      return `<div class="sticker" data-asset-id="${a.id}" data-link="${escapeHtml(link)}">${qr}<div class="name">${escapeHtml(a.name)}</div><div class="tag">${escapeHtml(a.customId)}</div><div class="hint">Scan to report a problem</div></div>`;
    }),
  );
  const title = `QR stickers · ${input.locationName}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><header><h1>${escapeHtml(title)}</h1><p class="screen">${input.assets.length} assets. Print on sticker paper (A4, 3 across) and put each on its machine.</p></header>
<section class="sheet">
${stickers.join('\n')}
</section></body></html>
`;
}
