import { customScheduleRule } from "./custom-schedule.js";
import { fileNameRule } from "./file-name.js";
import type { Rule } from "./rule.js";
import { secretsRule } from "./secrets.js";
import { uniqueNameRule } from "./unique-name.js";

/** Every semantic rule, run in this order after the schema. */
export const RULES: readonly Rule[] = [fileNameRule, uniqueNameRule, secretsRule, customScheduleRule];
