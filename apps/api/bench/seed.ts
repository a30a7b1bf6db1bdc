// Seeds an embedded database the way an operator gets one (the real server's first start), for the
// bench suite to hand to several benches as ONEMAP_BENCH_SEEDED: each copies it instead of seeding
// its own. Usage: node --import tsx bench/seed.ts <dataDir> <scale> [port]
import { startApi } from './server.js';

const [dataDir, scale, port] = process.argv.slice(2);
if (!dataDir || !scale) throw new Error('usage: seed.ts <dataDir> <scale> [port]');
const api = await startApi({ dataDir, port: Number(port ?? 8200), mqttPort: 0, scale: Number(scale) });
await api.stop();
process.stderr.write(`seeded ${dataDir} at scale ${scale} in ${api.startMs} ms\n`);
