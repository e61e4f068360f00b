import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axe, openPage, useBrowser } from './browser.ts';

const base = inject('baseURL');
const browser = useBrowser();

const TEXT = {
  'zh-CN': {
    next: '下一步',
    prev: '上一步',
    record: '订单记录',
    reviewed: '已评价',
    wrongPassword: /支付密码输错了/,
    drill: /展开这一步：电子商务支付流程/,
    back: /返回“电子商务交易流程”/,
    transit: '3. 在途运输',
    pay: '5. 支付',
    verify: '3. 输入支付密码或完成指纹验证',
  },
  en: {
    next: 'Next',
    prev: 'Previous',
    record: 'Order record',
    reviewed: 'Reviewed',
    wrongPassword: /The password is wrong/,
    drill: /Open this step: Payment flow/,
    back: /Back to “Transaction flow”/,
    transit: '3. In transit',
    pay: '5. Pay',
    verify: /^3\. /,
  },
} as const;

async function diagramReady(page: Page, messages: number): Promise<void> {
  await page.waitForFunction(
    (n) => document.querySelectorAll('.diagram svg [data-et="message"]').length === n,
    messages,
  );
}

async function heading(page: Page): Promise<string> {
  return (await page.locator('.narration h2').textContent())?.trim() ?? '';
}

async function orderStatus(page: Page, lang: 'zh-CN' | 'en'): Promise<string> {
  const record = page.getByRole('complementary', { name: TEXT[lang].record });
  return (await record.locator('dd').first().textContent())?.trim() ?? '';
}

