/** Base64 codecs for typed arrays, so model files stay compact JSON. */

/** Encodes a typed array's bytes (little-endian, as on every platform Node runs on) as base64. */
export function encodeTyped(array: Float32Array | Int32Array | Uint32Array | Int8Array): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString("base64");
}

function decodeBytes(base64: string): Buffer {
  return Buffer.from(base64, "base64");
}

/** Decodes base64 produced by {@link encodeTyped} from a Float32Array. */
export function decodeFloat32(base64: string): Float32Array {
  const bytes = decodeBytes(base64);
  const out = new Float32Array(bytes.byteLength / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

/** Decodes base64 produced by {@link encodeTyped} from a Uint32Array. */
export function decodeUint32(base64: string): Uint32Array {
  const bytes = decodeBytes(base64);
  const out = new Uint32Array(bytes.byteLength / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

/** Decodes base64 produced by {@link encodeTyped} from an Int8Array. */
export function decodeInt8(base64: string): Int8Array {
  const bytes = decodeBytes(base64);
  const out = new Int8Array(bytes.byteLength);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}
