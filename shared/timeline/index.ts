export * from './timeline.schema';
export * from './timeline-math';
export * from './timeline-parse';
export * from './timeline-json-schema';
