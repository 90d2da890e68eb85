// The SLA wall's paint on a diagram, through bpmn-js's own services: a heat marker on every step
// (canvas.addMarker, coloured by styles.css), an overlay with the open and overdue counts that links to
// the step's tasks, and a click on the step that goes there too.
import type { Decorate } from '../catalogue/BpmnDiagram';
import { HEATS, heatOf, inboxLink, stepIdOf, StepCount } from './heat';

interface Shape {
  id: string;
  type: string;
  businessObject: { name?: string; documentation?: Array<{ text?: string }> };
}

type Translate = (key: string, vars?: Record<string, string | number>) => string;

export function stepDecorator(permitType: string, counts: Map<string, StepCount>, navigate: (to: string) => void, t: Translate): Decorate {
  return (viewer) => {
    const tasks = viewer.get<{ filter(fn: (e: Shape) => boolean): Shape[] }>('elementRegistry').filter((e) => e.type === 'bpmn:UserTask');
    const canvas = viewer.get<{ addMarker(id: string, marker: string): void; removeMarker(id: string, marker: string): void }>('canvas');
    const overlays = viewer.get<{ add(id: string, type: string, o: { position: Record<string, number>; scale: { min: number }; html: HTMLElement }): string; remove(filter: { type: string }): void }>('overlays');
    const events = viewer.get<{ on(event: string, fn: (e: { element: { id: string } }) => void): void; off(event: string, fn: unknown): void }>('eventBus');
    const steps = new Map<string, string>();
    for (const el of tasks) {
      const stepId = stepIdOf(el.id, el.businessObject.documentation?.[0]?.text);
      steps.set(el.id, stepId);
      const c = counts.get(stepId) ?? { open: 0, overdue: 0, stepName: null };
      const heat = heatOf(c);
      canvas.addMarker(el.id, `heat-${heat}`);
      const link = document.createElement('a');
      link.href = inboxLink(permitType, stepId);
      link.className = `step-counts heat-${heat}`;
      link.dataset.step = stepId;
      link.dataset.open = String(c.open);
      link.dataset.overdue = String(c.overdue);
      // The accessible name is the visible counts with their words around them (hidden to the eye).
      const span = (className: string, text: string) => {
        const s = document.createElement('span');
        s.className = className;
        s.textContent = text;
        return s;
      };
      const name = c.stepName ?? el.businessObject.name ?? stepId;
      link.title = t('sla.stepBadge', { step: name, open: c.open, overdue: c.overdue });
      link.append(span('visually-hidden', `${name}: `));
      // A quiet step gets one small grey 0: the wall's eye goes to the steps that hold files.
      if (c.open === 0) link.append(span('count-none', '0'), span('visually-hidden', ` ${t('sla.open')}, 0 ${t('sla.overdue')}`));
      else link.append(span('count-open', String(c.open)), span('visually-hidden', ` ${t('sla.open')}, `), span('count-overdue', String(c.overdue)), span('visually-hidden', ` ${t('sla.overdue')}`));
      link.addEventListener('click', (e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        navigate(inboxLink(permitType, stepId));
      });
      // Never drawn smaller than life: a zoomed-out diagram keeps readable badges.
      overlays.add(el.id, 'sla-counts', { position: { top: -14, right: 18 }, scale: { min: 1 }, html: link });
    }
    const onClick = (e: { element: { id: string } }) => {
      const stepId = steps.get(e.element.id);
      if (stepId) navigate(inboxLink(permitType, stepId));
    };
    events.on('element.click', onClick);
    return () => {
      events.off('element.click', onClick);
      overlays.remove({ type: 'sla-counts' });
      for (const el of tasks) for (const h of HEATS) canvas.removeMarker(el.id, `heat-${h}`);
    };
  };
}
