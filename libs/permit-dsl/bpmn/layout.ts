// Diagram interchange geometry of a placed graph: lanes stacked top to bottom, each a band of tracks
// (tall where a shape stands, thin where only an empty branch's flow runs along), columns left to right
// as wide as their widest shape; timers on the task's lower edge with their escalation event below;
// flows as orthogonal waypoints.
import type { Bounds, Diagram, GNode, NodeKind } from './graph';

// pixels
const SIZE = {
  task: { w: 100, h: 80 },
  gateway: { w: 50, h: 50 },
  event: { w: 36, h: 36 },
  subProcess: { w: 300, h: 120 },
};
const TRACK_H = 200; // one row of a lane: task, its timer boundary and the escalation event below it
const THIN_TRACK_H = 50; // a row only an empty branch's flow runs along
const CENTER_Y = 60; // centre line of the main flow inside a track
const COL_GAP = 50;
const POOL_X = 20;
const POOL_Y = 20;
export const HEADER = 30; // label band of the pool and of each lane
const PAD = 30;
const CONTENT_X0 = POOL_X + HEADER + HEADER + PAD;

export const round = (n: number) => Math.round(n);

/** Where the pool and lanes stand; every node's bounds and every flow's waypoints are set on the graph itself. */
export interface Geometry {
  pool: Bounds;
  laneY: Map<string, number>;
  laneH: Map<string, number>;
}

export function layOut(d: Diagram): Geometry {
  const { b, lanes, tracks } = d;
  const { lane: rejectionLane, track: rejectionTrack, box: rejection, start: rejectedStart, end: rejectedEnd } = d.rejection;
  // rows holding shapes are tall, rows only an empty branch runs along are thin
  const occupied = new Set(b.nodes.filter((n) => n.track !== undefined).map((n) => `${n.lane}/${n.track}`));
  occupied.add(`${rejectionLane}/${rejectionTrack}`);
  const trackY = new Map<string, { top: number; center: number }>();
  const laneY = new Map<string, number>();
  const laneH = new Map<string, number>();
  let y = POOL_Y;
  for (const l of lanes) {
    laneY.set(l, y);
    for (let t = 0; t < tracks.get(l)!; t++) {
      const tall = occupied.has(`${l}/${t}`);
      trackY.set(`${l}/${t}`, { top: y, center: y + (tall ? CENTER_Y : THIN_TRACK_H / 2) });
      y += tall ? TRACK_H : THIN_TRACK_H;
    }
    laneH.set(l, y - laneY.get(l)!);
  }
  const poolH = y - POOL_Y;
  const trackTop = (lane: string, track: number) => trackY.get(`${lane}/${track}`)!.top;
  const trackCenter = (lane: string, track: number) => trackY.get(`${lane}/${track}`)!.center;

  const sizeOf = (k: NodeKind) =>
    k === 'userTask' ? SIZE.task : k.endsWith('Gateway') ? SIZE.gateway : k === 'subProcess' ? SIZE.subProcess : SIZE.event;
  const colW: number[] = [];
  for (const n of b.nodes) {
    if (n.col === undefined) continue;
    colW[n.col] = Math.max(colW[n.col] ?? 0, sizeOf(n.kind).w + COL_GAP);
  }
  const colX: number[] = [];
  let x = CONTENT_X0;
  for (let c = 0; c < colW.length; c++) {
    colW[c] = colW[c] ?? 100;
    colX[c] = x;
    x += colW[c];
  }
  const poolW = Math.max(x + PAD, CONTENT_X0 + SIZE.subProcess.w + PAD) - POOL_X;

  for (const n of b.nodes) {
    if (n.col === undefined) continue;
    const s = sizeOf(n.kind);
    const cx = colX[n.col] + colW[n.col] / 2;
    const cy = trackCenter(n.lane, n.track!);
    n.bounds = { x: round(cx - s.w / 2), y: round(cy - s.h / 2), w: s.w, h: s.h };
  }
  for (const n of b.nodes) {
    if (n.kind === 'boundaryEvent') {
      const t = b.get(n.attachedTo!).bounds!;
      const cx = t.x + t.w - 25;
      const cy = t.y + t.h;
      n.bounds = { x: cx - 18, y: cy - 18, w: 36, h: 36 };
      n.label = { x: cx + 20, y: cy + 4, w: 90, h: 14 };
      const thrower = b.get(b.flows.find((f) => f.source === n.id)!.target);
      thrower.bounds = { x: cx - 18, y: cy + 60 - 18, w: 36, h: 36 };
      thrower.label = { x: cx - 30, y: cy + 60 + 22, w: 60, h: 14 };
    }
  }
  rejection.bounds = { x: CONTENT_X0, y: trackTop(rejectionLane, rejectionTrack) + 40, w: SIZE.subProcess.w, h: SIZE.subProcess.h };
  const rb = rejection.bounds;
  rejectedStart.bounds = { x: rb.x + 40, y: rb.y + rb.h / 2 - 18, w: 36, h: 36 };
  rejectedEnd.bounds = { x: rb.x + rb.w - 76, y: rb.y + rb.h / 2 - 18, w: 36, h: 36 };

  for (const f of b.flows) f.waypoints = route(b.get(f.source), b.get(f.target), f.via && trackCenter(f.via.lane, f.via.track));

  return { pool: { x: POOL_X, y: POOL_Y, w: poolW, h: poolH }, laneY, laneH };
}

/** Orthogonal waypoints: gateways fan out from their top/bottom corner, everything else elbows in the gap. */
function route(src: GNode, tgt: GNode, viaY?: number): Array<[number, number]> {
  const s = src.bounds!;
  const t = tgt.bounds!;
  const scx = s.x + s.w / 2;
  const scy = s.y + s.h / 2;
  const tcx = t.x + t.w / 2;
  const tcy = t.y + t.h / 2;
  if (src.kind === 'boundaryEvent') return [[scx, s.y + s.h], [tcx, t.y]];
  if (viaY !== undefined && viaY !== scy) {
    const down = viaY > scy;
    return [
      [scx, down ? s.y + s.h : s.y],
      [scx, viaY],
      [tcx, viaY],
      [tcx, down ? t.y + t.h : t.y],
    ];
  }
  if (scy === tcy) return [[s.x + s.w, scy], [t.x, tcy]];
  const srcGateway = src.kind.endsWith('Gateway') && src.outgoing.length > 1;
  const tgtGateway = tgt.kind.endsWith('Gateway') && tgt.incoming.length > 1;
  if (srcGateway) return [[scx, tcy > scy ? s.y + s.h : s.y], [scx, tcy], [t.x, tcy]];
  if (tgtGateway) return [[s.x + s.w, scy], [tcx, scy], [tcx, scy > tcy ? t.y + t.h : t.y]];
  const mx = (s.x + s.w + t.x) / 2;
  return [[s.x + s.w, scy], [mx, scy], [mx, tcy], [t.x, tcy]];
}
