export * from './bbox.js';
export * from './coords.js';
export * from './distance.js';
export * from './format.js';
export * from './polygon-index.js';
export * from './random.js';
export * from './scale.js';
export * from './tiles.js';
export type * from './types.js';
