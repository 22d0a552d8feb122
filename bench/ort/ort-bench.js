#!/usr/bin/env node
'use strict';
// Runs an ONNX model on ONNX Runtime (onnxruntime-node, CPU execution
// provider) for side-by-side comparison with `kiln run`; see
// bench/ort-compare.sh.
//
//   node ort-bench.js MODEL.onnx [--input NAME=FILE.npy]... [--threads N]
//        [--runs R] [--warmup W] [--output-dir DIR] [--profile N]
//       Loads MODEL with graph optimization level "all", intra-op threads N
//       (0: ORT's default, all physical cores), inter-op threads 1,
//       sequential execution. Feeds the given inputs (every model input must
//       be given), does W warm-up runs (default 1) and R timed runs (default
//       5), and prints
//         time    load L ms, run X ms (median of R), min Y ms
//         memory  resident M MiB before the first run, peak +P MiB while running
//       Only session.run() is timed; input tensors are built once. With
//       --output-dir every output is written as DIR/<name>.npy (the name
//       mangled like `kiln run --output-dir` does). With --profile N, ORT's
//       own profiler records every run, and the per-node medians follow:
//       the sum per op type, then the N slowest nodes with their output
//       shapes (ORT's fused and reordered graph, so node names are ORT's;
//       the run times then include the profiler's own cost).
//
//   node ort-bench.js gen-input FILE.npy DTYPE DIMS KIND [A B] [--seed S]
//       Writes a pseudo-random input. DTYPE f32|f64|i64|i32|bool, DIMS like
//       1x3x224x224, KIND uniform (floats in [A,B), default [-1,1)),
//       randint (integers in [A,B)) or fill (every element A).
//
//   node ort-bench.js compare REF_DIR TEST_DIR [--rtol R] [--atol A]
//       Compares every REF_DIR/*.npy with TEST_DIR/<same name>.npy and
//       prints, per output, the max absolute error, the max relative error
//       |t-r|/max(|r|,1e-6) and whether all elements satisfy
//       |t-r| <= atol + rtol*|r| (defaults rtol 1e-3, atol 1e-4). Exits 1 on
//       a missing file or a shape/dtype mismatch, 2 on a tolerance miss.

const fs = require('node:fs');
const path = require('node:path');
const { readNpy, writeNpy } = require('./npy');

function die(msg) {
  process.stderr.write(`ort-bench: ${msg}\n`);
  process.exit(1);
}

function parseArgs(argv, spec) {
  // spec: option name -> 'multi' | 'value'
  const opts = { _: [] };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      opts._.push(a);
      continue;
    }
    let [name, val] = a.slice(2).split(/=(.*)/s);
    if (!(name in spec)) die(`unknown option --${name}`);
    if (val === undefined) {
      if (i + 1 >= argv.length) die(`--${name} needs a value`);
      val = argv[++i];
    }
    if (spec[name] === 'multi') (opts[name] ??= []).push(val);
    else opts[name] = val;
  }
  return opts;
}

const ORT_TYPE = { f32: 'float32', f64: 'float64', i64: 'int64',
                   i32: 'int32', u8: 'uint8', bool: 'bool' };
const NPY_TYPE = Object.fromEntries(
  Object.entries(ORT_TYPE).map(([k, v]) => [v, k]));

function fileNameFor(name) {
  let s = name.replace(/[^A-Za-z0-9_.-]/g, '_');
  if (s === '' || s[0] === '.') s = '_' + s;
  return s;
}

// Ends SESSION's profiling, reads the file ORT wrote under PREFIX (it adds
// a date), removes it, and prints per-node medians of kernel time: summed
// per op type, then the TOP slowest nodes.
function printProfile(session, prefix, top) {
  session.endProfiling();
  const dir = path.dirname(prefix);
  const files = fs.readdirSync(dir)
    .filter((f) => f.startsWith(path.basename(prefix)))
    .map((f) => path.join(dir, f));
  if (files.length === 0) die('ORT wrote no profile');
  const events = JSON.parse(fs.readFileSync(files[0], 'utf8'));
  for (const f of files) fs.rmSync(f);
  const times = new Map();
  const info = new Map();
  for (const e of events) {
    if (e.cat !== 'Node' || !e.name.endsWith('_kernel_time')) continue;
    const name = e.name.slice(0, -'_kernel_time'.length);
    if (!times.has(name)) times.set(name, []);
    times.get(name).push(e.dur / 1000);
    info.set(name, e.args ?? {});
  }
  const nodes = [...times].map(([name, t]) => ({
    name, ms: median(t), op: info.get(name).op_name ?? '?',
    shape: (info.get(name).output_type_shape ?? [])
      .map((s) => Object.values(s)[0]?.join('x')).join(', '),
  }));
  const byOp = new Map();
  for (const n of nodes) byOp.set(n.op, (byOp.get(n.op) ?? 0) + n.ms);
  const total = nodes.reduce((a, n) => a + n.ms, 0);
  console.log(`profile ${total.toFixed(3)} ms in ${nodes.length} nodes ` +
              '(sum of per-node medians)');
  for (const [op, ms] of [...byOp].sort((a, b) => b[1] - a[1]))
    console.log(`  ${op.padEnd(28)} ${ms.toFixed(3).padStart(9)} ms`);
  nodes.sort((a, b) => b.ms - a.ms);
  for (const n of nodes.slice(0, Math.max(0, top)))
    console.log(`  ${n.ms.toFixed(3).padStart(9)} ms  ${n.op}  ${n.shape}  ` +
                n.name);
}

