import { useEffect, useRef, useState } from 'react';
import { getText } from '../../app/api';
import { useI18n } from '../../app/i18n';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';

/** The permit type's BPMN diagram, drawn by bpmn-js's viewer (loaded on demand: it is the console's heaviest part). */
export function BpmnDiagram({ url, title }: { url: string; title: string }) {
  const { t } = useI18n();
  const host = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'shown' | 'failed'>('loading');
  useEffect(() => {
    let viewer: { destroy(): void } | undefined;
    let live = true;
    (async () => {
      const [{ default: NavigatedViewer }, xml] = await Promise.all([import('bpmn-js/lib/NavigatedViewer'), getText(url)]);
      if (!live || !host.current) return;
      const v = new NavigatedViewer({ container: host.current });
      viewer = v;
      await v.importXML(xml);
      (v.get('canvas') as { zoom(level: string): void }).zoom('fit-viewport');
      if (live) setState('shown');
    })().catch(() => live && setState('failed'));
    return () => {
      live = false;
      viewer?.destroy();
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
