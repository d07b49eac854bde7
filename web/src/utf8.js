// UTF-8 for scopes without TextEncoder/TextDecoder (Chromium's
// AudioWorkletGlobalScope has neither).

function encodeUtf8(text) {
  const out = [];
  for (const ch of text) {
    const c = ch.codePointAt(0);
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return new Uint8Array(out);
}

function decodeUtf8(bytes) {
  let text = '';
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    const n = b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
    let c = n === 1 ? b : b & (0xff >> (n + 1));
    for (let k = 1; k < n; k++) c = (c << 6) | (bytes[i + k] & 63);
    text += String.fromCodePoint(c);
    i += n;
  }
  return text;
}

export const encode = typeof TextEncoder !== 'undefined'
  ? ((e) => (text) => e.encode(text))(new TextEncoder()) : encodeUtf8;
export const decode = typeof TextDecoder !== 'undefined'
  ? ((d) => (bytes) => d.decode(bytes))(new TextDecoder()) : decodeUtf8;
