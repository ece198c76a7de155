// A small, strict parser of the Prometheus text exposition format (version 0.0.4).
// Throws on anything the format does not allow: bad names, bad label syntax or escapes, values
// that are not numbers, a TYPE after samples of its family, a family split in two, duplicate
// series, duplicate HELP/TYPE, histogram samples without le, non-monotonic buckets, a +Inf bucket
// that differs from _count, a negative counter, no trailing newline.
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

function parseValue(s, where) {
  if (s === '+Inf' || s === 'Inf') return Infinity;
  if (s === '-Inf') return -Infinity;
  if (s === 'NaN') return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) throw new Error(`${where}: bad value ${JSON.stringify(s)}`);
  return Number(s);
}

// Parses `{a="1",b="x\"y"}` starting at s[i] === '{'. Returns [labels, next index].
function parseLabels(s, i, where) {
  const labels = {};
  i++; // {
  for (;;) {
    if (s[i] === '}') return [labels, i + 1];
    const m = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(s.slice(i));
    if (!m) throw new Error(`${where}: bad label name at ${JSON.stringify(s.slice(i))}`);
    const name = m[0];
    if (!LABEL_NAME.test(name) || name.startsWith('__')) throw new Error(`${where}: reserved or bad label name ${name}`);
    i += name.length;
    if (s[i] !== '=' || s[i + 1] !== '"') throw new Error(`${where}: expected =" after label ${name}`);
    i += 2;
    let value = '';
    for (;;) {
      const c = s[i];
      if (c === undefined) throw new Error(`${where}: unterminated label value`);
      if (c === '"') {
        i++;
        break;
      }
      if (c === '\\') {
        const e = s[i + 1];
        if (e === '\\') value += '\\';
        else if (e === '"') value += '"';
        else if (e === 'n') value += '\n';
        else throw new Error(`${where}: bad escape \\${e} in label value`);
        i += 2;
        continue;
      }
      if (c === '\n') throw new Error(`${where}: raw newline in label value`);
      value += c;
      i++;
    }
    if (name in labels) throw new Error(`${where}: label ${name} twice`);
    labels[name] = value;
    if (s[i] === ',') {
      i++;
      continue;
    }
    if (s[i] === '}') return [labels, i + 1];
    throw new Error(`${where}: expected , or } after label ${name}`);
  }
}

function familyOf(sampleName, families) {
  if (families.has(sampleName)) return sampleName;
  for (const suffix of ['_bucket', '_sum', '_count']) {
    if (sampleName.endsWith(suffix)) {
      const base = sampleName.slice(0, -suffix.length);
      const f = families.get(base);
      if (f && (f.type === 'histogram' || (f.type === 'summary' && suffix !== '_bucket'))) return base;
    }
  }
  return null;
}

