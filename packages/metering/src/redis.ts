import { Cluster, Redis, type ClusterOptions, type RedisOptions } from "ioredis";

/** A connection to one Redis server, or to a Redis Cluster: every part of Tollgate takes either. */
export type RedisClient = Redis | Cluster;

const CLUSTER_SCHEME = "redis-cluster://";
const UNIX_SCHEME = "unix://";

/**
 * Connect to `url`: `redis://[:password@]host:port[/db]` for one server over TCP,
 * `unix:///path/to/redis.sock[?password=…&db=…]` for one server on this host over its Unix socket (no TCP stack
 * on either side: less CPU a round trip, which a gateway pays once a call), or
 * `redis-cluster://[:password@]host:port,host:port,…` for a Redis Cluster, given by any of its nodes (the rest
 * are discovered). Each command goes to the node that owns its key's slot; Tollgate's scripts touch one
 * slot each (store/format.ts), so they run unchanged on a cluster.
 */
export function connectRedis(url: string, options: RedisOptions = {}, cluster: ClusterOptions = {}): RedisClient {
  if (url.startsWith(UNIX_SCHEME)) return new Redis({ ...parseUnixUrl(url), ...options });
  if (!url.startsWith(CLUSTER_SCHEME)) return new Redis(url, options);
  const { seeds, password, username } = parseClusterUrl(url);
  const { enableOfflineQueue, enableAutoPipelining, maxRetriesPerRequest, ...perNode } = options;
  return new Cluster(seeds, {
    ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }),
    ...(enableAutoPipelining === undefined ? {} : { enableAutoPipelining }),
    scaleReads: "master",
    ...cluster,
    redisOptions: {
      ...perNode,
      ...(maxRetriesPerRequest === undefined ? {} : { maxRetriesPerRequest }),
      ...(password === undefined ? {} : { password }),
      ...(username === undefined ? {} : { username }),
    },
  });
}

/**
 * Send the command `name` (a defined script) as it is called, never auto-pipelined. ioredis holds an
 * auto-pipeline back while the one before it awaits Redis, and the command timeout of what it holds starts
 * only when that is sent: behind a stalled Redis a call would wait as long as the stall instead of being
 * refused (503) once the timeout passes.
 */
export function sendUnpipelined(redis: RedisClient, name: string): void {
  const options = redis.options as { autoPipeliningIgnoredCommands?: string[] };
  options.autoPipeliningIgnoredCommands = [...(options.autoPipeliningIgnoredCommands ?? []), name];
}

/**
 * A second connection to the same server or cluster, for a subscriber or a blocking reader: it queues commands
 * while disconnected and retries them (it moves no money).
 */
export function duplicateForWaiting(redis: RedisClient): RedisClient {
  if (redis instanceof Cluster)
    return redis.duplicate([], {
      enableOfflineQueue: true,
      redisOptions: { ...redis.options.redisOptions, maxRetriesPerRequest: null },
    });
  return redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null });
}

/** The socket path, and the password and database if given, of a `unix://` URL. */
export function parseUnixUrl(url: string): { path: string; password?: string; db?: number } {
  const rest = url.slice(UNIX_SCHEME.length);
  const q = rest.indexOf("?");
  const path = decodeURIComponent(q < 0 ? rest : rest.slice(0, q));
  if (!path.startsWith("/")) throw new Error(`invalid unix:// URL ${JSON.stringify(url)} (want unix:///absolute/path/to/redis.sock)`);
  const params = new URLSearchParams(q < 0 ? "" : rest.slice(q + 1));
  const password = params.get("password");
  const db = params.get("db");
  if (db !== null && !/^\d{1,2}$/.test(db)) throw new Error(`invalid db ${JSON.stringify(db)} in a unix:// URL (want 0 to 99)`);
  return { path, ...(password === null ? {} : { password }), ...(db === null ? {} : { db: Number(db) }) };
}

/** The seed nodes and credentials of a `redis-cluster://` URL. */
export function parseClusterUrl(url: string): { seeds: { host: string; port: number }[]; password?: string; username?: string } {
  let rest = url.slice(CLUSTER_SCHEME.length).replace(/\/.*$/, "");
  let password: string | undefined;
  let username: string | undefined;
  const at = rest.lastIndexOf("@");
  if (at >= 0) {
    const [user, pass] = rest.slice(0, at).split(":", 2) as [string, string | undefined];
    username = user === "" ? undefined : decodeURIComponent(user);
    password = pass === undefined ? undefined : decodeURIComponent(pass);
    rest = rest.slice(at + 1);
  }
  const seeds = rest.split(",").map((node) => {
    const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(node.trim());
    if (m === null) throw new Error(`invalid node ${JSON.stringify(node)} in a redis-cluster:// URL (want host:port)`);
    return { host: m[1]!, port: Number(m[2]) };
  });
  return { seeds, ...(password === undefined ? {} : { password }), ...(username === undefined ? {} : { username }) };
}

/**
 * A Redis connection fit for moving money. ioredis' defaults queue commands while disconnected and resend
 * unanswered ones after a reconnect, which could replay a charge; here a command either reaches Redis now or
 * fails now, and the caller decides (the charge script is idempotent by event id, so the meter may ask again).
 * On a cluster, a command sent while a slot moves or a node fails over is redirected (MOVED/ASK) or retried
 * by ioredis' cluster client only while it has not been sent to a node that may have run it.
 */
export function createGatewayRedis(url: string, options: RedisOptions = {}): RedisClient {
  return connectRedis(url, {
    enableAutoPipelining: true,
    enableOfflineQueue: false,
    autoResendUnfulfilledCommands: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2_000,
    commandTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
    ...options,
  });
}

/** Resolves when the connection can take commands (with no offline queue, nothing may be sent before). */
export function whenReady(redis: RedisClient): Promise<void> {
  if (redis.status === "ready") return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onReady = () => {
      redis.off("error", onError);
      resolve();
    };
    const onError = (error: Error) => {
      if (redis.status === "end") {
        redis.off("ready", onReady);
        reject(error);
      }
    };
    redis.once("ready", onReady);
    redis.on("error", onError);
  });
}
