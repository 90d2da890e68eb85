// Rules every side applies the same way: the engine (workflow code, so pure modules only), the API, the
// activities and the simulator import them from here.
export * from './deciders';
export * from './overdue';
export * from './due-window';
export * from './statuses';
export * from './time';
export * from './application-contract';
export * from './inbox-task';
export * from './complaints';
export * from './corrections';
export * from './step-weight';
