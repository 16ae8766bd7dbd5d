export * from './presets';
export * from './asset-types';
