/**
 * The share panel's QR codes scan from the back of a classroom. Each code is photographed (an
 * element screenshot with the white around it, which a camera sees too), shrunk to the pixels a
 * phone's camera gets of it there, and decoded with jsQR: it must give back the exact link.
 *
 * The classroom, as assumed here: the projector shows the page at 1280 × 800 CSS px on a screen
 * 2.5 m wide, so one CSS pixel is about 1.95 mm on the wall; the student sits 8 m away (the back
 * row of a 9 m classroom); the phone's scanner reads frames 1920 px wide (1080p) from a camera
 * that sees 66° across, so at 8 m one metre of wall is 1920 / (2 · 8 · tan 33°) ≈ 185 camera px.
 * One CSS pixel on the projector is then K ≈ 0.36 camera pixel. A phone reads many frames a
 * second, each a fraction of a pixel off the last: every code is decoded at three such offsets,
 * and must decode in each.
 *
 * At that scale the panel's own code (18rem, 288 px: about 104 camera px) is enough for the short
 * link made from a file's address (about 40 modules across), not for a link that carries a
 * whole scenario (about 80): that one scans from the projector view, which shows the code as
 * large as the screen allows.
 */
import jsQR from 'jsqr';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { axe, openPage, useBrowser } from './browser.ts';

const base = inject('baseURL');
const browser = useBrowser();

const PROJECTOR = { width: 1280, height: 800 };
const SCREEN_M = 2.5;
const DISTANCE_M = 8;
const CAMERA_PX = 1920;
const CAMERA_FOV_DEG = 66;
/** Camera pixels per CSS pixel of the projected page, from the back row. */
const K =
  (CAMERA_PX / (2 * DISTANCE_M * Math.tan((CAMERA_FOV_DEG / 2) * (Math.PI / 180)))) *
  (SCREEN_M / PROJECTOR.width);

/** A small set: one question, its link short enough (≤ 600 characters) for a QR code. */
const SMALL = `kind: quiz
id: tiny
order: 91
title: { zh: 小测, en: Quick check }
summary: { zh: 一道判断题。, en: One true-or-false question. }
questions:
  - id: e-contract-valid
    type: truefalse
    points: [e-contract]
    prompt:
      zh: 网上点击“同意”订立的合同没有法律效力。
      en: A contract made online by clicking "I agree" has no legal effect.
    answer: false
    explain: { zh: 电子合同同样有效。, en: Electronic contracts are valid too. }
`;

/** The labels the test finds controls by, in each language. */
interface Labels {
  ok: string;
  share: string;
  link: string;
  address: string;
  addressLink: string;
  large: string;
  close: string;
}

const TEXT: Record<'zh-CN' | 'en', Labels> = {
  'zh-CN': {
    ok: '没有错误',
    share: '分享链接与二维码',
    link: '分享链接',
    address: '文件的网址（https://…）',
    addressLink: '打开网上文件的链接',
    large: '放大显示，用于投影',
    close: '关闭',
  },
  en: {
    ok: 'No problems',
    share: 'Share link and QR code',
    link: 'Share link',
    address: "The file's address online (https://…)",
    addressLink: 'Link that opens the file online',
    large: 'Show it large for the projector',
    close: 'Close',
  },
};

/** What jsQR reads from `code` as a phone at the back of the room sees it, frame by frame. */
async function scanFromBackRow(page: Page, code: Locator): Promise<(string | null)[]> {
  await code.scrollIntoViewIfNeeded();
  const box = (await code.boundingBox())!;
  // The white around the code (the panel, or the projector view) is part of the photograph.
  const pad = 12;
  const png = await page.screenshot({
    clip: {
      x: box.x - pad,
      y: box.y - pad,
      width: box.width + 2 * pad,
      height: box.height + 2 * pad,
    },
  });
  const frames: (string | null)[] = [];
  for (const offset of [0, 1 / 3, 2 / 3]) {
    // Shrunk in the page (a canvas, smoothing on: each camera pixel averages what it covers).
    const frame = await page.evaluate(
      async ([b64, k, dx]) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = Math.round(img.width * k);
        canvas.height = Math.round(img.height * k);
        const g = canvas.getContext('2d')!;
        g.fillStyle = '#fff';
        g.fillRect(0, 0, canvas.width, canvas.height);
        g.imageSmoothingEnabled = true;
        g.imageSmoothingQuality = 'high';
        g.drawImage(img, dx, dx, canvas.width, canvas.height);
        const { data } = g.getImageData(0, 0, canvas.width, canvas.height);
        let bin = '';
        for (let i = 0; i < data.length; i++) bin += String.fromCharCode(data[i]!);
        return { width: canvas.width, height: canvas.height, rgba: btoa(bin) };
      },
      [png.toString('base64'), K, offset] as const,
    );
    const rgba = new Uint8ClampedArray(Buffer.from(frame.rgba, 'base64'));
    frames.push(jsQR(rgba, frame.width, frame.height)?.data ?? null);
  }
  return frames;
}

