import type { Environment } from "../core/workspace.js";

/** DESIGN §5: each environment's URL and token variable; a file only ever goes to its own. */
export const ENVIRONMENT_SETTINGS: Record<Environment, { url: string; tokenVariable: string; urlVariable: string }> = {
  sandbox: { url: "https://api.sandbox.propexo.com", tokenVariable: "PROPEXO_SANDBOX_TOKEN", urlVariable: "PROPEXO_SANDBOX_URL" },
  production: { url: "https://api.propexo.com", tokenVariable: "PROPEXO_PRODUCTION_TOKEN", urlVariable: "PROPEXO_PRODUCTION_URL" },
};

export interface Endpoint {
  url: string;
  token: string;
}

/** The endpoint for an environment from the given variables, or what is missing. */
export function endpointFor(env: Environment, vars: Readonly<Record<string, string | undefined>>): Endpoint | { missing: string } {
  const s = ENVIRONMENT_SETTINGS[env];
  const token = vars[s.tokenVariable];
  if (!token) return { missing: s.tokenVariable };
  return { url: vars[s.urlVariable] || s.url, token };
}
