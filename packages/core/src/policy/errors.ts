/** Thrown by `createRedactor` when a policy is not valid. `field` names the bad field. */
export class PolicyError extends Error {
  /** The policy field at fault, such as `paths[2]` or `censor.key`. */
  readonly field: string;

  constructor(field: string, problem: string) {
    super(`Invalid hushlog policy: ${field} ${problem}`);
    this.name = 'PolicyError';
    this.field = field;
  }
}
