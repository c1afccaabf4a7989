#!/usr/bin/env node
// The browser test of report packs (make check): opens each pack's
// index.html in the system's Chromium (Debian's package, /usr/bin/chromium,
// or $CHROMIUM) at a phone's and a laptop's width and fails when
//   - the page, a table or any element is wider than the window (a reader
//     would have to scroll sideways, or a figure is cut off);
//   - an image is broken, or a chart is missing or drawn nowhere;
//   - a link is dead (a relative file that is not in the pack, or an #id
//     that is not on the page); the page must not link outside the pack;
//   - text shows a literal backtick (Markdown that was never rendered);
//   - a chart's text is smaller than MIN_CHART_TEXT_PX on the screen.
// It writes a full-page screenshot of each pack at each width into
// SHOTS_DIR, for a person to look at.
//
// Usage: node check.js SHOTS_DIR PACK_DIR...
// Prints one line per pack and width, then "browser: N passed, M failed".
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const puppeteer = require('puppeteer-core');

const WIDTHS = [390, 1280];
const MIN_CHART_TEXT_PX = 9;

// Runs in the page: every problem as one line of text.
function inspect(minTextPx) {
  const problems = [];
  const root = document.documentElement;
  const width = root.clientWidth;
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    const section = el.closest('section[id], figure[id]');
    if (section && section !== el) s += ' in #' + section.id;
    return s;
  };
  if (root.scrollWidth > width)
    problems.push(`the page is ${root.scrollWidth}px wide in a ${width}px window`);
  // Only the outermost element that overflows is named, not each cell in it.
  const reported = new Set();
  const under = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement)
      if (reported.has(p)) return true;
    return false;
  };
  for (const el of document.body.querySelectorAll('*')) {
    const style = getComputedStyle(el);
    if (style.display === 'none' || el.closest('svg') && el.tagName !== 'svg' ||
        under(el))
      continue;
    const box = el.getBoundingClientRect();
    if (box.width > 0 && (box.right > width + 0.5 || box.left < -0.5) &&
        reported.add(el))
      problems.push(`${describe(el)} reaches ${Math.round(box.left)}..` +
                    `${Math.round(box.right)}px, outside the ${width}px window`);
    // Content hidden behind a sideways scrollbar overflows too.
    if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0 &&
        (style.overflowX === 'auto' || style.overflowX === 'scroll') &&
        reported.add(el))
      problems.push(`${describe(el)} scrolls sideways (${el.scrollWidth}px of ` +
                    `content in ${el.clientWidth}px)`);
  }
  for (const table of document.querySelectorAll('table')) {
    const parent = table.parentElement.getBoundingClientRect();
    const box = table.getBoundingClientRect();
    if (box.width > parent.width + 0.5)
      problems.push(`${describe(table)} is ${Math.round(box.width)}px wide in ` +
                    `${Math.round(parent.width)}px`);
  }
  for (const img of document.images)
    if (!img.complete || img.naturalWidth === 0)
      problems.push(`image ${img.getAttribute('src')} is broken`);
  for (const figure of document.querySelectorAll('figure')) {
    const shown = [...figure.querySelectorAll('svg, img')].filter((g) => {
      const b = g.getBoundingClientRect();
      return b.width > 0 && b.height > 0 && getComputedStyle(g).display !== 'none';
    });
    if (shown.length === 0 && !figure.querySelector('.note'))
      problems.push(`${describe(figure)} shows no chart`);
    for (const svg of shown.filter((g) => g.tagName.toLowerCase() === 'svg')) {
      let smallest = Infinity;
      for (const t of svg.querySelectorAll('text')) {
        if (!t.textContent.trim()) continue;
        const m = t.getScreenCTM();
        const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
        if (px < smallest) smallest = px;
      }
      if (smallest < minTextPx)
        problems.push(`${describe(figure)}: chart text ${smallest.toFixed(1)}px ` +
                      `high on screen, below ${minTextPx}px`);
      if (svg.querySelectorAll('path, polyline, rect').length < 3)
        problems.push(`${describe(figure)}: the chart draws nothing`);
    }
  }
  const links = [];
  for (const a of document.querySelectorAll('a[href]')) {
    const href = a.getAttribute('href');
    if (href.startsWith('#')) {
      if (!document.getElementById(decodeURIComponent(href.slice(1))))
        problems.push(`link ${href}: no such id on the page`);
    } else if (/^[a-z][a-z0-9+.-]*:/i.test(href)) {
      problems.push(`link ${href} leaves the pack (the page promises no network)`);
    } else {
      links.push(href);
    }
  }
  if (document.body.innerText.includes('`'))
    problems.push('a literal backtick shows in the text');
  return {problems, links};
}

async function main() {
  const [shots, ...packs] = process.argv.slice(2);
  if (!shots || packs.length === 0) {
    console.error('usage: node check.js SHOTS_DIR PACK_DIR...');
    process.exit(2);
  }
  fs.mkdirSync(shots, {recursive: true});
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'batchcalc-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    userDataDir: profile,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update',
           '--disable-sync', '--disable-dev-shm-usage'],
  });
  let passed = 0, failed = 0;
  try {
    const page = await browser.newPage();
    // Nothing outside the pack may be fetched.
    await page.setRequestInterception(true);
    page.on('request', (req) => {
      if (req.url().startsWith('file:')) req.continue();
      else req.abort();
    });
    for (const pack of packs) {
      const index = path.resolve(pack, 'index.html');
      for (const width of WIDTHS) {
        const name = `${path.basename(pack)}-${width}`;
        let problems;
        try {
          await page.setViewport({width, height: 900});
          await page.goto('file://' + index, {waitUntil: 'load'});
          const found = await page.evaluate(inspect, MIN_CHART_TEXT_PX);
          problems = found.problems;
          for (const href of found.links) {
            const file = path.resolve(pack, decodeURIComponent(href.split('#')[0]));
            if (!fs.existsSync(file))
              problems.push(`link ${href}: no such file in the pack`);
          }
          await page.screenshot({path: path.join(shots, name + '.png'),
                                 fullPage: true});
        } catch (e) {
          problems = [String(e)];
        }
        if (problems.length === 0) {
          passed++;
          console.log(`ok   ${name} (${path.join(shots, name + '.png')})`);
        } else {
          failed++;
          console.log(`FAIL ${name}: ${index} at ${width}px`);
          // The first few tell the story; a layout bug repeats per row.
          for (const p of [...new Set(problems)].slice(0, 12)) console.log('    ' + p);
        }
      }
    }
  } finally {
    await browser.close();
    fs.rmSync(profile, {recursive: true, force: true});
  }
  console.log(`browser: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error('browser: ' + (e && e.stack || e));
  process.exit(1);
});
