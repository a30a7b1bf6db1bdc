#!/usr/bin/env node
// The benchmark suite (issue 6): runs every benchmark one after another against freshly seeded
// data, each figure next to a baseline measured in the same run, and writes one file of results
// (bench/results/latest.json) and a short table (bench/results/latest.md, also printed).
//
//   node bench/run.mjs            the default profile (demo scale, 100k and 1M points drawn)
//   node bench/run.mjs --smoke    small and fast: does every bench run, are its results sane
//   node bench/run.mjs --full     the default plus 10× scale (500,000 sensors)
//   node bench/run.mjs --only=ingest,spatial-x10   a subset (bench or step ids, see the table)
//   node bench/run.mjs --only=live-5000 --merge     rerun some, keep the rest of the last results
//
// Each bench stays a script of its own (run it alone with the env shown in `benches.mjs`); this file
// only sequences them, so that one failing bench does not hide the others' figures.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benches, root } from './benches.mjs';
import { machine } from './machine.mjs';
import { markdown, saneProblems } from './report.mjs';

const args = process.argv.slice(2);
const profile = args.includes('--smoke') ? 'smoke' : args.includes('--full') ? 'full' : 'default';
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const resultsDir = join(root, 'bench/results');
mkdirSync(resultsDir, { recursive: true });

/** Runs one bench to completion (or its time limit), its output passed through. */
function runStep(step) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(step.command[0], step.command.slice(1), {
      cwd: join(root, step.cwd),
      env: { ...process.env, ...step.env, ONEMAP_BENCH_OUT: join(resultsDir, step.out) },
      stdio: ['ignore', 'ignore', 'inherit'],
      detached: true,
    });
    // A bench that hangs (a browser that never settles) must not hold the suite: its whole process
    // group goes, servers included.
    const timer = setTimeout(() => {
      process.stderr.write(`bench ${step.id}: over ${step.limitS} s, stopped\n`);
      process.kill(-child.pid, 'SIGKILL');
    }, step.limitS * 1000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      // A bench that crashed may leave its API server behind, holding its port for the next try.
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // nothing left of the group
      }
      resolve({ code: code ?? signal, seconds: Math.round((performance.now() - t0) / 100) / 10 });
    });
  });
}

// Seeding an embedded database takes 15–25 s at the demo scale (minutes at 10×): each scale is
// seeded once, by the real server, and every bench at that scale starts from a copy.
const seedWork = mkdtempSync(join(tmpdir(), 'onemap-bench-seeded-'));
const seededDirs = new Map();
async function seeded(scale) {
  if (!seededDirs.has(scale)) {
    const dir = join(seedWork, `x${scale}`);
    const step = { id: `seed-x${scale}`, cwd: 'apps/api', limitS: 900, out: 'unused', env: {} };
    step.command = [process.execPath, '--import', 'tsx', 'bench/seed.ts', dir, String(scale)];
    const { code } = await runStep(step);
    seededDirs.set(scale, code === 0 ? dir : null);
  }
  return seededDirs.get(scale);
}

const started = new Date();
const runs = [];
for (const bench of benches) {
  for (const step of bench.steps(profile)) {
    if (only && !only.includes(bench.id) && !only.includes(step.id)) continue;
    process.stderr.write(`\n== bench ${step.id} (${profile})\n`);
    const dir = step.seedScale ? await seeded(step.seedScale) : null;
    if (dir) step.env.ONEMAP_BENCH_SEEDED = dir;
    // A second try after a failure (the machine is shared: a rebuild of the web app under a browser
    // bench, a port briefly taken); both are on the record.
    let outcome;
    const failures = [];
    for (let attempt = 1; attempt <= 2; attempt++) {
      outcome = await attemptStep(step);
      if (!outcome.error) break;
      failures.push(outcome.error);
      process.stderr.write(`bench ${step.id}: ${outcome.error}${attempt === 1 ? ', trying again' : ''}\n`);
    }
    runs.push({
      id: step.id,
      ...outcome,
      failedAttempts: failures.length,
      file: `bench/results/${step.out}`,
    });
  }
}

/** One run of a step: its rows, or why there are none. */
async function attemptStep(step) {
  const { code, seconds } = await runStep(step);
  if (code !== 0) return { seconds, error: `exited with ${code}`, rows: [] };
  try {
    return {
      seconds,
      error: null,
      rows: step.rows(JSON.parse(readFileSync(join(resultsDir, step.out), 'utf8'))),
    };
  } catch (e) {
    return { seconds, error: `unreadable results: ${e.message}`, rows: [] };
  }
}

rmSync(seedWork, { recursive: true, force: true });

const results = {
  profile,
  started: started.toISOString(),
  seconds: Math.round((Date.now() - started.getTime()) / 1000),
  machine: machine(),
  benches: runs,
};
// --merge: the benches run now replace theirs in the last results, the rest are kept (each entry
// says when it ran), so one bench can be rerun without running them all again.
if (args.includes('--merge')) {
  const last = JSON.parse(readFileSync(join(resultsDir, 'latest.json'), 'utf8'));
  const now = new Map(runs.map((r) => [r.id, { ...r, ran: results.started }]));
  const kept = last.benches.map((r) => now.get(r.id) ?? { ran: last.started, ...r });
  const added = runs.filter((r) => !last.benches.some((l) => l.id === r.id));
  results.benches = [...kept, ...added];
  results.merged = [
    ...(last.merged ?? [{ profile: last.profile, started: last.started, machine: last.machine }]),
  ];
  results.merged.push({ profile, started: results.started, machine: results.machine, only });
  results.profile = last.profile;
}
const problems = saneProblems(results.benches);
results.sane = problems.length === 0;
results.problems = problems;
writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
const table = markdown(results);
writeFileSync(join(resultsDir, 'latest.md'), table);
process.stdout.write(table);
if (problems.length > 0) {
  process.stderr.write(`\nbench: not sane:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
  process.exit(1);
}
