#!/usr/bin/env node
// Benchmark (not a test): the convolution lesson's CNN in headless Chromium. Presses Play on
// /lesson/convolution and prints the test accuracy readout (and the step its weights came from)
// every 10 s for 60 s. Run from the project root against a preview server:
//   node bench/convolution-browser.cjs http://127.0.0.1:4206 [cpu|auto|webgpu]
const path = require('path');
const { createRequire } = require('module');
const { chromium } = createRequire(path.join(process.cwd(), 'package.json'))('@playwright/test');
const [base = 'http://127.0.0.1:4206', backend = 'cpu', seconds = '60'] = process.argv.slice(2);
(async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--enable-unsafe-webgpu'] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${base}/lesson/convolution?backend=${backend}${process.env.EXTRA ?? ""}`);
  await page.locator('[data-backend]').first().waitFor();
  await page.waitForFunction(() => document.querySelector('[data-metric="prediction"]')?.textContent !== '');
  const read = (n) => page.locator(`[data-metric="${n}"]`).first().textContent();
  await page.getByRole('button', { name: 'Play' }).click();
  const t0 = Date.now();
  for (let t = 10; t <= Number(seconds); t += 10) {
    await page.waitForTimeout(t0 + t * 1000 - Date.now());
    const [acc, at, step, epoch] = await Promise.all(['test_accuracy', 'tested_at_step', 'step', 'epoch'].map(read));
    console.log(`${t} s after Play (${backend}, ${await page.locator('[data-backend]').first().getAttribute('data-backend')}): test_accuracy ${acc} (weights of step ${at}), step ${step}, epoch ${epoch}`);
  }
  await browser.close();
})();
