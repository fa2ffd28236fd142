import { ContainerRunnerError } from './container-runner-error.js';

/** What the SDK throws for an HTTP answer (a RestError): duck-typed, as core-rest-pipeline is not our direct dependency. */
interface ArmFailure {
  statusCode?: number;
  code?: string;
  message: string;
}

const isArmFailure = (error: unknown): error is ArmFailure => error instanceof Error && ('statusCode' in error || 'code' in error);

export const isNotFound = (error: unknown): boolean => isArmFailure(error) && error.statusCode === 404;

/** The SDK's error as a ContainerRunnerError that says which call failed, keeping ARM's code and status. */
export function armRunnerError(doing: string, error: unknown): ContainerRunnerError {
  if (error instanceof ContainerRunnerError) return error;
  const failure = isArmFailure(error) ? error : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return new ContainerRunnerError(`Could not ${doing}: ${message}`, {
    code: typeof failure?.code === 'string' ? failure.code : 'ArmRequestFailed',
    statusCode: typeof failure?.statusCode === 'number' ? failure.statusCode : undefined,
    cause: error,
  });
}
