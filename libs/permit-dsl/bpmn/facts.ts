// The diagram model → the facts of a definition besides its flow: code, version, names, category,
// source, fee, documents, data schema, deadlines and the escalation ladder. A diagram exported by
// `toBpmnXml` carries them all in its process documentation; for any other diagram each missing fact
// gets a default and a TODO.
import { BusinessDuration, Condition, EscalationRung, FlowNode, longestPathMinutes, MINUTES_PER_BUSINESS_DAY, PermitDefinition } from '../definition';
import { isBusinessDuration } from './common';
import { BpmnModel, Json, upperCode } from './read';

export interface ImportOptions {
  /** The ladder a diagram without our documentation gets (still flagged TODO); default none. */
  defaultEscalation?: EscalationRung[];
}

/** The definition of the diagram's process, around the flow read from it. */
export function definitionOf(model: BpmnModel, flow: FlowNode, conditionFields: ReadonlyMap<string, Condition>, options: ImportOptions): PermitDefinition {
  const { process, participant, ours } = model;
  const d = ours ?? {};
  const missing = (key: string, message: string) => model.todos.add(key, message);
  const title = process.name?.trim() || participant?.name?.trim() || process.id || 'permit';

  let code: string;
  if (typeof d.code === 'string' && d.code) code = d.code;
  else {
    code = upperCode(title, 'PERMIT').slice(0, 32).replace(/_+$/, '');
    missing('code', `code "${code}" derived from the diagram name; use the permit's code`);
  }
  let version = 1;
  if (typeof d.version === 'number') version = d.version;
  else missing('version', 'version 1 assumed');

  let name: PermitDefinition['name'];
  const nm = d.name as Json | undefined;
  if (nm && typeof nm.id === 'string' && typeof nm.en === 'string') name = { id: nm.id, en: nm.en };
  else {
    name = { id: title, en: title };
    missing('name', 'names in Indonesian (id) and English (en)');
  }

  let category: PermitDefinition['category'] = 'perizinan';
  if (d.category === 'perizinan' || d.category === 'non-perizinan') category = d.category;
  else missing('category', 'perizinan or non-perizinan?');

  let source = '';
  if (typeof d.source === 'string') source = d.source;
  else missing('source', 'the regulation or service standard the requirements come from');

  let fee: PermitDefinition['fee'] = { amount: 0, currency: 'IDR', legalBasis: '' };
  const f = d.fee as Json | undefined;
  if (f && typeof f.amount === 'number' && typeof f.legalBasis === 'string') fee = { amount: f.amount, currency: 'IDR', legalBasis: f.legalBasis };
  else missing('fee', 'fee amount and its legal basis (0 if the service is free)');

  let requiredDocuments: PermitDefinition['requiredDocuments'] = [];
  if (Array.isArray(d.requiredDocuments)) requiredDocuments = d.requiredDocuments as PermitDefinition['requiredDocuments'];
  else missing('requiredDocuments', 'the documents the applicant uploads');

  let dataSchema: PermitDefinition['dataSchema'];
  if (d.dataSchema && typeof d.dataSchema === 'object') dataSchema = d.dataSchema as PermitDefinition['dataSchema'];
  else {
    const properties: Record<string, { type: string }> = {};
    for (const [field, c] of conditionFields) {
      if (field === 'TODO' || 'all' in c || 'any' in c) continue;
      const v = Array.isArray(c.value) ? c.value[0] : c.value;
      properties[field] = { type: typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'string' };
    }
    dataSchema = { type: 'object', properties, examples: [{}] };
    missing('dataSchema', 'the application data (the fields the conditions read are listed) and an example that passes it');
  }

  let deadline: BusinessDuration;
  if (isBusinessDuration(d.deadline)) deadline = d.deadline;
  else {
    deadline = { days: Math.max(1, Math.ceil(longestPathMinutes(flow) / MINUTES_PER_BUSINESS_DAY)) };
    missing('deadline', `${deadline.days} business days is the longest path through the step deadlines; set the legal deadline`);
  }
  let onHardDeadline: PermitDefinition['onHardDeadline'] = 'escalate';
  if (d.onHardDeadline === 'escalate' || d.onHardDeadline === 'deem-granted') onHardDeadline = d.onHardDeadline;
  else missing('onHardDeadline', 'escalate, or deem-granted where the regulation grants by silence (fiktif positif)');

  let applicantDeadline: BusinessDuration = { days: 10 };
  if (isBusinessDuration(d.applicantDeadline)) applicantDeadline = d.applicantDeadline;
  else missing('applicantDeadline', 'how long the applicant has to answer a revision request');

  let escalation: PermitDefinition['escalation'] = [];
  if (Array.isArray(d.escalation)) escalation = d.escalation as PermitDefinition['escalation'];
  else if (options.defaultEscalation) {
    escalation = options.defaultEscalation.map((r) => ({ ...r }));
    missing('escalation', 'the default ladder; check it suits this permit');
  } else missing('escalation', 'the escalation ladder (reminder, section head, agency head, governor)');

  return {
    code,
    version,
    name,
    category,
    ...(typeof d.description === 'string' ? { description: d.description } : {}),
    source,
    fee,
    requiredDocuments,
    dataSchema,
    flow,
    deadline,
    onHardDeadline,
    applicantDeadline,
    escalation,
  };
}
