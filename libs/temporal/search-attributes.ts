import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Custom search attributes the platform sets on each application workflow (created by `npm start`). */
export const PermitTypeKey = defineSearchAttributeKey('PermitType', SearchAttributeType.KEYWORD);
export const ReceivingOfficeKey = defineSearchAttributeKey('ReceivingOffice', SearchAttributeType.KEYWORD);
export const TrackingCodeKey = defineSearchAttributeKey('TrackingCode', SearchAttributeType.KEYWORD);

export const SEARCH_ATTRIBUTES: Array<{ name: string; type: 'Keyword' }> = [
  { name: PermitTypeKey.name, type: 'Keyword' },
  { name: ReceivingOfficeKey.name, type: 'Keyword' },
  { name: TrackingCodeKey.name, type: 'Keyword' },
];