export function parsePrometheus(text) {
  if (text.length > 0 && !text.endsWith('\n')) throw new Error('exposition does not end with a newline');
  const families = new Map();
  const seriesSeen = new Set();
  const closed = new Set(); // families whose samples ended (another family's samples followed)
  let current = null;
  const lines = text.split('\n');
  lines.pop(); // after the final newline
  lines.forEach((line, n) => {
    const where = `line ${n + 1}`;
    if (line === '') return;
    if (line.startsWith('#')) {
      const m = /^#\s+(HELP|TYPE)\s+(\S+)(?:\s(.*))?$/.exec(line);
      if (!m) return; // other comments are allowed
      const [, kind, name, rest = ''] = m;
      if (!METRIC_NAME.test(name)) throw new Error(`${where}: bad metric name ${name}`);
      let f = families.get(name);
      if (!f) {
        f = { name, type: 'untyped', help: undefined, samples: [], typed: false };
        families.set(name, f);
      }
      if (kind === 'HELP') {
        if (f.help !== undefined) throw new Error(`${where}: second HELP for ${name}`);
        f.help = rest.replace(/\\n/g, '\n').replace(/\\\\/g, '\\');
      } else {
        if (f.typed) throw new Error(`${where}: second TYPE for ${name}`);
        if (f.samples.length) throw new Error(`${where}: TYPE for ${name} after its samples`);
        if (!TYPES.has(rest.trim())) throw new Error(`${where}: unknown type ${rest}`);
        f.type = rest.trim();
        f.typed = true;
      }
      return;
    }
    const nm = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line);
    if (!nm) throw new Error(`${where}: bad sample line ${JSON.stringify(line)}`);
    const name = nm[0];
    let i = name.length;
    let labels = {};
    if (line[i] === '{') [labels, i] = parseLabels(line, i, where);
    if (line[i] !== ' ') throw new Error(`${where}: expected a space before the value`);
    const parts = line.slice(i + 1).split(' ');
    if (parts.length < 1 || parts.length > 2 || parts[0] === '') throw new Error(`${where}: bad value/timestamp part`);
    const value = parseValue(parts[0], where);
    if (parts.length === 2 && !/^-?\d+$/.test(parts[1])) throw new Error(`${where}: bad timestamp`);
    let fname = familyOf(name, families);
    if (!fname) {
      fname = name;
      families.set(name, { name, type: 'untyped', help: undefined, samples: [], typed: false });
    }
    const f = families.get(fname);
    if (current !== fname) {
      if (closed.has(fname)) throw new Error(`${where}: samples of ${fname} are not grouped together`);
      if (current) closed.add(current);
      current = fname;
    }
    const key = name + JSON.stringify(Object.entries(labels).sort());
    if (seriesSeen.has(key)) throw new Error(`${where}: duplicate series ${key}`);
    seriesSeen.add(key);
    if (f.type === 'counter' && !(value >= 0)) throw new Error(`${where}: counter ${name} is ${value}`);
    if (f.type === 'histogram') {
      if (name.endsWith('_bucket')) {
        if (!('le' in labels)) throw new Error(`${where}: bucket without le`);
        parseValue(labels.le, where);
      } else if ('le' in labels) {
        throw new Error(`${where}: le label outside a bucket`);
      }
    }
    f.samples.push({ name, labels, value });
  });
  for (const f of families.values()) if (f.type === 'histogram') checkHistogram(f);
  return families;
}

function checkHistogram(f) {
  const groups = new Map();
  const keyOf = (labels) => JSON.stringify(Object.entries(labels).filter(([k]) => k !== 'le').sort());
  const group = (labels) => {
    const k = keyOf(labels);
    if (!groups.has(k)) groups.set(k, { buckets: [], sum: undefined, count: undefined });
    return groups.get(k);
  };
  for (const s of f.samples) {
    const g = group(s.labels);
    if (s.name === `${f.name}_bucket`) g.buckets.push({ le: parseValue(s.labels.le, f.name), value: s.value });
    else if (s.name === `${f.name}_sum`) g.sum = s.value;
    else if (s.name === `${f.name}_count`) g.count = s.value;
    else throw new Error(`histogram ${f.name}: unexpected sample ${s.name}`);
  }
  for (const [k, g] of groups) {
    const where = `histogram ${f.name}${k}`;
    if (g.count === undefined) throw new Error(`${where}: no _count`);
    if (g.sum === undefined) throw new Error(`${where}: no _sum`);
    const sorted = [...g.buckets].sort((a, b) => a.le - b.le);
    for (let i = 0; i < g.buckets.length; i++) {
      if (g.buckets[i] !== sorted[i]) throw new Error(`${where}: buckets not in increasing le order`);
      if (i > 0 && sorted[i].le === sorted[i - 1].le) throw new Error(`${where}: le ${sorted[i].le} twice`);
    }
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i].value < sorted[i - 1].value) throw new Error(`${where}: bucket le=${sorted[i].le} below le=${sorted[i - 1].le}`);
    }
    const inf = sorted.at(-1);
    if (!inf || inf.le !== Infinity) throw new Error(`${where}: no +Inf bucket`);
    if (inf.value !== g.count) throw new Error(`${where}: +Inf bucket ${inf.value} != _count ${g.count}`);
    if (!Number.isInteger(g.count) || g.count < 0) throw new Error(`${where}: _count ${g.count}`);
    if (!(g.sum >= 0)) throw new Error(`${where}: _sum ${g.sum}`);
  }
}

// The value of the series `name` whose labels equal `labels` exactly (undefined if absent).
export function sampleValue(families, name, labels = {}) {
  const want = JSON.stringify(Object.entries(labels).sort());
  for (const f of families.values()) {
    for (const s of f.samples) {
      if (s.name === name && JSON.stringify(Object.entries(s.labels).sort()) === want) return s.value;
    }
  }
  return undefined;
}
