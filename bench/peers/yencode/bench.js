// Measures the npm `yencode` package (SIMD yEnc + CRC32) on a 768,000-byte random buffer,
// line length 128 (or YENC_LINE), so bench/yenc-compare.sh can print Inet/peer ratios.
// MB/s are decimal megabytes of *unencoded* data per second, the same unit Inet reports.
'use strict';
const crypto = require('crypto');
// YENCODE_MODULE picks another build of the peer (install-capped.sh), e.g. one held to its SSE kernels.
const y = require(process.env.YENCODE_MODULE || 'yencode');

const SIZE = 768000;
// YENC_LINE: another line length (yenc-compare passes its own environment on), e.g. 1000000 for no line ends.
const LINE = Number(process.env.YENC_LINE) > 0 ? Number(process.env.YENC_LINE) : 128;
const json = process.argv.includes('--json');
const seconds = Number(process.env.PEER_SECONDS || 2);

const data = crypto.randomBytes(SIZE);
const encoded = Buffer.alloc(y.maxSize(SIZE, LINE));
const encodedLength = y.encodeTo(data, encoded, LINE);
const input = encoded.subarray(0, encodedLength);
const decoded = Buffer.alloc(encodedLength);

// Runs fn repeatedly for about `seconds`, after a warm-up, and returns the best of 5 rounds in MB/s of
// SIZE-byte units. Time is the process's CPU time, so a busy shared machine does not count against it.
function measure(fn) {
  for (let i = 0; i < 50; i++) fn();
  let best = 0;
  for (let round = 0; round < 5; round++) {
    let n = 0;
    const wall = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    do {
      for (let i = 0; i < 20; i++) fn();
      n += 20;
    } while (Number(process.hrtime.bigint() - wall) / 1e9 < seconds / 5);
    const used = process.cpuUsage(cpu);
    const elapsed = (used.user + used.system) / 1e6;
    best = Math.max(best, (n * SIZE) / elapsed / 1e6);
  }
  return best;
}

// Sanity: the round trip must hold, or the figures mean nothing.
const n = y.decodeTo(input, decoded, true);
if (n !== SIZE || !decoded.subarray(0, n).equals(data)) throw new Error('yencode round trip failed');

const results = {
  'decode-raw': measure(() => y.decodeTo(input, decoded, true)),
  'decode': measure(() => y.decodeTo(input, decoded, false)),
  'encode': measure(() => y.encodeTo(data, encoded, LINE)),
  'crc32': measure(() => y.crc32(data)),
};

if (json) {
  console.log(JSON.stringify({ peer: 'yencode', size: SIZE, line: LINE, mbps: results }));
} else {
  for (const [op, v] of Object.entries(results)) console.log(`${op.padEnd(12)} ${v.toFixed(0)} MB/s`);
}