/** Open the projector view of the panel's last code, check it, scan it, close it. */
async function scanProjectorView(page: Page, text: Labels): Promise<string[]> {
  const open = page.getByRole('button', { name: text.large }).last();
  await open.click();
  const dialog = page.locator('dialog.qr-large[open]');
  await dialog.waitFor();
  const code = dialog.locator('svg');
  const { width } = (await code.boundingBox())!;
  // As large as the projector's 800 px height allows, with its line and button.
  expect(width).toBeGreaterThan(600);
  expect(await axe(page)).toEqual([]);
  const frames = await scanFromBackRow(page, code);
  await page.keyboard.press('Escape');
  await page.locator('dialog.qr-large[open]').waitFor({ state: 'detached' });
  // Focus goes back to the button that opened it.
  expect(await open.evaluate((el) => el === document.activeElement)).toBe(true);
  return frames.map((f) => f ?? '(not read)');
}

describe.each(['zh-CN', 'en'] as const)(
  'share QR codes in %s, scanned from the back row',
  (lang) => {
    const text = TEXT[lang];

    it('a small set: its own link, from the projector view', async () => {
      const { context, page, errors } = await openPage(browser(), lang);
      await page.setViewportSize(PROJECTOR);
      await page.goto(`${base}#/authoring/edit?template=quiz`);
      await page.getByText(text.ok, { exact: true }).waitFor();
      await page.locator('textarea#yaml').fill(SMALL);
      await page.getByRole('heading', { name: lang === 'en' ? 'Quick check' : '小测' }).waitFor();
      await page.getByRole('button', { name: text.share }).click();
      const link = await page.getByRole('textbox', { name: text.link }).inputValue();
      expect(link).toMatch(/#\/open\?s=[A-Za-z0-9_-]+$/);
      await page.locator('.qr svg path').waitFor();
      expect(await scanProjectorView(page, text)).toEqual([link, link, link]);
      // The close button closes it too.
      await page.getByRole('button', { name: text.large }).click();
      await page.locator('dialog.qr-large[open]').getByRole('button', { name: text.close }).click();
      expect(await page.locator('dialog.qr-large[open]').count()).toBe(0);
      expect(errors).toEqual([]);
      await context.close();
    });

    it("a large set: the link made from the file's address, in the panel and from the projector view", async () => {
      const { context, page, errors } = await openPage(browser(), lang);
      await page.setViewportSize(PROJECTOR);
      await page.goto(`${base}#/authoring/edit?template=quiz`);
      await page.getByText(text.ok, { exact: true }).waitFor();
      await page.getByRole('button', { name: text.share }).click();
      // The template's own link is too long for a QR code: none is drawn for it.
      await page.getByRole('textbox', { name: text.link }).waitFor();
      expect(await page.locator('.qr svg').count()).toBe(0);
      await page.getByLabel(text.address).fill('https://school.example/sets/my-quiz.yaml');
      const link = await page.getByRole('textbox', { name: text.addressLink }).inputValue();
      expect(link).toBe(
        `${base}#/open?url=${encodeURIComponent('https://school.example/sets/my-quiz.yaml')}`,
      );
      const inPanel = page.locator('.qr svg');
      await inPanel.locator('path').waitFor();
      expect(await scanFromBackRow(page, inPanel)).toEqual([link, link, link]);
      expect(await scanProjectorView(page, text)).toEqual([link, link, link]);
      expect(errors).toEqual([]);
      await context.close();
    });
  },
);
