/**
 * QR codes of Telegram links, through the `qrcode` library (PNG and SVG, pure JavaScript, the
 * usual choice in Node; writing a QR encoder with error correction is not Rivet's business).
 * Error correction M survives a scuffed sticker on a machine.
 */
import QRCode from 'qrcode';

/** A PNG `size` pixels square (quiet zone included). */
export function qrPng(text: string, size = 512): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: size });
}

/** An inline SVG that scales to its box (for pages and printable sheets). */
export async function qrSvg(text: string, label: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return svg.replace('<svg ', `<svg role="img" aria-label="${escapeHtml(label)}" `);
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
