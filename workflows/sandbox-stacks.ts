// How many frames the workflow sandbox records in a stack: none. Preloaded by the worker before the rest
// of the workflow code (preloadedWorkflowModules in apps/worker/src/worker.factory.ts), so it sets the
// sandbox's own Error once, before the SDK freezes the sandbox's globals; nothing imports it, and in any
// other process it does nothing. A worker started with WORKER_WORKFLOW_STACKS=full leaves it out.
//
// The SDK records the stack of every promise workflow code creates (for the `__stack_trace` query, the
// Web UI's "Stack Trace" tab) and maps each frame through the bundle's source map. With V8's default of
// ten frames that was half of the workflow thread's CPU on the worker: 22.5 ms per filed application,
// against 15.6 with three frames and 10.7 with none (docs/perf/2026-11-30-api-performance.md). A few
// frames do not buy a useful stack: the first ones of every promise's stack are the SDK's hook and the
// SDK's own helpers. So a worker records none; an error in workflow code keeps its message.
export const WORKFLOW_STACK_FRAMES = 0;

if ('__TEMPORAL__' in globalThis) Reflect.set(Error, 'stackTraceLimit', WORKFLOW_STACK_FRAMES);
