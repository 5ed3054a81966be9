/** Whether the environment says this is a CI machine, read one way everywhere (prompts, `run`, `setup`). */

/** True when CI is set to anything but "", "0" or "false" (CI services set CI=true). */
export function isCiEnvironment(env: NodeJS.ProcessEnv): boolean {
  const ci = env.CI?.trim().toLowerCase();
  return ci !== undefined && ci !== "" && ci !== "0" && ci !== "false";
}
