/** @jest-environment jsdom */
import type { DiagramViewer } from '../catalogue/BpmnDiagram';
import { stepDecorator } from './decorate';
import { countsByStep, StepCount } from './heat';

/** A stand-in for bpmn-js's services, recording what the decorator asked of them. */
function fakeViewer(shapes: Array<{ id: string; type: string; name?: string; doc?: string }>) {
  const markers = new Map<string, Set<string>>();
  const overlays: Array<{ id: string; type: string; html: HTMLElement; scale: unknown }> = [];
  const listeners = new Map<string, (e: { element: { id: string } }) => void>();
  const services: Record<string, unknown> = {
    elementRegistry: { filter: (fn: (e: unknown) => boolean) => shapes.map((s) => ({ id: s.id, type: s.type, businessObject: { name: s.name, documentation: s.doc ? [{ text: s.doc }] : undefined } })).filter(fn) },
    canvas: {
      addMarker: (id: string, m: string) => markers.set(id, new Set([...(markers.get(id) ?? []), m])),
      removeMarker: (id: string, m: string) => markers.get(id)?.delete(m),
    },
    overlays: {
      add: (id: string, type: string, o: { html: HTMLElement; scale: unknown }) => overlays.push({ id, type, html: o.html, scale: o.scale }),
      remove: ({ type }: { type: string }) => overlays.splice(0, overlays.length, ...overlays.filter((o) => o.type !== type)),
    },
    eventBus: { on: (e: string, fn: (e: { element: { id: string } }) => void) => listeners.set(e, fn), off: (e: string) => listeners.delete(e) },
  };
  const viewer: DiagramViewer = { get: <T,>(name: string) => services[name] as T };
  return { viewer, markers, overlays, listeners };
}

const count = (stepId: string, open: number, overdue: number): StepCount => ({ permitType: 'SKDU', version: 2, stepId, stepName: `Step ${stepId}`, agency: 'KELURAHAN', open, overdue });

describe(stepDecorator.name, () => {
  it('marks every task with its heat, puts a linked badge on it, and follows a click on the task to its inbox', () => {
    const f = fakeViewer([
      { id: 'kelurahan_verification', type: 'bpmn:UserTask' },
      { id: 'Task_2', type: 'bpmn:UserTask', name: 'Peninjauan lokasi usaha', doc: '{"agency":"KELURAHAN","id":"site_visit"}' },
      { id: 'Issued', type: 'bpmn:EndEvent' },
    ]);
    const went: string[] = [];
    const counts = countsByStep([count('kelurahan_verification', 3, 2)], 'SKDU', 2);
    const undo = stepDecorator('SKDU', counts, (to) => went.push(to), (k, v) => `${k}${v ? JSON.stringify(v) : ''}`)(f.viewer)!;

    expect([...f.markers.get('kelurahan_verification')!]).toEqual(['heat-burning']);
    expect([...f.markers.get('Task_2')!]).toEqual(['heat-none']);
    expect(f.markers.has('Issued')).toBe(false);
    expect(f.overlays.map((o) => [o.id, o.html.getAttribute('href'), o.html.dataset.open, o.html.dataset.overdue])).toEqual([
      ['kelurahan_verification', '/kotak-masuk?queue=open&permitType=SKDU&step=kelurahan_verification', '3', '2'],
      ['Task_2', '/kotak-masuk?queue=open&permitType=SKDU&step=site_visit', '0', '0'],
    ]);
    expect(f.overlays[0].scale).toEqual({ min: 1 });
    expect(f.overlays[0].html.textContent).toContain('Step kelurahan_verification');
    expect(f.overlays[0].html.querySelector('.count-open')!.textContent).toBe('3');
    // A step with nothing open: one quiet 0, named from the diagram.
    expect(f.overlays[1].html.querySelector('.count-none')!.textContent).toBe('0');
    expect(f.overlays[1].html.querySelector('.count-open')).toBeNull();
    expect(f.overlays[1].html.title).toContain('Peninjauan lokasi usaha');

    f.overlays[0].html.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 }));
    f.listeners.get('element.click')!({ element: { id: 'Task_2' } });
    f.listeners.get('element.click')!({ element: { id: 'Issued' } });
    expect(went).toEqual(['/kotak-masuk?queue=open&permitType=SKDU&step=kelurahan_verification', '/kotak-masuk?queue=open&permitType=SKDU&step=site_visit']);

    undo();
    expect(f.overlays).toEqual([]);
    expect(f.listeners.size).toBe(0);
    expect([...f.markers.values()].every((m) => m.size === 0)).toBe(true);
  });
});
