export * from './access.js';
export * from './alarm-rules.js';
export * from './contracts.js';
export * from './ingest.js';
export * from './layers.js';
export * from './live.js';
export * from './point-batch.js';
export * from './vocabulary.js';
