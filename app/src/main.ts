// The wallet app: loads the deployment, connects a wallet, renders one page at a time (#/<page>).
import { JsonRpcProvider, BrowserProvider, type Provider } from "ethers";
import { loadConfig, type AppConfig } from "./config";
import type { AppContext } from "./context";
import { short } from "./format";
import { cyclePage } from "./pages/cycle";
import { directPage } from "./pages/direct";
import { launchPage } from "./pages/launch";
import { reactorsPage } from "./pages/reactors";
import { rewardsPage } from "./pages/rewards";
import { treasuryPage } from "./pages/treasury";
import { TxRunner } from "./tx";
import { h, replace } from "./ui";
import { Wallets, type DevWallet } from "./wallet";
import "./style.css";

const PAGES: Record<string, { title: string; render: (ctx: AppContext) => Promise<HTMLElement> }> =
  {
    reactors: { title: "Reactors", render: reactorsPage },
    direct: { title: "Direct", render: directPage },
    rewards: { title: "Rewards", render: rewardsPage },
    launch: { title: "Launch", render: launchPage },
    treasury: { title: "Treasury", render: treasuryPage },
    cycle: { title: "Cycle", render: cyclePage },
  };

async function start(root: HTMLElement): Promise<void> {
  let config: AppConfig;
  try {
    config = await loadConfig();
  } catch (error) {
    replace(
      root,
      h(
        "div",
        { class: "fatal" },
        h("h2", {}, "No deployment"),
        h("p", {}, String(error)),
        h("p", {}, "Put the address book as config.json beside index.html, or open ?config=<url>."),
      ),
    );
    return;
  }
  const wallets = new Wallets(config);
  const reader: Provider =
    config.rpcUrl !== undefined
      ? new JsonRpcProvider(config.rpcUrl, config.chainId, {
          staticNetwork: true,
          pollingInterval: 500,
          // No cache: a page read right after a transaction or a clock move must see it.
          cacheTimeout: -1,
        })
      : new BrowserProvider(
          (window as { ethereum?: never }).ethereum ??
            (() => {
              throw new Error("no RPC and no wallet");
            })(),
        );
  const banner = h("div", { class: "banner", hidden: true, "data-testid": "wrong-network" });
  const walletBox = h("div", { class: "wallet" });
  const nav = h(
    "nav",
    {},
    ...Object.entries(PAGES).map(([id, p]) =>
      h("a", { href: `#/${id}`, "data-page": id }, p.title),
    ),
  );
  const main = h("main", {});
  const txList = h("ul", { class: "txs", "data-testid": "txs" });
  const tx = new TxRunner(txList, reader, () => {
    const s = wallets.state;
    return s === undefined || wallets.wrongChain
      ? undefined
      : { provider: s.connector.provider, account: s.account };
  });
  replace(
    root,
    h(
      "header",
      {},
      h("h1", {}, "Reactor"),
      nav,
      h(
        "button",
        {
          class: "refresh",
          title: "Read the chain again",
          "data-testid": "refresh",
          onclick: () => void render(),
        },
        "↻",
      ),
      walletBox,
    ),
    banner,
    h("div", { class: "layout" }, main, h("aside", {}, h("h3", {}, "Transactions"), txList)),
    h(
      "footer",
      {},
      `${config.chainName} (chain ${config.chainId}) · address book: ${config.addresses.network}`,
    ),
  );

  let rendering = 0;
  const render = async () => {
    const ticket = ++rendering;
    main.dataset.busy = "1";
    const pageId = location.hash.replace(/^#\/?/, "") || "reactors";
    const page = PAGES[pageId] ?? PAGES.reactors;
    for (const a of nav.querySelectorAll("a"))
      a.classList.toggle("active", a.dataset.page === pageId);
    renderWallet();
    const ctx: AppContext = {
      config,
      reader,
      account: wallets.wrongChain ? undefined : wallets.state?.account,
      tx,
      wallet: () => (wallets.wrongChain ? undefined : wallets.state?.connector.provider),
      devRpc:
        wallets.state?.connector.local && wallets.dev !== undefined
          ? (method, params) => (wallets.dev as DevWallet).request({ method, params })
          : undefined,
      refresh: () => void render(),
    };
    try {
      const node = await page.render(ctx);
      if (ticket === rendering) replace(main, node);
    } catch (error) {
      if (ticket === rendering)
        replace(
          main,
          h(
            "div",
            { class: "fatal" },
            h("p", {}, `Could not read the chain: ${String((error as Error).message ?? error)}`),
          ),
        );
    }
    if (ticket === rendering) {
      main.dataset.ready = pageId;
      main.dataset.busy = "0";
    }
  };

  const renderWallet = () => {
    const s = wallets.state;
    banner.hidden = !wallets.wrongChain;
    if (wallets.wrongChain && s !== undefined) {
      replace(
        banner,
        `Wrong network: your wallet is on chain ${s.chainId}, this deployment is on ${config.chainName} (chain ${config.chainId}). `,
        h(
          "button",
          {
            "data-testid": "switch-network",
            onclick: () =>
              void wallets
                .switchChain()
                .catch((e: unknown) =>
                  tx.refuse("Switch network", String((e as Error).message ?? e)),
                ),
          },
          `Switch to ${config.chainName}`,
        ),
      );
    }
    if (s === undefined) {
      const options = wallets.connectors();
      replace(
        walletBox,
        options.length === 0
          ? h(
              "span",
              { class: "muted" },
              "No wallet found: install one, or run `npm run app` for the local dev wallet.",
            )
          : h(
              "span",
              {},
              "Connect: ",
              ...options.map((c) =>
                h(
                  "button",
                  {
                    class: c.local ? "dev" : "",
                    "data-testid": `connect-${c.id}`,
                    title: c.local
                      ? "Signs with the local node's Hardhat accounts: never for a real network"
                      : c.name,
                    onclick: () =>
                      void wallets
                        .connect(c)
                        .catch((e: unknown) =>
                          tx.refuse(`Connect ${c.name}`, String((e as Error).message ?? e)),
                        ),
                  },
                  c.icon ? h("img", { src: c.icon, alt: "" }) : null,
                  c.name,
                ),
              ),
            ),
      );
      return;
    }
    const parts: (HTMLElement | string)[] = [
      h(
        "span",
        { class: s.connector.local ? "tag dev" : "tag" },
        s.connector.local ? "LOCAL DEV WALLET" : s.connector.name,
      ),
      h("code", { "data-testid": "account", title: s.account }, short(s.account)),
    ];
    if (s.connector.local && wallets.dev !== undefined) {
      const dev = wallets.dev;
      const select = h("select", {
        "data-testid": "dev-account",
        onchange: (e: Event) => dev.select((e.target as HTMLSelectElement).value),
      });
      void dev.accounts().then((accounts) => {
        accounts.forEach((a, i) =>
          select.append(
            h(
              "option",
              { value: a, selected: a.toLowerCase() === s.account.toLowerCase() },
              `#${i} ${short(a)}`,
            ),
          ),
        );
      });
      parts.push(select);
    }
    parts.push(
      h(
        "button",
        {
          onclick: () => {
            wallets.disconnect();
            void render();
          },
        },
        "Disconnect",
      ),
    );
    replace(walletBox, ...parts);
  };

  wallets.listen(() => void render());
  window.addEventListener("hashchange", () => void render());
  await render();
  // Announcements arrive asynchronously: give wallets a moment, then restore the last connection.
  setTimeout(() => void wallets.restore(), 150);
}

void start(document.getElementById("app") as HTMLElement);
