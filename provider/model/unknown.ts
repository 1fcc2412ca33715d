/** Pulumi passes this for values not known during preview; they cannot be judged yet. */
export const PULUMI_UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
