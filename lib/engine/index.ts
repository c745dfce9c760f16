/** The metrics engine's public surface: pure functions, no browser APIs. */
export * from './events';
export * from './types';
export * from './calendar';
export { measureConversation, type EngineContext, type TargetsConfig } from './conversation';
export * from './profiles';
export * from './definitions';
export { evaluateTarget, continuousClock, pausesWithin, type Pauses } from './targets';
export { aggregate, percentile, percentileSorted, histogram } from './aggregate';
export * from './summary';
export { buildReport, reportContext, type Report, type ReportOptions } from './report';
