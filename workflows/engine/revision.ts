// What a resubmission changes in the application: the data fields it corrects and the documents it
// replaces. Pure functions over the input the engine holds; the timeline records the names they return,
// never the values (a value may be personal data, and the dossier holds it anyway).
import { changedFields, correctedData, sameValue } from '../../libs/domain/corrections';
import type { DocumentRef, Resubmission, ResubmitArgs, TimelineEvent } from '../messages';

export interface RevisionChanges {
  /** Top-level fields of `data` the resubmission set to another value or removed, in the order given. */
  fields: string[];
  /** Document types whose documents the resubmission replaced or added, in the order given. */
  documents: string[];
}

/**
 * Applies a resubmission to the application's data and documents in place. `args.data` corrects the
 * data (libs/domain/corrections.ts); each document type in `args.documents` replaces every document of
 * that type (several documents of one type replace them together). A field or document given again
 * unchanged is not a change.
 */
export function applyRevision(data: Record<string, unknown>, documents: DocumentRef[], args: Pick<ResubmitArgs, 'data' | 'documents'>): RevisionChanges {
  const corrections = args.data ?? {};
  const next = correctedData(data, corrections);
  const fields = changedFields(data, next, corrections);
  for (const field of Object.keys(data)) delete data[field];
  Object.assign(data, next);

  const changed: string[] = [];
  const given = args.documents ?? [];
  for (const type of given.map((d) => d.type).filter((t, i, all) => all.indexOf(t) === i)) {
    const replacements = given.filter((d) => d.type === type);
    const before = documents.filter((d) => d.type === type);
    if (sameValue(before.map(fingerprint), replacements.map(fingerprint))) continue;
    for (let i = documents.length - 1; i >= 0; i--) if (documents[i].type === type) documents.splice(i, 1);
    documents.push(...replacements.map((d) => ({ type: d.type, url: d.url, sha256: d.sha256 })));
    changed.push(type);
  }
  return { fields, documents: changed };
}

const fingerprint = (d: DocumentRef): string => `${d.sha256} ${d.url}`;

/** The resubmissions in a timeline, with what each changed: what the approver who asked reads. */
export function resubmissionsOf(timeline: readonly TimelineEvent[]): Resubmission[] {
  return timeline
    .filter((e) => e.type === 'resubmitted')
    .map((e) => ({ at: e.at, ...(e.note ? { note: e.note } : {}), changedFields: [...(e.changedFields ?? [])], changedDocuments: [...(e.changedDocuments ?? [])] }));
}
