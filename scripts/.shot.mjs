import { chromium } from 'playwright-core';
const [,, base, out, ...hashes] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'] });
for (const locale of ['zh-CN','en']) {
  const ctx = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  page.on('pageerror', e => console.log('PAGEERROR', e.message));
  page.on('console', m => { if (m.type()==='error') console.log('CONSOLE', m.text()); });
  for (const h of hashes) {
    await page.goto(base + h); await page.waitForTimeout(600);
    const name = `${out}/${locale}-${h.replace(/[^a-z0-9]/gi,'_')}.png`;
    await page.screenshot({ path: name, fullPage: false });
    console.log(name);
  }
  await ctx.close();
}
await browser.close();
