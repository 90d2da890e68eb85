import { useEffect, useRef, useState } from 'react';
import { getText } from '../../app/api';
import { useI18n } from '../../app/i18n';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';

/** The parts of a bpmn-js viewer the console uses (services by name: canvas, overlays, elementRegistry, eventBus). */
export interface DiagramViewer {
  get<T = unknown>(service: string): T;
}

/**
 * Paints on the shown diagram (markers, overlays, click handlers); the returned function takes it off
 * again. Called again whenever it changes, without drawing the diagram anew.
 */
export type Decorate = (viewer: DiagramViewer) => (() => void) | void;

/** The permit type's BPMN diagram, drawn by bpmn-js's viewer (loaded on demand: it is the console's heaviest part). */
export function BpmnDiagram({ url, title, decorate }: { url: string; title: string; decorate?: Decorate }) {
  const { t } = useI18n();
  const host = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'shown' | 'failed'>('loading');
  const [viewer, setViewer] = useState<DiagramViewer>();
  // Declared before the drawing effect, so its paint comes off before a new URL destroys the viewer.
  useEffect(() => (viewer && decorate ? decorate(viewer) ?? undefined : undefined), [viewer, decorate]);
  useEffect(() => {
    let shown: { destroy(): void } | undefined;
    let live = true;
    (async () => {
      const [{ default: NavigatedViewer }, xml] = await Promise.all([import('bpmn-js/lib/NavigatedViewer'), getText(url)]);
      if (!live || !host.current) return;
      const v = new NavigatedViewer({ container: host.current });
      shown = v;
      await v.importXML(xml);
      const canvas = v.get('canvas') as { zoom(level: string): void; resized(): void; viewbox(): { inner: { width: number; height: number } } };
      // As tall as the diagram needs at the width it has (within bounds): a tall diagram is not shrunk to a sliver.
      const { inner } = canvas.viewbox();
      if (inner.width > 0) {
        host.current.style.height = `${Math.round(Math.min(768, Math.max(256, (host.current.clientWidth * inner.height) / inner.width + 48)))}px`;
        canvas.resized();
      }
      canvas.zoom('fit-viewport');
      if (live) {
        setViewer(v as unknown as DiagramViewer);
        setState('shown');
      }
    })().catch(() => live && setState('failed'));
    return () => {
      live = false;
      setViewer(undefined);
      shown?.destroy();
    };
  }, [url]);
  return (
    <figure className="diagram">
      <div ref={host} className="diagram-canvas" role="region" aria-label={`${t('catalogue.diagram')}: ${title}`} data-state={state} />
      {state === 'loading' && <figcaption>{t('catalogue.loadingDiagram')}</figcaption>}
      {state === 'failed' && <figcaption className="error">{t('track.error')}</figcaption>}
    </figure>
  );
}
