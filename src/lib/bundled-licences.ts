/**
 * The third-party packages whose code or assets reach readers' browsers, with their licences, read
 * from node_modules when the site is built (so the list follows the lock file). Node only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Packages whose code or assets the pages ship are exactly package.json's `dependencies` (Astro's
 * small client runtime, Svelte's runtime, Plot, Comlink, KaTeX's CSS and fonts, Workbox, Pagefind's
 * search runtime); build and test tools are devDependencies. So `npm audit --omit=dev` audits what
 * readers receive.
 */
const ROOTS = Object.keys((JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as PackageJson).dependencies ?? {});
/**
 * Roots whose dependencies are shipped too (Plot bundles parts of d3). The others' dependencies are
 * compilers and command-line tools that stay on the build machine. Listing all of d3's packages
 * over-counts a little (only the modules Plot uses are bundled): better than missing one.
 */
const FOLLOW = new Set(['@observablehq/plot', 'd3']);

export interface BundledPackage {
  name: string;
  version: string;
  license: string;
  homepage: string | undefined;
}

interface PackageJson {
  name: string;
  version: string;
  license?: string;
  homepage?: string;
  dependencies?: Record<string, string>;
}

function readPackage(name: string): PackageJson {
  return JSON.parse(readFileSync(join(process.cwd(), 'node_modules', name, 'package.json'), 'utf8')) as PackageJson;
}

export function bundledPackages(): BundledPackage[] {
  const seen = new Map<string, BundledPackage>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    const pkg = readPackage(name);
    seen.set(name, { name: pkg.name, version: pkg.version, license: pkg.license ?? 'see package', homepage: pkg.homepage });
    if (FOLLOW.has(name)) for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep);
  };
  for (const root of ROOTS) visit(root);
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
}
