/**
 * WebGL settings of the map's deck.gl canvases, chosen for the renderer the browser has.
 *
 * Multisampling smooths the edges of lines and polygons, and on a GPU it is close to free. Drawn by
 * the CPU (a command-hall PC or a virtual desktop without a GPU, where Chromium falls back to
 * Mesa's llvmpipe or SwiftShader) it is not: a deck.gl canvas of 100,000 points panned at 2.1
 * frames per second with it and 3.1 without, in the same browser (e2e/bench, llvmpipe, 1920×1080).
 * The points need none of it (deck.gl smooths a circle's rim in its own shader), so on a software
 * renderer the map does without. The drawing buffer is not kept between frames either: nothing
 * reads the canvases back, and a kept buffer is one more copy per frame for the compositor.
 */
export interface DeckGlSettings {
  antialias: boolean;
  /** The renderer's name as WebGL reports it, or null where it does not say. */
  renderer: string | null;
  /** A CPU rasteriser: besides going without antialiasing, the map slides its layers with a pan. */
  software: boolean;
}

const SOFTWARE_RENDERERS = /llvmpipe|softpipe|lavapipe|swiftshader|software|basic render/i;

/** Whether a WebGL renderer name is a CPU rasteriser. */
export function isSoftwareRenderer(renderer: string | null): boolean {
  return renderer !== null && SOFTWARE_RENDERERS.test(renderer);
}

let probed: DeckGlSettings | null = null;

/** The settings for this browser, probed once with a throwaway context. */
export function deckGlSettings(): DeckGlSettings {
  probed ??= settingsFor(probeRenderer());
  return probed;
}

export function settingsFor(renderer: string | null): DeckGlSettings {
  const software = isSoftwareRenderer(renderer);
  return { antialias: !software, renderer, software };
}

function probeRenderer(): string | null {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return null;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : null;
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return renderer;
}

/** What a MapboxOverlay (a Deck) takes to create its canvas with these settings. */
export function deckDeviceProps(settings: DeckGlSettings) {
  return { webgl: { antialias: settings.antialias, preserveDrawingBuffer: false } };
}
