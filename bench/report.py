#!/usr/bin/env python3
"""Turns bench/run's raw measurements into the Markdown results table (stdout)."""
import json
import os
import platform
import re
import subprocess
import sys

raw, roots, repeat, load_before, load_after, minutes, gen_seconds = sys.argv[1:8]
cds = sys.argv[8] if len(sys.argv) > 8 else 'off'
caches = sys.argv[9] if len(sys.argv) > 9 else 'kept as found'
rows = [line.rstrip('\n').split('\t') for line in open(raw) if line.strip()]
for r in rows:
    r[4] = r[4] or '-'  # a run that failed printed no heap figure
by = {(r[0], r[1]): r for r in rows}


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
    except OSError:
        return '?'


def field(r, key):
    m = re.search(r'(?<![\w-])' + key + r'=(\d+)', r[6]) if r else None
    return int(m.group(1)) if m else None


def mib(kb):
    return '%d' % (int(kb) // 1024)


def result(r):
    if r[5] == '0':
        return 'ok'
    why = r[6].replace('failed: ', '') if r[6].startswith('failed') else ''
    return ('exit %s %s' % (r[5], why)).strip()


def row(r):
    return '| %s | %s s | %s MiB | %s | %s |' % (r[1], r[2], mib(r[3]), r[4] + ' MiB' if r[4] != '-' else '-', result(r))


def find(group, prefix):
    for r in rows:
        if r[0] == group and r[1].startswith(prefix):
            return r
    return None


mem = sh("awk '/MemTotal/ {printf \"%.1f GiB\", $2/1048576}' /proc/meminfo")
cpu = sh("awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo")
out = []
out.append('# drydock benchmark results')
out.append('')
out.append('| | |')
out.append('|---|---|')
out.append('| date (UTC) | %s |' % sh('date -u "+%Y-%m-%d %H:%M"'))
out.append('| commit | %s |' % sh('git rev-parse --short HEAD'))
out.append('| machine | %s cores (%s), %s memory, %s |' % (os.cpu_count(), cpu, mem, platform.system() + ' ' + platform.release()))
out.append('| java | %s |' % sh('java -version 2>&1 | head -n 1'))
out.append('| class-data sharing | %s |' % cds)
out.append('| kernel caches | %s |' % caches)
busy = float(load_before.split()[0]) >= 0.5
out.append('| load average (1/5/15 min) | before: %s, after: %s%s |' % (
    load_before, load_after, ' — the machine was busy with other work when the run began' if busy else ''))
out.append('| runs | one warm-up, then %s measured run(s): median wall time, largest RSS (`/usr/bin/time`), '
           'peak heap (sum of the JVM heap pools\' peaks); JVM start included in every drydock figure |' % repeat)
out.append('| reproduce | `bench/run` — roots cached in `/tmp/drydock-bench/roots` (this run wrote them in %s s; each root\'s '
           'own write time is below); measuring took %s min |' % (gen_seconds, minutes))
out.append('')
out.append('## Roots (synthetic, `io.github.drydock.synth.SyntheticRoot`)')
out.append('')
out.append('| root | what | files | apparent bytes | write time |')
out.append('|---|---|---|---|---|')
for name in sorted(f[:-len('.synth.json')] for f in os.listdir(roots) if f.endswith('.synth.json')):
    s = json.load(open(os.path.join(roots, name + '.synth.json')))
    out.append('| %s | %s | %d | %.2f GiB | %s s |' % (name, s['spec'], s['files'], s['bytes'] / 2**30, s['seconds']))
out.append('')

out.append('## Targets')
out.append('')
out.append('| # | figure | drydock | anchor | ratio | target | met |')
out.append('|---|---|---|---|---|---|---|')


def pair(num, label, d, a, kind, target):
    if not d or not a:
        out.append('| %s | %s | missing | missing | | %s | no |' % (num, label, target))
        return
    dw, aw = float(d[2]), float(a[2])
    if kind == 'slower':  # drydock time / anchor time, lower is better
        ratio = dw / aw if aw > 0 else float('inf')
        met = ratio <= 3.0 and dw < 2.0
        rtext = '%.1f× the anchor\'s time' % ratio
    else:  # throughput relative to the anchor = anchor time / drydock time
        ratio = aw / dw if dw > 0 else 0
        met = ratio >= float(target.split('≥')[1].split('×')[0].strip()) if '≥' in target else None
        rtext = '%.2f× the anchor\'s throughput' % ratio
    out.append('| %s | %s | %s s | %s s (%s) | %s | %s | %s |' % (num, label, d[2], a[2], a[1], rtext, target,
                                                             '—' if met is None else 'yes' if met else '**no**'))


for cmd in ('containers', 'images', 'volumes'):
    pair('1', '`--json %s`, large root' % cmd, find('1 listing', 'drydock --json ' + cmd),
         find('1 listing', 'cat of') if False else next((r for r in rows if r[0] == '1 listing' and r[1].endswith('(%s)' % cmd)), None),
         'slower', 'within 3× and < 2 s')
def mibs(d):
    return ' (%.0f MiB/s)' % (field(d, 'bytes') / 2**20 / float(d[2])) if d and field(d, 'bytes') else ''


d = find('2 export', 'drydock export (ExportWriter) to a file')
pair('2', 'export to a tar file, 20 layers, 50k files, 1 GiB' + mibs(d), d, find('2 export', 'tar'), 'faster', '≥ 0.8× tar')
d = find('2p export', 'drydock')
pair('2p', 'the same export into a pipe (`-o -`)' + mibs(d), d, find('2p export', 'tar'), 'faster', '≥ 0.8× tar')
nx = find('2 export', 'drydock export to a file, extended')
if nx:
    pair('2b', 'export to a file with extended attributes not read (not a shipped mode: shows the cost of getfattr)',
         nx, find('2 export', 'tar'), 'faster', '≥ 0.8× tar')
pair('3', 'layer rebuild from tar-split, 20 layers', find('3 tar-split', 'drydock'), find('3 tar-split', 'tar-split'),
     'faster', '≥ 1.0× tar-split asm')
pair('4', 'save of a 1 GiB image', find('4 save', 'drydock'), find('4 save', 'tar'), 'faster', 'shown beside tar (no ratio set)')
d = find('2 export dense', 'drydock')
pair('2d', 'export to a file, the same with its 4 big files dense (random bytes, not sparse)' + mibs(d),
     d, find('2 export dense', 'tar'), 'faster', '≥ 0.8× tar')
d = find('2p export dense', 'drydock')
pair('2pd', 'export into a pipe, dense' + mibs(d), d, find('2p export dense', 'tar'), 'faster', '≥ 0.8× tar')
pair('3d', 'layer rebuild from tar-split, dense', find('3 tar-split dense', 'drydock'), find('3 tar-split dense', 'tar-split'),
     'faster', '≥ 1.0× tar-split asm')
pair('4d', 'save of the 1 GiB image, dense', find('4 save dense', 'drydock'), find('4 save dense', 'tar'), 'faster',
     'shown beside tar (no ratio set)')
out.append('')

out.append('## 5. Scaling')
out.append('')
out.append('| images | `--json images` wall | DockerRoot.open in-process | heap peak | RSS | per 1k images (open) |')
out.append('|---|---|---|---|---|---|')
for r in rows:
    if r[0] == '5 scale' and r[1].endswith('drydock --json images'):
        n = int(r[1].split('=')[1].split(':')[0])
        o = find('5 scale', 'images=%d: DockerRoot.open' % n)
        ms = field(o, 'ms')
        out.append('| %d | %s s | %s ms | %s MiB | %s MiB | %s ms |' % (n, r[2], ms, o[4] if o else '-', mib(o[3]) if o else '-',
                                                                  '%.0f' % (ms / (n / 1000)) if ms else '-'))
out.append('')
out.append('| stack depth | files | walk of the merged view | whole run (JVM, open, walk) | per 1k entries |')
out.append('|---|---|---|---|---|')
for r in rows:
    if r[0] == '5 depth':
        walk, entries = field(r, 'walk-ms'), field(r, 'entries')
        out.append('| %s | %s | %s ms | %s s | %s ms |' % (r[1].split('=')[1].split(':')[0], entries, walk, r[2],
                                                     '%.1f' % (walk / (entries / 1000)) if walk and entries else '-'))
out.append('')

out.append('## 6. Every command with `-Xmx64m` (and metadata commands with the heap they need)')
out.append('')
out.append('| heap | command | wall | RSS | heap peak | result |')
out.append('|---|---|---|---|---|---|')
for r in rows:
    if r[0].startswith('6 '):
        out.append('| %s ' % r[0][2:] + row(r))
out.append('')
out.append('## All measurements')
out.append('')
out.append('| group | what | wall (median) | RSS | heap peak | result | drydock said |')
out.append('|---|---|---|---|---|---|---|')
for r in rows:
    out.append('| %s | %s | %s s | %s MiB | %s | %s | %s |' % (r[0], r[1], r[2], mib(r[3]), r[4], 'ok' if r[5] == '0' else 'exit ' + r[5],
                                                       r[6].replace('|', '/')))
print('\n'.join(out))
