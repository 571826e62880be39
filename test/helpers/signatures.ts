import type { Signer } from "ethers";
import type { LDVoteRelay } from "../../typechain-types/index.js";

/** EIP-712 types of the LD vote relay. */
export const VOTE_TYPES = {
  Vote: [
    { name: "voter", type: "address" },
    { name: "reactor", type: "address" },
    { name: "venues", type: "bytes32[]" },
    { name: "shares", type: "uint16[]" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
};

export const DELEGATION_TYPES = {
  Delegation: [
    { name: "delegator", type: "address" },
    { name: "reactor", type: "address" },
    { name: "delegatee", type: "address" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
};

/** The relay's EIP-712 domain; `overrides` forge another chain or contract. */
export async function relayDomain(
  relay: LDVoteRelay,
  overrides: { chainId?: bigint; verifyingContract?: string } = {},
) {
  const network = await relay.runner!.provider!.getNetwork();
  return {
    name: "Reactor LD Staking",
    version: "1",
    chainId: overrides.chainId ?? network.chainId,
    verifyingContract: overrides.verifyingContract ?? (await relay.getAddress()),
  };
}

export interface VoteMessage {
  voter: string;
  reactor: string;
  venues: string[];
  shares: bigint[];
  nonce: bigint;
  deadline: bigint;
}

export async function signVote(
  signer: Signer,
  relay: LDVoteRelay,
  message: VoteMessage,
  overrides: { chainId?: bigint; verifyingContract?: string } = {},
): Promise<string> {
  return signer.signTypedData(await relayDomain(relay, overrides), VOTE_TYPES, message);
}

export interface DelegationMessage {
  delegator: string;
  reactor: string;
  delegatee: string;
  nonce: bigint;
  deadline: bigint;
}

export async function signDelegation(
  signer: Signer,
  relay: LDVoteRelay,
  message: DelegationMessage,
  overrides: { chainId?: bigint; verifyingContract?: string } = {},
): Promise<string> {
  return signer.signTypedData(await relayDomain(relay, overrides), DELEGATION_TYPES, message);
}
