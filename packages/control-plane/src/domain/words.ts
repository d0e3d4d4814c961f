/** A count and its noun, as people write it: "1 call", "2 calls", "1,000 seats". `many` defaults to `one` + "s". */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}
