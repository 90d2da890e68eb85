// A process's CPU time and resident memory from /proc (Linux): CPU time, unlike wall time, means
// something on a shared machine, so the bench reports what each operation cost its processes.
import * as fs from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ; 100 on every Linux the project runs on). */
const TICKS_PER_SEC = 100;

/** User + system CPU milliseconds of the process so far, all its threads; null when /proc has no such process. */
export function cpuMs(pid: number | undefined): number | null {
  const fields = pid === undefined ? null : statFields(pid);
  return fields && ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SEC;
}

/** Resident set size in MB (VmRSS), or its peak (VmHWM); null when /proc has no such process. */
export function rssMb(pid: number | undefined, which: 'VmRSS' | 'VmHWM' = 'VmRSS'): number | null {
  if (pid === undefined) return null;
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${which}:\\s+(\\d+) kB`, 'm'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** CPU milliseconds a process spends while `fn` runs. */
export async function cpuDuring<T>(pid: number | undefined, fn: () => Promise<T>): Promise<{ result: T; cpuMs: number | null }> {
  const before = cpuMs(pid);
  const result = await fn();
  const after = cpuMs(pid);
  return { result, cpuMs: before === null || after === null ? null : after - before };
}

/**
 * CPU milliseconds of each thread of the process so far, summed by thread name (/proc/<pid>/task): in the
 * permit worker, `main` is the main thread (activities, the database, the SDK's bridge), the workflow
 * sandbox runs in a Node worker thread of its own (`worker-thread`), `tokio-*` is the SDK's Rust core, `V8 *` the garbage collector.
 */
export function threadCpuMs(pid: number | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  if (pid === undefined) return out;
  let tids: string[];
  try {
    tids = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tids) {
    const stat = readStat(`${pid}/task/${tid}`);
    if (!stat) continue; // the thread ended meanwhile
    // Node names its worker threads like its main thread: the main thread is the one whose id is the process's.
    const name = tid === String(pid) ? 'main' : stat.comm === 'node' ? 'worker-thread' : stat.comm;
    out[name] = (out[name] ?? 0) + ((Number(stat.fields[11]) + Number(stat.fields[12])) * 1000) / TICKS_PER_SEC;
  }
  return out;
}

/** /proc/<path>/stat: the command name and the fields after it (from the state on), or null when there is no such process or thread. */
function readStat(path: string): { comm: string; fields: string[] } | null {
  try {
    const stat = fs.readFileSync(`/proc/${path}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: it ends at the last closing parenthesis.
    return { comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), fields: stat.slice(stat.lastIndexOf(')') + 2).split(' ') };
  } catch {
    return null;
  }
}

const statFields = (pid: number | string) => readStat(String(pid))?.fields ?? null;

/**
 * CPU milliseconds of a process and its children so far: its own time, what its ended children used
 * (cutime, cstime) and what its running children used. For PostgreSQL, whose work is done in one backend
 * process per connection, forked by the postmaster.
 */
export function treeCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  const own = statFields(pid);
  if (!own) return null;
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const f = statFields(entry);
    // ppid is the second field after the command name
    if (f && Number(f[1]) === pid) ticks += Number(f[11]) + Number(f[12]);
  }
  return (ticks * 1000) / TICKS_PER_SEC;
}
