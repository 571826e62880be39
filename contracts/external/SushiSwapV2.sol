// SPDX-License-Identifier: GPL-3.0
// SushiSwap's source only compiles with 0.6.12; this file is the one place that version is used.
// solhint-disable-next-line compiler-version
pragma solidity =0.6.12;

// SushiSwap's npm package ships its factory and pair as Solidity source only, with no bytecode.
// Importing them here (and listing them in hardhat.config.ts npmFilesToBuild) builds SushiSwap's
// own code, unmodified, with the compiler it was written for. Its Router02 is not built: it
// hard-codes mainnet's pair init-code hash, which this build does not reproduce; our adapters
// talk to pairs through the factory instead.
// The imports are the point of this file (they make Hardhat emit the artifacts); nothing here
// uses them by name.
// solhint-disable no-unused-import
import {UniswapV2Factory} from "@sushiswap/core/contracts/uniswapv2/UniswapV2Factory.sol";
import {UniswapV2Pair} from "@sushiswap/core/contracts/uniswapv2/UniswapV2Pair.sol";
