import { statusJob } from "../../jobs/status.js";
import { jobCommand } from "../command.js";

export const statusCommand = jobCommand(
  "status",
  "cycle, Reactors, stakes, emissions, APRs and Treasury holdings",
  statusJob,
);
