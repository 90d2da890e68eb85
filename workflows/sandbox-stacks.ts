// How many frames the workflow sandbox records in a stack. Preloaded by the worker before the rest of the
// workflow code (PRELOADED_WORKFLOW_MODULES in apps/worker/src/worker.factory.ts), so it sets the
// sandbox's own Error once, before the SDK freezes the sandbox's globals; nothing imports it, and in any
// other process it does nothing.
//
// The SDK records the stack of every promise workflow code creates (for the `__stack_trace` query) and
// maps each frame through the bundle's source map. With V8's default of ten frames that was half of the
// workflow thread's CPU on the worker: 22.5 ms per filed application, against 15.6 with three frames
// and 10.7 with none (docs/perf/2026-11-30-api-performance.md). One frame keeps where an error was
// thrown and where a pending promise was made. The whole stack of a failed workflow task comes back by
// replaying its history on a bundle without this module (test/replay does: docs/engine.md says how).
export const WORKFLOW_STACK_FRAMES = 1;

if ('__TEMPORAL__' in globalThis) Reflect.set(Error, 'stackTraceLimit', WORKFLOW_STACK_FRAMES);
