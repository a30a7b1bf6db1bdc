// How the e2e suite and the benchmarks launch their browser: Debian's Chromium, never a downloaded
// one; no background, update, sync or first-run traffic (nothing may leave localhost); and WebGL
// allowed in software (SwiftShader) where there is no GPU.

/** @type {import('@playwright/test').LaunchOptions} */
export const chromiumLaunchOptions = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    '--no-first-run',
    '--enable-unsafe-swiftshader',
    '--ignore-gpu-blocklist',
  ],
};
