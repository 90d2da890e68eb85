// How the engine's coroutines wait, so that ApplicationState.isSettled() is exact: `moving` counts the
// coroutines running between two waits, `busy` the activities whose answers the state waits for.
import { condition } from '@temporalio/workflow';
import type { ApplicationState } from './state';

/** A timer of at least 1 ms until `at`: a zero timeout would mean "no timer" to condition(). */
export const until = (at: number): number => Math.max(1, at - Date.now());

/**
 * One of the engine's coroutines waits until `wake` holds or `timeoutMs` passes (answers which). It
 * stops counting as moving while it waits, and counts again from the moment `wake` holds: inside the
 * SDK's evaluation of conditions, before any coroutine resumes, so no other coroutine can find the
 * state settled while this one has yet to act. A timer's wake-up changes nothing by itself; the
 * coroutine counts again when it resumes.
 */
export async function rest(state: ApplicationState, wake: () => boolean, timeoutMs?: number): Promise<boolean> {
  let woken = false;
  const woke = () => {
    if (!woken && wake()) {
      woken = true;
      state.moving++;
    }
    return woken;
  };
  state.moving--;
  try {
    if (timeoutMs === undefined) {
      await condition(woke);
      return true;
    }
    return await condition(woke, timeoutMs);
  } finally {
    if (!woken) state.moving++;
  }
}

/** Counts an activity whose answer the state needs, so the projector and Update answers wait for it. */
export async function tracked<T>(state: ApplicationState, fn: () => Promise<T>): Promise<T> {
  state.busy++;
  try {
    return await fn();
  } finally {
    state.busy--;
  }
}
