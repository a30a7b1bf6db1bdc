import { describe, expect, it } from 'vitest';
import { deckDeviceProps, isSoftwareRenderer, settingsFor } from '../src/map/gl-settings';

describe('deck.gl canvas settings by renderer', () => {
  it('knows the CPU rasterisers Chromium falls back to', () => {
    for (const name of [
      'ANGLE (Mesa, llvmpipe (LLVM 15.0.6, 256 bits), OpenGL 4.5)',
      'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
      'ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11)',
    ]) {
      expect(isSoftwareRenderer(name), name).toBe(true);
    }
    for (const name of [
      'ANGLE (NVIDIA, NVIDIA H100 PCIe/PCIe/SSE2, OpenGL 4.5.0)',
      'ANGLE (Intel, Intel(R) UHD Graphics 630 Direct3D11 vs_5_0 ps_5_0, D3D11)',
      'Apple M2',
    ]) {
      expect(isSoftwareRenderer(name), name).toBe(false);
    }
    expect(isSoftwareRenderer(null)).toBe(false);
  });

  it('multisamples on a GPU only, and never keeps the drawing buffer', () => {
    const gpu = settingsFor('ANGLE (NVIDIA, NVIDIA H100 PCIe/PCIe/SSE2, OpenGL 4.5.0)');
    const cpu = settingsFor('ANGLE (Mesa, llvmpipe (LLVM 15.0.6, 256 bits), OpenGL 4.5)');
    expect(deckDeviceProps(gpu)).toEqual({ webgl: { antialias: true, preserveDrawingBuffer: false } });
    expect(deckDeviceProps(cpu)).toEqual({ webgl: { antialias: false, preserveDrawingBuffer: false } });
    expect(cpu).toMatchObject({ software: true, antialias: false });
  });
});