// The value of KEY ("VmRSS") in /proc/self/status in bytes, or null.
function procStatusBytes(key) {
  const m = fs.readFileSync('/proc/self/status', 'utf8')
    .match(new RegExp(`^${key}:\\s*(\\d+) kB`, 'm'));
  return m ? Number(m[1]) * 1024 : null;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]; // same convention as `kiln run`
}

async function bench(argv) {
  const o = parseArgs(argv, { input: 'multi', threads: 'value',
                              runs: 'value', warmup: 'value',
                              'output-dir': 'value', profile: 'value' });
  if (o._.length !== 1) die('expected one MODEL.onnx');
  const model = o._[0];
  const threads = Number(o.threads ?? 0);
  const runs = Math.max(1, Number(o.runs ?? 5));
  const warmup = Number(o.warmup ?? 1);
  const ort = require('onnxruntime-node');
  const profilePrefix = o.profile === undefined ? null
    : path.join(require('node:os').tmpdir(), `ort-bench-profile-${process.pid}`);

  const t0 = process.hrtime.bigint();
  let session;
  try {
    session = await ort.InferenceSession.create(model, {
      executionProviders: ['cpu'],
      graphOptimizationLevel: 'all',
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      ...(profilePrefix ? { enableProfiling: true,
                            profileFilePrefix: profilePrefix } : {}),
    });
  } catch (e) {
    die(`ONNX Runtime rejected ${model}: ${e.message}`);
  }
  const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;

  const feeds = {};
  for (const spec of o.input ?? []) {
    const eq = spec.indexOf('=');
    if (eq <= 0) die(`--input expects NAME=FILE.npy, got '${spec}'`);
    const name = spec.slice(0, eq);
    if (!session.inputNames.includes(name))
      die(`--input names '${name}', which is not an input of the model ` +
          `(inputs: ${session.inputNames.join(', ')})`);
    const a = readNpy(spec.slice(eq + 1));
    const data = a.dtype === 'bool' ? new Uint8Array(a.data) : a.data;
    feeds[name] = new ort.Tensor(ORT_TYPE[a.dtype], data, a.shape);
  }
  for (const name of session.inputNames)
    if (!(name in feeds)) die(`no --input for model input '${name}'`);

  // Resident memory the runs add: the peak (VmHWM, reset here) above the
  // resident size before the first run, as `kiln run` measures it.
  let rssBefore = null;
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    rssBefore = procStatusBytes('VmRSS');
  } catch (e) {
    rssBefore = null;
  }
  let out;
  try {
    for (let i = 0; i < warmup; ++i) out = await session.run(feeds);
    const times = [];
    for (let i = 0; i < runs; ++i) {
      const s = process.hrtime.bigint();
      out = await session.run(feeds);
      times.push(Number(process.hrtime.bigint() - s) / 1e6);
    }
    console.log(`model   ${model}`);
    console.log(`backend onnxruntime-node ${ort.env.versions?.node ?? '?'} ` +
                `(cpu, ${threads || 'default'} intra-op threads, ` +
                `optimization all)`);
    console.log('outputs');
    for (const name of session.outputNames) {
      const t = out[name];
      let line = `  ${name}  ${t.dims.join('x')} ${NPY_TYPE[t.type] ?? t.type}`;
      if (o['output-dir']) {
        if (!NPY_TYPE[t.type]) die(`cannot write output type ${t.type}`);
        fs.mkdirSync(o['output-dir'], { recursive: true });
        const p = path.join(o['output-dir'], fileNameFor(name) + '.npy');
        writeNpy(p, NPY_TYPE[t.type], t.dims, t.data);
        line += `  -> ${p}`;
      }
      console.log(line);
    }
    console.log(`time    load ${loadMs.toFixed(1)} ms, run ` +
                `${median(times).toFixed(3)} ms (median of ${runs}), min ` +
                `${Math.min(...times).toFixed(3)} ms`);
    if (profilePrefix)
      printProfile(session, profilePrefix, Number(o.profile));
    const peak = rssBefore === null ? null : procStatusBytes('VmHWM');
    if (peak !== null)
      console.log(`memory  resident ${(rssBefore / 2 ** 20).toFixed(1)} MiB ` +
                  'before the first run, peak ' +
                  `+${(Math.max(0, peak - rssBefore) / 2 ** 20).toFixed(1)} ` +
                  'MiB while running');
  } catch (e) {
    die(`run failed: ${e.message}`);
  }
}

