// The suite's table, and the smoke check: a result is sane when its bench ran, wrote its file, and
// every figure, baseline and ratio is a finite positive number (a zero rate means nothing flowed).

const fmt = (n) =>
  n == null ? '–' : Math.abs(n) >= 100 ? String(Math.round(n)) : String(Math.round(n * 100) / 100);

export function markdown(results) {
  const m = results.machine;
  const lines = [
    `# OneMap benchmarks (${results.profile})`,
    '',
    `${m.date} · ${m.cpus} × ${m.model} · load ${m.loadavg.join(' ')} · node ${m.node} · git ${m.gitRev}${m.gitDirty ? '+' : ''} · ${results.seconds} s`,
    ...(results.merged ?? []).map(
      (r) =>
        `- merged: ${r.started} ${r.profile}${r.only ? ` (${r.only.join(', ')})` : ''}, load ${r.machine.loadavg.join(' ')}`,
    ),
    '',
    '| bench | figure | value | baseline | ratio | target | pass |',
    '| --- | --- | ---: | ---: | ---: | --- | --- |',
  ];
  for (const run of results.benches) {
    if (run.error) lines.push(`| ${run.id} | **failed**: ${run.error} | | | | | ✗ |`);
    for (const r of run.rows) {
      const pass = r.pass == null ? '–' : r.pass ? '✓' : '✗';
      lines.push(
        `| ${run.id} | ${r.figure} | ${fmt(r.value)} ${r.unit} | ${r.baseline == null ? '–' : `${fmt(r.baseline)} (${r.baselineLabel})`} | ${fmt(r.ratio)} | ${r.target ?? '–'} | ${pass} |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

const positive = (n) => typeof n === 'number' && Number.isFinite(n) && n > 0;

export function saneProblems(runs) {
  const problems = [];
  if (runs.length === 0) problems.push('no bench ran');
  for (const run of runs) {
    if (run.error) problems.push(`${run.id}: ${run.error}`);
    else if (run.rows.length === 0) problems.push(`${run.id}: no figures`);
    for (const r of run.rows) {
      if (!positive(r.value)) problems.push(`${run.id}: ${r.figure} = ${r.value}`);
      if (r.baseline != null && !positive(r.baseline))
        problems.push(`${run.id}: ${r.figure} baseline = ${r.baseline}`);
      if (r.ratio != null && !positive(r.ratio)) problems.push(`${run.id}: ${r.figure} ratio = ${r.ratio}`);
    }
  }
  return problems;
}
