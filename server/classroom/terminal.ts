/**
 * What `npm run classroom` prints: the addresses a phone on the classroom network can reach, and
 * a QR code of the join address drawn with Unicode half blocks (two rows of modules per line),
 * black on white whatever the terminal's colours.
 */
import { networkInterfaces } from 'node:os';
import qrcode from 'qrcode-generator';

/** IPv4 addresses of this machine other than loopback, as phones on the same network see it. */
export function lanAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) out.push(a.address);
  return out;
}

/** The QR code's modules (true: dark), with a quiet zone of `quiet` modules around them. */
export function qrModules(text: string, quiet = 2): boolean[][] {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  const size = n + 2 * quiet;
  return Array.from({ length: size }, (_, r) =>
    Array.from({ length: size }, (_, c) => {
      const y = r - quiet;
      const x = c - quiet;
      return y >= 0 && y < n && x >= 0 && x < n && qr.isDark(y, x);
    }),
  );
}

const BLACK_ON_WHITE = '\x1b[30;47m';
const RESET = '\x1b[0m';

/** The QR code as text: ▀ ▄ █ and spaces, one line per two rows of modules. */
export function terminalQr(text: string, colour = true): string {
  const m = qrModules(text);
  const lines: string[] = [];
  for (let r = 0; r < m.length; r += 2) {
    let line = '';
    for (let c = 0; c < m.length; c++) {
      const top = m[r]![c]!;
      const bottom = m[r + 1]?.[c] ?? false;
      line += top && bottom ? '█' : top ? '▀' : bottom ? '▄' : ' ';
    }
    lines.push(colour ? `${BLACK_ON_WHITE}${line}${RESET}` : line);
  }
  return lines.join('\n');
}