describe.each(['zh-CN', 'en'] as const)('flows in %s', (lang) => {
  const text = TEXT[lang];

  it('steps through all three flows by mouse and by keyboard', async () => {
    const { context, page, errors } = await openPage(browser(), lang);
    // Transaction, by mouse.
    await page.goto(`${base}#/flows`);
    await diagramReady(page, 6);
    for (let i = 0; i < 5; i++) await page.getByRole('button', { name: text.next }).click();
    expect(await orderStatus(page, lang)).toBe(text.reviewed);
    await page.waitForFunction(
      (h) => location.hash.startsWith(h),
      '#/flows/transaction/receive-review',
    );
    const active = await page.locator('.diagram svg [data-et="message"].is-active').count();
    expect(active).toBe(1);
    // Payment, by keyboard.
    await page.goto(`${base}#/flows/payment`);
    await diagramReady(page, 5);
    await page.locator('main h1').focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await page.waitForFunction((h) => location.hash.startsWith(h), '#/flows/payment/status-update');
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(
      (h) => location.hash.startsWith(h),
      '#/flows/payment/success-notice',
    );
    await page.keyboard.press('Home');
    await page.waitForFunction((h) => location.hash.startsWith(h), '#/flows/payment/choose-method');
    await page.keyboard.press('End');
    await page.waitForFunction((h) => location.hash.startsWith(h), '#/flows/payment/status-update');
    // Logistics, by keyboard from the step list.
    await page.goto(`${base}#/flows/logistics`);
    await diagramReady(page, 5);
    await page.locator('.step-list a').nth(2).click();
    expect(await heading(page)).toBe(text.transit);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((h) => location.hash.startsWith(h), '#/flows/logistics/deliver');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('takes a failure path, drills down and back, and reloads on a step link', async () => {
    const { context, page, errors } = await openPage(browser(), lang);
    await page.goto(`${base}#/flows/payment/verify`);
    await diagramReady(page, 5);
    await page.getByRole('button', { name: text.wrongPassword }).click();
    await page.waitForFunction(
      (h) => location.hash.startsWith(h),
      '#/flows/payment/wrong-password',
    );
    // The diagram now shows the path taken, including the failure step.
    await page.waitForFunction(
      () => [...document.querySelectorAll('.diagram svg text.messageText')].length >= 4,
    );
    // The usual path's numbers are kept: the branch step has none, and after it the student
    // verifies again (3) and goes on to 4 and 5, so "step n of 5" and the diagram agree.
    await page.getByRole('button', { name: text.next }).click();
    await diagramReady(page, 7);
    const numbers = await page
      .locator('.diagram svg text.sequenceNumber')
      .evaluateAll((els) => els.map((e) => e.textContent));
    expect(numbers).toEqual(['1', '2', '3', '3', '4', '5']);
    await page.goto(`${base}#/flows/transaction/pay`);
    await diagramReady(page, 6);
    const svgId = () => page.evaluate(() => document.querySelector('.diagram svg')?.id);
    const drawn = await svgId();
    await page.getByRole('link', { name: text.drill }).click();
    await diagramReady(page, 5);
    await page.waitForFunction((h) => location.hash.startsWith(h), '#/flows/payment');
    await page.getByRole('link', { name: text.back }).click();
    await diagramReady(page, 6);
    expect(await heading(page)).toBe(text.pay);
    // Drawn once in this visit, the diagram is shown again as it was, not drawn anew.
    expect(drawn).toMatch(/^flow-diagram-\d+$/);
    expect(await svgId()).toBe(drawn);
    await page.goto(`${base}#/flows/logistics/in-transit`);
    await diagramReady(page, 5);
    await page.reload();
    await diagramReady(page, 5);
    expect(await heading(page)).toBe(text.transit);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('on a phone the full diagram (a tap away from the timeline) scrolls sideways and follows the step', async () => {
    const { context, page, errors } = await openPage(browser(), lang, { reducedMotion: 'reduce' });
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${base}#/flows/transaction`);
    // A phone shows the timeline first; the sequence diagram is one button away.
    await page.locator('.timeline').waitFor();
    await page
      .getByRole('button', {
        name: lang === 'en' ? 'Show the full sequence diagram' : '显示完整序列图',
      })
      .click();
    await diagramReady(page, 6);
    const view = () =>
      page.evaluate(() => {
        const frame = document.querySelector<HTMLElement>('.diagram')!;
        const label = frame.querySelector('svg text.messageText')!.getBoundingClientRect();
        return {
          label: label.height,
          scrolls: frame.scrollWidth > frame.clientWidth,
          focusable: frame.tabIndex === 0,
          pageWidth: document.documentElement.scrollWidth,
        };
      });
    const v = await view();
    // Scaled to the phone's width the labels would be about 5 px high.
    expect(v.label).toBeGreaterThanOrEqual(11);
    expect(v.scrolls && v.focusable).toBe(true);
    expect(v.pageWidth).toBeLessThanOrEqual(360);
    // Step 5 runs from the user to the payment provider, off to the right: it is scrolled to.
    // The frame scrolls so that the active message's middle is in view: to the right for step 5,
    // back towards the start for step 1.
    const scrolled = (range: { min: number; max: number }) =>
      page.waitForFunction(
        ({ min, max }) => {
          const frame = document.querySelector('.diagram')!;
          const f = frame.getBoundingClientRect();
          const a = frame.querySelector('[data-et="message"].is-active')!.getBoundingClientRect();
          const middle = a.left + a.width / 2;
          const left = frame.scrollLeft;
          return left >= min && left <= max && middle > f.left && middle < f.right;
        },
        range,
        { timeout: 3000 },
      );
    const scrollLeft = () => page.evaluate(() => document.querySelector('.diagram')!.scrollLeft);
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    expect(await heading(page)).toBe(text.pay);
    await scrolled({ min: 60, max: Infinity });
    const atStep5 = await scrollLeft();
    await page.keyboard.press('Home');
    await scrolled({ min: 0, max: atStep5 - 40 });
    expect(await axe(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('has no axe violations with the diagram drawn, at a decision point and at the end', async () => {
    const { context, page } = await openPage(browser(), lang);
    const report: string[] = [];
    for (const route of [
      '#/flows/transaction/checkout',
      '#/flows/logistics/deliver',
      '#/flows/payment/verify',
    ]) {
      await page.goto(`${base}${route}`);
      await page.reload();
      await page.waitForSelector('.diagram svg [data-et="message"]', { state: 'attached' });
      report.push(...(await axe(page)).map((v) => `${route}: ${v}`));
    }
    expect(report).toEqual([]);
    await context.close();
  });
});

describe('motion', () => {
  it('with reduced motion the token does not travel: it is placed at once', async () => {
    const { context, page } = await openPage(browser(), 'zh-CN', { reducedMotion: 'reduce' });
    await page.goto(`${base}#/flows/transaction`);
    await diagramReady(page, 6);
    await page.getByRole('button', { name: '下一步' }).click();
    const placed = await page.evaluate(() => {
      const token = document.querySelector('.diagram circle.token');
      const line = document.querySelectorAll(
        '.diagram svg [data-et="message"]',
      )[1] as SVGLineElement;
      return { cx: Number(token?.getAttribute('cx')), x2: line.x2.baseVal.value };
    });
    expect(placed.cx).toBe(placed.x2);
    await context.close();
  });

  it('with motion the token travels along the arrow', async () => {
    const { context, page } = await openPage(browser(), 'zh-CN');
    await page.goto(`${base}#/flows/transaction`);
    await diagramReady(page, 6);
    await page.getByRole('button', { name: '下一步' }).click();
    const samples = await page.evaluate(async () => {
      const xs: number[] = [];
      for (let i = 0; i < 6; i++) {
        xs.push(Number(document.querySelector('.diagram circle.token')?.getAttribute('cx')));
        await new Promise((r) => setTimeout(r, 120));
      }
      return xs;
    });
    expect(new Set(samples).size).toBeGreaterThan(2);
    await context.close();
  });
});
