// Checks made before every deploy and every keeper run, each failing with one line that names
// what is wrong: the chain is the one the network's parameters were written for, every
// configured address holds code, and the tokens have the decimals the parameters assume.
import { isAddress, type Provider } from "ethers";
import type { DeploymentParameters } from "@nomicfoundation/ignition-core";
import type { NetworkProfile } from "./networks.js";
import type { SystemAddresses } from "./system.js";
import { erc20At } from "./tokens.js";

/** A failed check: the message is one line, with the fix where there is one. */
export class PreflightError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PreflightError";
  }
}

/** Decimals the parameters assume for the external assets (ExternalAssets.<key>). */
const EXTERNAL_DECIMALS: Readonly<Record<string, number>> = { weth: 18, usdc: 6 };

/** The chain is one the profile was written for. */
export async function checkChainId(provider: Provider, profile: NetworkProfile): Promise<number> {
  const chainId = Number((await provider.getNetwork()).chainId);
  if (!profile.chainIds.includes(chainId)) {
    throw new PreflightError(
      `preflight: the node is chain ${chainId}, but ${profile.network}'s parameters (${profile.parametersFile}) are for chain ${profile.chainIds.join(" or ")}: wrong --rpc-url or --network?`,
    );
  }
  return chainId;
}

/** Every address has code (`label` names where it was configured). */
export async function checkCode(
  provider: Provider,
  chainId: number,
  addresses: readonly { readonly label: string; readonly address: string }[],
  hint: string,
): Promise<void> {
  for (const { label, address } of addresses) {
    if (!isAddress(address)) {
      throw new PreflightError(`preflight: ${label} is not an address (${String(address)})`);
    }
    if ((await provider.getCode(address)) === "0x") {
      throw new PreflightError(
        `preflight: no contract at ${label} (${address}) on chain ${chainId}: ${hint}`,
      );
    }
  }
}

/** Before a deploy: the chain, code at every address in the parameters, the assets' decimals. */
export async function preflightDeploy(
  provider: Provider,
  profile: NetworkProfile,
  parameters: DeploymentParameters,
): Promise<void> {
  const chainId = await checkChainId(provider, profile);
  const configured: { label: string; address: string }[] = [];
  for (const moduleId of ["ExternalAssets", "ExistingDex"]) {
    for (const [key, value] of Object.entries(parameters[moduleId] ?? {})) {
      if (typeof value === "string")
        configured.push({ label: `${moduleId}.${key}`, address: value });
    }
  }
  await checkCode(
    provider,
    chainId,
    configured,
    `fix ${profile.parametersFile} or point --rpc-url at the chain it describes`,
  );
  for (const [key, expected] of Object.entries(EXTERNAL_DECIMALS)) {
    const address = parameters.ExternalAssets?.[key];
    if (typeof address !== "string") continue;
    const decimals = Number(await erc20At(address, provider).decimals());
    if (decimals !== expected) {
      throw new PreflightError(
        `preflight: ExternalAssets.${key} (${address}) has ${decimals} decimals, expected ${expected}`,
      );
    }
  }
}

/** Every contract address in an address book, labelled by its key. */
export function addressBookEntries(book: SystemAddresses): { label: string; address: string }[] {
  const entries: { label: string; address: string }[] = [];
  for (const [key, value] of Object.entries(book)) {
    if (typeof value === "string" && key !== "network")
      entries.push({ label: key, address: value });
    else if (typeof value === "object" && value !== null) {
      for (const [sub, address] of Object.entries(value as Record<string, unknown>)) {
        if (typeof address === "string") entries.push({ label: `${key}.${sub}`, address });
      }
    }
  }
  return entries;
}

/** Before a keeper run: the chain, code at every address of the deployment, asset decimals. */
export async function preflightKeeper(
  provider: Provider,
  profile: NetworkProfile,
  book: SystemAddresses,
  source: string,
): Promise<void> {
  const chainId = await checkChainId(provider, profile);
  if (book.chainId !== chainId) {
    throw new PreflightError(
      `preflight: ${source} is for chain ${book.chainId}, but the node is chain ${chainId}`,
    );
  }
  await checkCode(
    provider,
    chainId,
    addressBookEntries(book),
    `was the node restarted since the deployment? Deploy again (npm run deploy -- --network ${profile.network} --reset)`,
  );
}
