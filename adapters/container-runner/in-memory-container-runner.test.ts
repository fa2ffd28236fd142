import { containerRunnerContract } from './container-runner.contract.js';
import { InMemoryContainerRunner } from './in-memory-container-runner.js';

// Keeps the contract suite itself honest, without a platform: the ACI adapter runs it in test/integration.
containerRunnerContract('InMemoryContainerRunner', async () => new InMemoryContainerRunner());
containerRunnerContract(
  'InMemoryContainerRunner (workers still starting)',
  async () => new InMemoryContainerRunner({ initialState: 'starting' }),
);