// xorshift64* -> uniform doubles in [0,1); deterministic per seed.
function rng(seed) {
  let s = BigInt.asUintN(64, BigInt(seed) * 0x9e3779b97f4a7c15n + 1n);
  return () => {
    s ^= s >> 12n;
    s ^= BigInt.asUintN(64, s << 25n);
    s ^= s >> 27n;
    const r = BigInt.asUintN(64, s * 0x2545f4914f6cdd1dn);
    return Number(r >> 11n) / 2 ** 53;
  };
}

function genInput(argv) {
  const o = parseArgs(argv, { seed: 'value' });
  const [file, dtype, dims, kind, a, b] = o._;
  if (!file || !ORT_TYPE[dtype] || !dims || !kind)
    die('usage: gen-input FILE.npy f32|f64|i64|i32|bool DIMS ' +
        'uniform|randint|fill [A B] [--seed S]');
  const shape = dims === '' || dims === 'scalar' ? []
                                                 : dims.split('x').map(Number);
  if (shape.some((d) => !Number.isInteger(d) || d < 0))
    die(`bad dims '${dims}'`);
  const n = shape.reduce((x, y) => x * y, 1);
  const Arr = { f32: Float32Array, f64: Float64Array, i64: BigInt64Array,
                i32: Int32Array, u8: Uint8Array, bool: Uint8Array }[dtype];
  const data = new Arr(n);
  const next = rng(Number(o.seed ?? 1));
  const lo = Number(a ?? (kind === 'uniform' ? -1 : 0));
  const hi = Number(b ?? (kind === 'uniform' ? 1 : 10));
  for (let i = 0; i < n; ++i) {
    let v;
    if (kind === 'uniform') v = lo + (hi - lo) * next();
    else if (kind === 'randint') v = lo + Math.floor((hi - lo) * next());
    else if (kind === 'fill') v = lo;
    else die(`unknown KIND '${kind}'`);
    data[i] = dtype === 'i64' ? BigInt(Math.trunc(v))
            : dtype === 'bool' ? (v ? 1 : 0) : v;
  }
  writeNpy(file, dtype, shape, data);
}

function compare(argv) {
  const o = parseArgs(argv, { rtol: 'value', atol: 'value' });
  const [refDir, testDir] = o._;
  if (!refDir || !testDir) die('usage: compare REF_DIR TEST_DIR');
  const rtol = Number(o.rtol ?? 1e-3), atol = Number(o.atol ?? 1e-4);
  const files = fs.readdirSync(refDir).filter((f) => f.endsWith('.npy'))
    .sort();
  if (files.length === 0) die(`no .npy files in ${refDir}`);
  let status = 0;
  for (const f of files) {
    const name = f.slice(0, -4);
    const tp = path.join(testDir, f);
    if (!fs.existsSync(tp)) {
      console.log(`${name}  MISSING in ${testDir}`);
      status = 1;
      continue;
    }
    const r = readNpy(path.join(refDir, f)), t = readNpy(tp);
    if (r.shape.join('x') !== t.shape.join('x') || r.dtype !== t.dtype) {
      console.log(`${name}  MISMATCH shape/dtype ${r.shape.join('x')} ` +
                  `${r.dtype} vs ${t.shape.join('x')} ${t.dtype}`);
      status = 1;
      continue;
    }
    let maxAbs = 0, maxRel = 0, maxRef = 0, bad = 0, nan = 0;
    for (let i = 0; i < r.data.length; ++i) {
      const x = Number(r.data[i]), y = Number(t.data[i]);
      if (Number.isNaN(x) !== Number.isNaN(y)) { ++nan; continue; }
      if (Number.isNaN(x)) continue;
      const d = Math.abs(x - y);
      maxAbs = Math.max(maxAbs, d);
      maxRel = Math.max(maxRel, d / Math.max(Math.abs(x), 1e-6));
      maxRef = Math.max(maxRef, Math.abs(x));
      if (d > atol + rtol * Math.abs(x)) ++bad;
    }
    const ok = bad === 0 && nan === 0;
    if (!ok && status === 0) status = 2;
    console.log(`${name}  ${r.shape.join('x')} ${r.dtype}  max_abs ` +
                `${maxAbs.toExponential(2)}  max_rel ` +
                `${maxRel.toExponential(2)}  max|ref| ` +
                `${maxRef.toPrecision(4)}  ` +
                (ok ? 'ok' : `FAIL (${bad} elements outside ` +
                             `atol ${atol} + rtol ${rtol}, ${nan} NaN diffs)`));
  }
  process.exitCode = status;
}

const [cmd, ...rest] = process.argv.slice(2);
if (!cmd || cmd === '-h' || cmd === '--help') {
  const src = fs.readFileSync(__filename, 'utf8').split('\n');
  console.log(src.slice(2, src.findIndex((l) => l.startsWith('const fs')) - 1)
    .map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
} else if (cmd === 'gen-input') {
  genInput(rest);
} else if (cmd === 'compare') {
  compare(rest);
} else {
  bench([cmd, ...rest]).catch((e) => die(e.stack ?? String(e)));
}
