import { createHash, randomBytes } from "node:crypto";

// Crockford's base 32 without I, L, O, U: nothing to misread on a printed card.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** 80 random bits as `XXXX-XXXX-XXXX-XXXX`: unguessable, so a fast hash is enough to store it. */
export function newVoucherCode(): string {
  const bytes = randomBytes(10);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let code = "";
  for (let i = 0; i < 16; i++) {
    code = ALPHABET[Number(bits & 31n)]! + code;
    bits >>= 5n;
  }
  return code.match(/.{4}/g)!.join("-");
}

/** What a person types is forgiven case, spaces and dashes, and the usual misreadings. */
function normalizeVoucherCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
}

export function hashVoucherCode(input: string): string {
  return createHash("sha256")
    .update(`voucher:${normalizeVoucherCode(input)}`)
    .digest("hex");
}
