'use strict';
// Minimal .npy reader/writer (format versions 1.0-3.0, C order, little
// endian) for the dtypes the benchmark needs: f32, f64, i64, i32, u8, bool.
// Values come back as a TypedArray: Float32Array, Float64Array,
// BigInt64Array, Int32Array, Uint8Array (u8 and bool).

const fs = require('node:fs');

const MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]); // \x93NUMPY

// descr (without byte-order char) -> [dtype name, TypedArray, bytes]
const DTYPES = {
  f4: ['f32', Float32Array, 4],
  f8: ['f64', Float64Array, 8],
  i8: ['i64', BigInt64Array, 8],
  i4: ['i32', Int32Array, 4],
  u1: ['u8', Uint8Array, 1],
  b1: ['bool', Uint8Array, 1],
};
const BY_NAME = Object.fromEntries(
  Object.entries(DTYPES).map(([descr, [name]]) => [name, descr]));

function readNpy(path) {
  const buf = fs.readFileSync(path);
  if (buf.length < 10 || !buf.subarray(0, 6).equals(MAGIC))
    throw new Error(`${path}: not a .npy file`);
  const major = buf[6];
  let headerLen, off;
  if (major === 1) {
    headerLen = buf.readUInt16LE(8);
    off = 10;
  } else if (major === 2 || major === 3) {
    headerLen = buf.readUInt32LE(8);
    off = 12;
  } else {
    throw new Error(`${path}: unsupported .npy version ${major}`);
  }
  const header = buf.toString(major === 3 ? 'utf8' : 'latin1', off,
                              off + headerLen);
  const descrM = header.match(/'descr'\s*:\s*'([<>|=])(\w+)'/);
  const fortranM = header.match(/'fortran_order'\s*:\s*(True|False)/);
  const shapeM = header.match(/'shape'\s*:\s*\(([^)]*)\)/);
  if (!descrM || !fortranM || !shapeM)
    throw new Error(`${path}: malformed .npy header: ${header}`);
  const [, order, code] = descrM;
  const info = DTYPES[code];
  if (!info) throw new Error(`${path}: unsupported dtype '${order}${code}'`);
  if (order === '>' && info[2] > 1)
    throw new Error(`${path}: big-endian data is not supported`);
  if (fortranM[1] === 'True')
    throw new Error(`${path}: Fortran-order data is not supported`);
  const shape = shapeM[1].split(',').map((s) => s.trim()).filter((s) => s)
    .map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const dataOff = off + headerLen;
  const bytes = count * info[2];
  if (buf.length < dataOff + bytes)
    throw new Error(`${path}: truncated data (${buf.length - dataOff} of ` +
                    `${bytes} bytes)`);
  // Copy so the TypedArray is aligned and owns its memory.
  const data = new info[1](count);
  Buffer.from(data.buffer).set(buf.subarray(dataOff, dataOff + bytes));
  return { dtype: info[0], shape, data };
}

function writeNpy(path, dtype, shape, data) {
  const code = BY_NAME[dtype];
  if (!code) throw new Error(`writeNpy: unsupported dtype '${dtype}'`);
  const descr = (code === 'u1' || code === 'b1' ? '|' : '<') + code;
  const shapeStr = shape.length === 1 ? `(${shape[0]},)`
                                      : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, ` +
               `'shape': ${shapeStr}, }`;
  // Pad with spaces so magic + version + len + header + '\n' is 64-aligned.
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const head = Buffer.alloc(10);
  MAGIC.copy(head, 0);
  head[6] = 1;
  head[7] = 0;
  head.writeUInt16LE(header.length, 8);
  const body = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  fs.writeFileSync(path, Buffer.concat([head, Buffer.from(header, 'latin1'),
                                        body]));
}

module.exports = { readNpy, writeNpy };
