export { decimalAmount, formatExactMoney, formatMicros, formatMoney, formatUnitPrice, minorDigits, type Micros } from "./format.js";
