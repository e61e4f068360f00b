/**
 * A QR code as one SVG path (qrcode-generator computes the modules; the component draws them),
 * or null when the text is too long for any QR code a projector can show.
 */
export const MAX_QR_CHARS = 2_900;

export async function qrPath(text: string): Promise<{ size: number; d: string } | null> {
  if (text.length > MAX_QR_CHARS) return null;
  const { default: qrcode } = await import('qrcode-generator');
  try {
    const qr = qrcode(0, 'L');
    qr.addData(text, 'Byte');
    qr.make();
    const n = qr.getModuleCount();
    let d = '';
    for (let r = 0; r < n; r++)
      for (let c = 0; c < n; c++) if (qr.isDark(r, c)) d += `M${c} ${r}h1v1h-1z`;
    return { size: n, d };
  } catch {
    return null;
  }
}
