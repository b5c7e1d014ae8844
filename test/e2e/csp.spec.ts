/**
 * Trust: every page carries a strict Content-Security-Policy, runs its widgets under it without a
 * single violation, and asks no host but its own for anything.
 */
import { expect, test } from '@playwright/test';
import { allPages, hydrateAll, watchErrors } from './helpers.ts';

for (const path of allPages()) {
  test(`${path}: strict CSP, no violation, no foreign request`, async ({ page, baseURL }) => {
    const origin = new URL(baseURL!).origin;
    const foreign: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.protocol === 'data:' || url.protocol === 'blob:') return;
      if (url.origin !== origin) foreign.push(r.url());
    });
    await page.addInitScript(() => {
      const w = window as unknown as { __cspViolations: string[] };
      w.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.violatedDirective}: ${e.blockedURI || e.sample}`));
    });
    const { errors } = watchErrors(page);
    await page.goto(path);

    const policy = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
    expect(policy, 'the page has a CSP meta tag').toBeTruthy();
    const scriptSrc = /script-src ([^;]*)/.exec(policy!)?.[1] ?? '';
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    // No inline event handler attributes anywhere in the markup.
    const handlers = await page.evaluate(() =>
      [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName}[${a.name}]`)),
    );
    expect(handlers).toEqual([]);

    await hydrateAll(page);
    // Let running widgets produce a few frames (workers, plots, downloads of engine chunks).
    await page.waitForTimeout(500);
    const violations = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
    expect(violations).toEqual([]);
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
  });
}

test('the policy is enforced: an injected inline script does not run and is reported', async ({ page }) => {
  await page.goto('/en/');
  const result = await page.evaluate(async () => {
    const seen: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => seen.push(e.violatedDirective));
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true';
    document.body.append(s);
    await new Promise((r) => setTimeout(r, 50));
    return { ran: (window as unknown as { __injected?: boolean }).__injected === true, seen };
  });
  expect(result.ran).toBe(false);
  expect(result.seen.some((d) => d.startsWith('script-src'))).toBe(true);
});
