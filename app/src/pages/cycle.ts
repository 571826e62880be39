// Cycle: the clock, a countdown, and "roll over now" for anyone once the cycle has ended (the
// rollover's three permissionless steps: start, settle every Reactor, complete).
import { ABI } from "../abis";
import type { AppContext } from "../context";
import { readClock } from "../data";
import { duration } from "../format";
import { card, h, stat } from "../ui";

export async function cyclePage(ctx: AppContext): Promise<HTMLElement> {
  const clock = await readClock(ctx);
  const due = clock.inProgress || clock.now >= clock.end;
  const manager = ctx.config.addresses.cycleManager;
  const rollover = async () => {
    const base = { address: manager, abi: ABI.cycleManager };
    const state = await readClock(ctx);
    if (
      !state.inProgress &&
      !(await ctx.tx.send({
        ...base,
        label: `Start the rollover of cycle ${state.cycle}`,
        method: "startRollover",
        args: [],
      }))
    )
      return;
    const left = (await readClock(ctx)).reactorCount - (await readClock(ctx)).cursor;
    if (
      left > 0n &&
      !(await ctx.tx.send({
        ...base,
        label: `Settle ${left} Reactors`,
        method: "processReactors",
        args: [left],
      }))
    )
      return;
    await ctx.tx.send({
      ...base,
      label: `Complete the rollover of cycle ${state.cycle}`,
      method: "completeRollover",
      args: [],
    });
    ctx.refresh();
  };
  const button = h(
    "button",
    {
      class: "primary",
      "data-testid": "rollover",
      disabled: !due || ctx.account === undefined,
      onclick: () => void rollover(),
    },
    clock.inProgress ? "Resume the rollover" : "Roll over now",
  );
  return h(
    "div",
    { class: "page" },
    h("h2", {}, "Cycle"),
    card(
      `Cycle ${clock.cycle}`,
      h(
        "div",
        { class: "stats" },
        stat(
          "State",
          clock.inProgress
            ? `rollover in progress (${clock.cursor} of ${clock.reactorCount} Reactors settled)`
            : due
              ? "ended: the rollover is due"
              : "running",
          "cycle-state",
        ),
        stat("Started", new Date(Number(clock.cycleStart) * 1000).toUTCString()),
        stat("Length", duration(clock.duration)),
        stat("Ends", new Date(Number(clock.end) * 1000).toUTCString()),
        stat("Countdown", due ? "due now" : duration(clock.end - clock.now), "cycle-countdown"),
        stat("Chain time", new Date(Number(clock.now) * 1000).toUTCString()),
      ),
      h(
        "p",
        {},
        "Anyone may roll the cycle over once it has ended: it settles rewards, matures redemption requests and moves liquidity to the LD votes.",
      ),
      button,
      ctx.devRpc === undefined || due
        ? null
        : h(
            "p",
            { class: "row" },
            h(
              "button",
              {
                class: "dev",
                "data-testid": "dev-skip",
                onclick: async () => {
                  await ctx.devRpc?.("evm_setNextBlockTimestamp", [`0x${clock.end.toString(16)}`]);
                  await ctx.devRpc?.("evm_mine", []);
                  ctx.refresh();
                },
              },
              "Local chain only: jump to the cycle's end",
            ),
            h(
              "span",
              { class: "muted" },
              "Moves the local node's clock; no keeper runs here, so prices stay as last posted.",
            ),
          ),
      ctx.account === undefined
        ? h("p", { class: "form-note" }, "Connect a wallet to send the rollover.")
        : null,
    ),
  );
}
