/**
 * `npm run classroom`: one server on one port for the app and the rooms, and what it prints —
 * the join code, a QR code that decodes to the join address, the console link with the host key.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import jsQR from 'jsqr';
import { Client } from 'colyseus.js';
import { qrModules, terminalQr } from '../../server/classroom/terminal.ts';

describe('the terminal QR code', () => {
  it('decodes to the join address', () => {
    const text = 'http://192.168.1.20:2567/#/classroom/join?code=123456';
    const m = qrModules(text, 4);
    const scale = 4;
    const size = m.length * scale;
    const pixels = new Uint8ClampedArray(size * size * 4);
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++) {
        const v = m[Math.floor(y / scale)]![Math.floor(x / scale)] ? 0 : 255;
        pixels.set([v, v, v, 255], (y * size + x) * 4);
      }
    expect(jsQR(pixels, size, size)?.data).toBe(text);
    const lines = terminalQr(text, false).split('\n');
    expect(lines).toHaveLength(Math.ceil(qrModules(text).length / 2));
    expect(lines.join('')).toMatch(/^[▀▄█ ]+$/);
  });
});

describe('npm run classroom', () => {
  it('serves the app and the rooms on one port and prints the join code and console link', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'classroom-dist-'));
    const snaps = mkdtempSync(join(tmpdir(), 'classroom-snaps-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>app</title>');
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/classroom.ts',
        '--port',
        '0',
        '--host',
        '127.0.0.1',
        '--dist',
        dist,
        '--snapshots',
        snaps,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    try {
      const t0 = Date.now();
      while (!/key=/.test(out)) {
        if (Date.now() - t0 > 20_000 || child.exitCode !== null) throw new Error(out);
        await new Promise((r) => setTimeout(r, 50));
      }
      const code = /Join code:\s+(\d{6})/.exec(out)?.[1];
      const console_ = /(http:\/\/[\d.]+:(\d+))\/#\/classroom\/host\?key=([\w-]{32})/.exec(out);
      expect(code).toMatch(/^\d{6}$/);
      expect(console_).not.toBeNull();
      expect(out).toContain(`/#/classroom/join?code=${code}`);
      expect(out).toMatch(/[▀▄█]/);
      const port = console_![2]!;
      const page = await fetch(`http://127.0.0.1:${port}/`);
      expect(await page.text()).toContain('<title>app</title>');
      // The rooms answer on the same port.
      const client = new Client(`ws://127.0.0.1:${port}`);
      const room = await client.join('classroom', { code, name: 'Li' });
      const host = await client.join('classroom', { hostKey: console_![3] });
      expect(room.roomId).toBe(host.roomId);
      await room.leave();
      await host.leave();
    } finally {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dist, { recursive: true, force: true });
      rmSync(snaps, { recursive: true, force: true });
    }
  });
});
