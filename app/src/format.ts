// Amounts in human units: parsing what a user typed (never raw wei) and showing on-chain values.
import { formatUnits, parseUnits } from "ethers";

/** A token's display unit. */
export interface Unit {
  readonly symbol: string;
  readonly decimals: number;
}

/** `amount` (wei) in `unit`, at most `places` decimals, grouped thousands. */
export function fmt(amount: bigint, unit: Unit, places = 4): string {
  return `${fmtNumber(amount, unit.decimals, places)} ${unit.symbol}`;
}

/** `amount` (wei) with `decimals`, at most `places` decimals (trailing zeros dropped). */
export function fmtNumber(amount: bigint, decimals: number, places = 4): string {
  const negative = amount < 0n;
  const text = formatUnits(negative ? -amount : amount, decimals);
  const [whole, fraction = ""] = text.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const cut = fraction.slice(0, places).replace(/0+$/, "");
  const shown = cut === "" ? grouped : `${grouped}.${cut}`;
  // A positive amount below the shown precision is not zero.
  if (shown === "0" && amount !== 0n) {
    const smallest = places === 0 ? "1" : `0.${"0".repeat(places - 1)}1`;
    return negative ? `> -${smallest}` : `< ${smallest}`;
  }
  return negative ? `-${shown}` : shown;
}

/** Exact decimal text of `amount` (for Max buttons: the field gets every digit). */
export function exact(amount: bigint, decimals: number): string {
  return formatUnits(amount, decimals).replace(/\.0$/, "");
}

/** What a user typed, checked: a positive amount with at most `decimals` decimals. */
export type Parsed = { ok: true; wei: bigint } | { ok: false; reason: string };

export function parseAmount(text: string, unit: Unit): Parsed {
  const trimmed = text.trim().replace(/,/g, "");
  if (trimmed === "") return { ok: false, reason: "Enter an amount." };
  if (!/^\d*\.?\d*$/.test(trimmed) || trimmed === ".") {
    return { ok: false, reason: `"${text}" is not a number.` };
  }
  const fraction = trimmed.split(".")[1] ?? "";
  if (fraction.length > unit.decimals) {
    return { ok: false, reason: `${unit.symbol} has at most ${unit.decimals} decimals.` };
  }
  const wei = parseUnits(trimmed.startsWith(".") ? `0${trimmed}` : trimmed, unit.decimals);
  if (wei === 0n) return { ok: false, reason: "Enter an amount above zero." };
  return { ok: true, wei };
}

/** Seconds as "2 d 3 h", "4 h 5 min", "12 min 3 s". */
export function duration(seconds: bigint | number): string {
  let s = Math.max(0, Math.floor(Number(seconds)));
  const d = Math.floor(s / 86_400);
  s -= d * 86_400;
  const h = Math.floor(s / 3_600);
  s -= h * 3_600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min ${s} s`;
  return `${s} s`;
}

/** A ratio (1 = 100%) as a percentage. */
export function pct(ratio: number | null, places = 1): string {
  return ratio === null || !Number.isFinite(ratio) ? "–" : `${(ratio * 100).toFixed(places)}%`;
}

/** 0x1234…abcd */
export function short(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}
