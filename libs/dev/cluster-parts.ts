// Cluster mode's Temporal, as supervised parts: the schema step, then the four services as parts of
// their own (each killed and restarted alone), then the namespace step. The same steps as the
// one-shot jobs of docker/compose.yaml, from the same scripts and variables.
import { Supervisor } from './supervisor';
import {
  ClusterPorts,
  clusterEnv,
  runClusterScript,
  searchAttributesEnv,
  ServerToolchain,
  startTemporalService,
  TEMPORAL_SERVICES,
  TemporalService,
} from './temporal-cluster';

/** Supervisor part names of the Temporal services: temporal-history, temporal-matching, ... */
export const temporalPartName = (s: TemporalService) => `temporal-${s}`;
export const TEMPORAL_PARTS = TEMPORAL_SERVICES.map(temporalPartName);

export class ClusterStepError extends Error {}

export async function addTemporalCluster(
  supervisor: Supervisor,
  o: { databaseUrl: string; ports: ClusterPorts; server: ServerToolchain; cli: string; namespace: string; historyShards?: number; say: (line: string) => void },
): Promise<void> {
  const env: Record<string, string> = { ...clusterEnv(o.databaseUrl, o.ports, { historyShards: o.historyShards }), TEMPORAL_SQL_TOOL: o.server.sqlTool, TEMPORAL_SCHEMA_DIR: o.server.schemaDir };
  o.say(`Temporal schemas: databases ${env.DBNAME} and ${env.VISIBILITY_DBNAME} (docker/temporal/setup-schema.sh)`);
  try {
    await runClusterScript('setup-schema.sh', env, o.say);
  } catch (err) {
    throw new ClusterStepError(`could not set up Temporal's schemas: ${(err as Error).message}; the user of DATABASE_URL must be able to create databases`);
  }
  for (const service of TEMPORAL_SERVICES) {
    const port = service === 'frontend' ? o.ports.frontend : o.ports.grpc[service];
    o.say(`starting the Temporal ${service} service (gRPC ${port}, membership ${o.ports.membership[service]})`);
    await supervisor.add({
      name: temporalPartName(service),
      title: `the Temporal ${service} service`,
      hint: `Read its lines above; check that ports ${port} and ${o.ports.membership[service]} are free and that PostgreSQL is reachable`,
      start: async () => {
        const s = await startTemporalService({
          binary: o.server.server,
          service,
          env,
          ports: o.ports,
          cli: o.cli,
          detached: true,
          log: (l) => (supervisor.isStopping || !/"level":"(fatal|panic)"/.test(l) ? undefined : o.say(`temporal ${service}: ${l.slice(0, 300)}`)),
        });
        return { pid: s.process.pid, exited: s.exited, stop: s.stop };
      },
    });
  }
  o.say(`namespace ${o.namespace} and search attributes (docker/temporal/setup-namespace.sh)`);
  try {
    await runClusterScript(
      'setup-namespace.sh',
      { TEMPORAL_ADDRESS: `127.0.0.1:${o.ports.frontend}`, TEMPORAL_NAMESPACE: o.namespace, TEMPORAL_CLI: o.cli, SEARCH_ATTRIBUTES: searchAttributesEnv() },
      o.say,
    );
  } catch (err) {
    throw new ClusterStepError(`could not register the namespace and search attributes: ${(err as Error).message}`);
  }
}
