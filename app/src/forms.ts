// Amount forms: human units, a Max button, validation before anything is sent.
import { ABI } from "./abis";
import type { AppContext } from "./context";
import { exact, fmt, parseAmount, type Unit } from "./format";
import type { TxRequest } from "./tx";
import { h } from "./ui";

export interface AmountFormOptions {
  readonly label: string;
  readonly unit: Unit;
  readonly button: string;
  /** Stable id for tests: inputs are `<id>-amount`, buttons `<id>-max` and `<id>-submit`. */
  readonly id: string;
  /** What Max fills in. */
  readonly max?: bigint;
  readonly maxLabel?: string;
  /**
   * Refuse amounts above `max` before sending (a wallet balance). Off where the contract's own
   * check words the refusal better (the redeem form shows the decoded custom error).
   */
  readonly capAtMax?: boolean;
  readonly disabled?: string;
  readonly onSubmit: (wei: bigint, label: string) => Promise<unknown>;
}

export function amountForm(o: AmountFormOptions): HTMLElement {
  const input = h("input", {
    type: "text",
    inputmode: "decimal",
    placeholder: "0.0",
    "data-testid": `${o.id}-amount`,
    "aria-label": `${o.label} (${o.unit.symbol})`,
  });
  const note = h("div", { class: "form-note", "data-testid": `${o.id}-note` });
  const submit = h(
    "button",
    { type: "submit", "data-testid": `${o.id}-submit`, disabled: o.disabled !== undefined },
    o.button,
  );
  const form = h(
    "form",
    { class: "amount-form" },
    h("label", {}, o.label),
    h(
      "div",
      { class: "amount-row" },
      input,
      h("span", { class: "unit" }, o.unit.symbol),
      o.max === undefined
        ? null
        : h(
            "button",
            {
              type: "button",
              class: "max",
              "data-testid": `${o.id}-max`,
              title: o.maxLabel,
              onclick: () => void (input.value = exact(o.max ?? 0n, o.unit.decimals)),
            },
            "Max",
          ),
      submit,
    ),
    o.max === undefined
      ? null
      : h("div", { class: "form-hint" }, `${o.maxLabel ?? "Available"}: ${fmt(o.max, o.unit)}`),
    o.disabled === undefined ? note : h("div", { class: "form-note" }, o.disabled),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    note.textContent = "";
    const parsed = parseAmount(input.value, o.unit);
    if (!parsed.ok) {
      note.textContent = parsed.reason;
      return;
    }
    if (o.capAtMax && o.max !== undefined && parsed.wei > o.max) {
      note.textContent = `You have ${fmt(o.max, o.unit)}: enter at most that.`;
      return;
    }
    submit.disabled = true;
    const label = `${o.button} ${fmt(parsed.wei, o.unit)}`;
    o.onSubmit(parsed.wei, label).finally(() => (submit.disabled = false));
  });
  return form;
}

export interface TxFormOptions extends Omit<AmountFormOptions, "onSubmit"> {
  /** The transaction for an amount (its label: the button's words, the amount, `suffix`). */
  readonly send: (wei: bigint) => Omit<TxRequest, "label">;
  readonly suffix?: string;
  /** An ERC-20 allowance the transaction spends: approved first when it is short. */
  readonly approval?: {
    readonly token: string;
    readonly spender: string;
    readonly allowance: bigint;
  };
}

/** An amount form that sends one transaction (after an approval if needed), then re-reads. */
export function txForm(ctx: AppContext, o: TxFormOptions): HTMLElement {
  return amountForm({
    ...o,
    onSubmit: async (wei, label) => {
      const approval = o.approval;
      if (approval !== undefined && approval.allowance < wei) {
        const approved = await ctx.tx.send({
          label: `Approve ${fmt(wei, o.unit)}`,
          address: approval.token,
          abi: ABI.erc20,
          method: "approve",
          args: [approval.spender, wei],
        });
        if (!approved) return;
      }
      const request = o.send(wei);
      await ctx.tx.send({
        ...request,
        label: o.suffix === undefined ? label : `${label} ${o.suffix}`,
      });
      ctx.refresh();
    },
  });
}
