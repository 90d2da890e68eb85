// The claim writes of the console: one Idempotency-Key per click, so a retried request is never a second write.
import { postJson } from '../../app/api';

export type ClaimAction = 'claim' | 'unclaim';

export function sendClaim(taskId: string, action: ClaimAction, token: string): Promise<unknown> {
  return postJson(`/v1/tasks/${encodeURIComponent(taskId)}/${action}`, {}, { token });
}

export function sendAssign(taskId: string, officerId: string, token: string): Promise<unknown> {
  return postJson(`/v1/tasks/${encodeURIComponent(taskId)}/assign`, { officerId }, { token });
}
